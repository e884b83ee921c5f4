using Paas.Core.Containers;
using Paas.Core.Images;
using Paas.Runtime.Oci;

namespace Paas.Runtime.Bundles;

/// <summary>
/// Resolves the first process from the spec and the image config (Docker's rules: spec command
/// replaces entrypoint + cmd; spec env overrides image env) against the container's own files.
/// </summary>
public static class ProcessPlanner
{
    public const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>Where the init binary appears inside every container.</summary>
    public const string InitDestination = "/dev/init";

    public static (OciProcessPlan? Plan, IReadOnlyList<string> Problems) Plan(ContainerSpec spec, ImageConfig image, RootfsView view)
    {
        var problems = new List<string>();
        var command = spec.Command.Count > 0 ? spec.Command : image.Entrypoint.Concat(image.Cmd).ToList();
        if (command.Count == 0)
            problems.Add($"no command: the spec gives none and image '{spec.Image}' has no entrypoint or cmd");

        var env = new Dictionary<string, string>(StringComparer.Ordinal) { ["PATH"] = DefaultPath };
        foreach (var entry in image.Env)
            if (entry.Split('=', 2) is [var k, var v]) env[k] = v;
        env["HOSTNAME"] = spec.Hostname;
        var (user, userError) = UserResolver.Resolve(string.IsNullOrEmpty(spec.User) ? image.User : spec.User, view);
        if (userError is not null) problems.Add(userError);
        if (user is not null) env["HOME"] = user.Home;
        foreach (var (k, v) in spec.Env) env[k] = v;

        if (command.Count > 0 && !view.CommandExists(command[0], env["PATH"]))
            problems.Add($"command '{command[0]}' is not in image '{spec.Image}' (searched PATH={env["PATH"]})");

        if (problems.Count > 0 || user is null) return (null, problems);
        var cwd = !string.IsNullOrEmpty(spec.WorkingDir) ? spec.WorkingDir : !string.IsNullOrEmpty(image.WorkingDir) ? image.WorkingDir : "/";
        // tini as PID 1 forwards signals to the command's process group (-g) and reaps zombies.
        string[] args = [InitDestination, "-g", "--", .. command];
        return (new OciProcessPlan(args, env.Select(e => $"{e.Key}={e.Value}").ToList(), cwd, user.Uid, user.Gid, user.AdditionalGids), []);
    }
}

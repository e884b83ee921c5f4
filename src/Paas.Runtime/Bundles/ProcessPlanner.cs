using Paas.Core.Containers;
using Paas.Core.Images;
using Paas.Runtime.Oci;
using Paas.Runtime.UserNamespaces;

namespace Paas.Runtime.Bundles;

/// <summary>
/// Resolves the first process from the spec and the image config (Docker's rules: spec command
/// replaces entrypoint + cmd; spec env overrides image env) against the container's own files.
/// The user is the spec's, else the image's USER, else the stack's unprivileged `app` (uid 1000):
/// root only when asked for by name.
/// </summary>
public static class ProcessPlanner
{
    public const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>Where the init binary appears inside every container.</summary>
    public const string InitDestination = "/dev/init";

    /// <summary>The stacks' `app` user, by number so an image without that name still gets an unprivileged user.</summary>
    public const string DefaultUser = "1000";

    public static (OciProcessPlan? Plan, IReadOnlyList<string> Problems) Plan(
        ContainerSpec spec, ImageConfig image, RootfsView view, UserNamespaceMapping? userns = null)
    {
        var problems = new List<string>();
        var command = spec.Command.Count > 0 ? spec.Command : image.Entrypoint.Concat(image.Cmd).ToList();
        if (command.Count == 0)
            problems.Add($"no command: the spec gives none and image '{spec.Image}' has no entrypoint or cmd");

        var env = new Dictionary<string, string>(StringComparer.Ordinal) { ["PATH"] = DefaultPath };
        foreach (var entry in image.Env)
            if (entry.Split('=', 2) is [var k, var v]) env[k] = v;
        env["HOSTNAME"] = spec.Hostname;
        var userName = !string.IsNullOrEmpty(spec.User) ? spec.User : !string.IsNullOrEmpty(image.User) ? image.User : DefaultUser;
        var (user, userError) = UserResolver.Resolve(userName, view);
        if (userError is not null) problems.Add(userError);
        if (user is not null && userns is not null && UnmappedId(user, userns) is { } unmapped)
        {
            problems.Add($"user '{userName}' has id {unmapped}, outside the containers' user namespace (ids 0-{userns.Count - 1}): use a user or group id below {userns.Count}");
            user = null;
        }
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

    /// <summary>runc can only switch to ids the namespace maps ("cannot set uid to unmapped user").</summary>
    private static uint? UnmappedId(UserSpec user, UserNamespaceMapping userns) =>
        new[] { user.Uid, user.Gid }.Concat(user.AdditionalGids).Where(id => !userns.Maps(id)).Select(id => (uint?)id).FirstOrDefault();
}

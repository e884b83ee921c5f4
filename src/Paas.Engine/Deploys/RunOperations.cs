using System.Globalization;
using Paas.Core.Auth;
using Paas.Core.Builds;
using Paas.Core.Config;
using Paas.Core.Containers;
using Paas.Core.Contracts;
using Paas.Core.Deploys;
using Paas.Core.Errors;
using Paas.Core.Formation;
using Paas.Engine.Operations;

namespace Paas.Engine.Deploys;

/// <summary>
/// `run` (a one-off container of the serving release, its output streamed, its exit code returned;
/// the caller going away kills it) and `enter` (a command in a running instance). The audit log
/// names the program only: arguments may hold secrets.
/// </summary>
public sealed class RunOperations(StateOperation op, IContainerRuntime runtime)
{
    public const int MaxArguments = 256;
    public const int MaxCommandBytes = 128 * 1024;
    public static readonly TimeSpan DefaultTtl = TimeSpan.FromDays(1);
    public static readonly TimeSpan EnterTimeout = TimeSpan.FromHours(1);

    public async Task<int> RunAsync(Actor actor, string app, RunRequest request, IContainerOutput output, CancellationToken ct)
    {
        var command = ValidateCommand(request.Command);
        var env = request.Env ?? new Dictionary<string, string>();
        var errors = new ValidationErrors();
        foreach (var (key, value) in env)
        {
            if (!ConfigKey.IsValid(key)) errors.Add("env", ConfigKey.Problem(key));
            if (value is null || value.Contains('\0')) errors.Add("env", $"--env {key} has no value or holds a NUL character");
        }
        if (request.TtlSeconds is < 1 or > 7 * 24 * 3600)
            errors.Add("ttlSeconds", $"--ttl-seconds {request.TtlSeconds} is out of range: use 1 to {7 * 24 * 3600}");
        errors.ThrowIfAny();

        var (context, number) = await op.RunAsync(async s =>
        {
            var found = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: false, ct);
            var read = await DeployContext.ReadAsync(s, found.Id, null, ct);
            if (read?.Release?.ImageDigest is null)
                throw new ConflictException($"app '{app}' has no deployed release to run in: push code first (git push)");
            await StateOperation.AuditAsync(s, actor, "run", app, ct, ("program", command[0]));
            return (read, Random.Shared.Next(1, 10000));
        }, ct);
        var argv = command.Count == 1 ? [AppImage.Exec, "/bin/sh", "-c", command[0]] : new List<string> { AppImage.Exec }.Concat(command).ToList();
        var spec = InstanceSpecs.OneOff(context.App, context.Release!, argv, "run", "run." + number.ToString(CultureInfo.InvariantCulture),
            context.Port, EffectiveLimits.For(context.Limits, "run"), env);
        try
        {
            var exit = await runtime.RunAttachedAsync(spec, output, request.TtlSeconds is { } ttl ? TimeSpan.FromSeconds(ttl) : DefaultTtl, ct);
            return exit.ExitCode ?? 1;
        }
        catch (TimeoutException)
        {
            await output.WriteLineAsync(LogStream.Stderr, $"run: stopped after its ttl ({request.TtlSeconds ?? DefaultTtl.TotalSeconds:0} s)", ct);
            return 124;
        }
    }

    public async Task<int> EnterAsync(Actor actor, string app, EnterRequest request, IContainerOutput output, CancellationToken ct)
    {
        var command = ValidateCommand(request.Command);
        var containerId = await op.RunAsync(async s =>
        {
            var found = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: false, ct);
            var instances = await s.Instances.ListAsync(found.Id, ct);
            var instance = instances.FirstOrDefault(i => i.Dyno == request.Dyno && i.State == InstanceState.Running && i.ReleaseVersion == found.ServingRelease)
                ?? throw new NotFoundException($"app '{app}' has no running instance '{request.Dyno}': " +
                    $"running ones are {string.Join(", ", instances.Where(i => i.State == InstanceState.Running).Select(i => i.Dyno).DefaultIfEmpty("none"))}");
            await StateOperation.AuditAsync(s, actor, "enter", app, ct, ("dyno", instance.Dyno), ("program", command[0]));
            return instance.ContainerId!;
        }, ct);
        var argv = command.Count == 1 ? [AppImage.Exec, "/bin/sh", "-c", command[0]] : new List<string> { AppImage.Exec }.Concat(command).ToList();
        var result = await runtime.ExecAsync(containerId, argv, null, EnterTimeout, ct);
        foreach (var line in Lines(result.Stdout)) await output.WriteLineAsync(LogStream.Stdout, line, ct);
        foreach (var line in Lines(result.Stderr)) await output.WriteLineAsync(LogStream.Stderr, line, ct);
        return result.ExitCode;
    }

    private static IEnumerable<string> Lines(string text) =>
        text.Length == 0 ? [] : text.TrimEnd('\n').Split('\n');

    private static IReadOnlyList<string> ValidateCommand(IReadOnlyList<string>? command)
    {
        if (command is null || command.Count == 0 || string.IsNullOrWhiteSpace(command[0]))
            throw new ValidationException("command", "no command given: for example `paas run APP 'python manage.py migrate'`");
        if (command.Count > MaxArguments)
            throw new ValidationException("command", $"{command.Count} arguments: at most {MaxArguments}");
        if (command.Sum(a => (long)(a?.Length ?? 0)) > MaxCommandBytes || command.Any(a => a is null || a.Contains('\0')))
            throw new ValidationException("command", $"the command is longer than {MaxCommandBytes / 1024} KiB or holds a NUL character");
        return command;
    }
}

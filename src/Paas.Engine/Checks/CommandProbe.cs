using Paas.Core.Checks;
using Paas.Core.Containers;

namespace Paas.Engine.Checks;

/// <summary><c>command</c>: run in the container through the app's launcher, within the check's timeout; exit code 0 passes.</summary>
internal static class CommandProbe
{
    private const int MaxShownOutput = 200;

    public static async Task<ProbeResult> TryAsync(IContainerRuntime runtime, HealthCheck check, CheckTarget target, CancellationToken ct)
    {
        ExecResult result;
        try
        {
            result = await runtime.ExecAsync(target.ContainerId, [.. target.CommandLauncher, .. check.Command], env: null, check.Timeout, ct);
        }
        catch (TimeoutException)
        {
            return ProbeResult.Fail($"the command did not finish within {HealthCheck.Seconds(check.Timeout)}");
        }
        catch (ContainerException e)
        {
            return ProbeResult.Fail(e.Message);
        }
        if (result.ExitCode == 0) return ProbeResult.Pass;
        var said = LastLine(result.Stderr) ?? LastLine(result.Stdout);
        return ProbeResult.Fail($"exit code {result.ExitCode}{(said is null ? "" : ": " + said)}");
    }

    /// <summary>The command's last words, which usually say why; bounded, since the app wrote them.</summary>
    private static string? LastLine(string output)
    {
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        if (line is null) return null;
        line = new string(line.Where(c => !char.IsControl(c)).ToArray());
        return line.Length <= MaxShownOutput ? line : line[..MaxShownOutput] + "...";
    }
}

using Paas.Cli.Console;
using Paas.Core.Contracts;

namespace Paas.Cli.Commands.Config;

/// <summary>The closing lines of config:set and config:unset: what changed and which release it made.</summary>
public static class ConfigChangeOutput
{
    public static void Print(TextWriter output, ConfigChangeResult result, bool noRestart)
    {
        if (result.Changed.Count == 0)
        {
            output.Step("Nothing changed");
            return;
        }
        if (result.Release is not { } release) return;
        output.Step(noRestart
            ? $"Release v{release} created (--no-restart: running processes keep their config)"
            : $"Release v{release} created");
    }
}

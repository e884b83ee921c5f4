namespace Paas.Dashboard.AppPages.Terminal;

/// <summary>What the console attaches to: a one-off container of the serving release, or a running instance.</summary>
public enum ConsoleMode
{
    Run,
    Enter,
}

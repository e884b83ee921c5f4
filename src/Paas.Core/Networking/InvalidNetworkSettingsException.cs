namespace Paas.Core.Networking;

/// <summary>Network settings that cannot work (bad bridge name or subnet). Lists every problem at once.</summary>
public sealed class InvalidNetworkSettingsException : ContainerNetworkException
{
    public InvalidNetworkSettingsException(IReadOnlyList<string> problems)
        : base("invalid network settings: " + string.Join("; ", problems)) => Problems = problems;

    public IReadOnlyList<string> Problems { get; }
}

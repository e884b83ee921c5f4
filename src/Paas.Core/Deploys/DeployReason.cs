namespace Paas.Core.Deploys;

/// <summary>Why a deploy ran, as its row and `ps:report` show it.</summary>
public static class DeployReason
{
    public const string Push = "push";
    public const string Config = "config";
    public const string Rollback = "rollback";
    public const string Restart = "restart";
    public const string Start = "start";
}

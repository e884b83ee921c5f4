namespace Paas.Core.Deploys;

public enum DeploymentStatus
{
    Running,
    Succeeded,
    Failed,
}

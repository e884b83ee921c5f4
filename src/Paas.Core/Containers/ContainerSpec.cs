using Paas.Core.Limits;
using Paas.Core.Networking;

namespace Paas.Core.Containers;

/// <summary>
/// What to run. <see cref="Command"/> empty means the image's entrypoint + cmd; a null
/// <see cref="WorkingDir"/> or <see cref="User"/> means the image's. <see cref="Labels"/> carry
/// app, process type and release (see <see cref="ContainerLabels"/>).
/// </summary>
public sealed record ContainerSpec(
    string Image,
    IReadOnlyList<string> Command,
    IReadOnlyDictionary<string, string> Env,
    string? WorkingDir,
    string? User,
    string Hostname,
    IReadOnlyDictionary<string, string> Labels,
    ResourceLimits Limits,
    IReadOnlyList<VolumeMount> Volumes,
    NetworkMode Network,
    IReadOnlyList<PortBinding> Ports);

using Paas.Core.Containers;

namespace Paas.Runtime.Oci;

/// <summary>The OCI runtime refused a signal because the container's init has already exited.</summary>
public sealed class ContainerNotRunningException(string id)
    : ContainerException($"container '{id}' is not running");

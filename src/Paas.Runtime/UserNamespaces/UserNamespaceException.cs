using Paas.Core.Containers;

namespace Paas.Runtime.UserNamespaces;

/// <summary>The host has no usable id range for the containers' user namespace; the message says how to add one.</summary>
public sealed class UserNamespaceException(string message) : ContainerException(message);

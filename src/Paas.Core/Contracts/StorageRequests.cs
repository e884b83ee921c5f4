namespace Paas.Core.Contracts;

/// <summary>storage:mount and storage:unmount: "NAME:/container/path" (":ro" at the end for a read-only mount).</summary>
public sealed record StorageRequest(string Mount);

/// <summary>storage:ensure-directory: the volume's name.</summary>
public sealed record EnsureStorageDirectoryRequest(string Name);

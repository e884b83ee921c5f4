namespace Paas.Core.Contracts;

/// <summary>storage:ensure-directory's answer: the volume's host directory and its owner as the host sees it (files copied in need that owner).</summary>
public sealed record StorageDirectoryView(string Name, string HostPath, uint HostUid, uint HostGid);

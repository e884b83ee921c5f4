using Paas.Core.Auth;
using Paas.Core.Contracts;
using Paas.Core.Errors;
using Paas.Core.Storage;
using Paas.Engine.Operations;

namespace Paas.Engine.Storage;

/// <summary>
/// storage:mount|unmount|list. A mount names one of the app's own volumes and a container path; the host
/// directory is derived from the app's id (<see cref="IAppVolumes"/>), so a user can neither name a host path
/// nor reach another app's data. Changes apply to containers started afterwards (ps:restart, the next deploy).
/// Unmounting keeps the data; apps:destroy removes it.
/// </summary>
public sealed class StorageOperations(StateOperation op, IAppVolumes volumes)
{
    public async Task<IReadOnlyList<StorageMountView>> ListAsync(Actor actor, string app, CancellationToken ct)
    {
        var (id, mounts) = await op.ReadAsync(async s =>
        {
            var found = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: false, ct);
            return (found.Id, await s.Storage.ListAsync(found.Id, ct));
        }, ct);
        return Views(id, mounts);
    }

    public async Task<IReadOnlyList<StorageMountView>> MountAsync(Actor actor, string app, string? mount, CancellationToken ct)
    {
        var parsed = Parse(mount);
        var (id, mounts) = await op.RunAsync(async s =>
        {
            var found = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: true, ct);
            var own = await s.Storage.ListAsync(found.Id, ct);
            if (own.FirstOrDefault(m => m.ContainerPath == parsed.ContainerPath) is { } taken)
                throw new ConflictException(
                    $"app '{app}' already mounts '{taken}' at '{parsed.ContainerPath}': unmount it first (`paas storage:unmount {app} {taken.Name}:{taken.ContainerPath}`) or choose another container path");
            await s.Storage.AddAsync(found.Id, parsed, ct);
            await StateOperation.AuditAsync(s, actor, "storage:mount", app, ct, ("mount", parsed.ToString()));
            return (found.Id, await s.Storage.ListAsync(found.Id, ct));
        }, ct);
        return Views(id, mounts);
    }

    public async Task<IReadOnlyList<StorageMountView>> UnmountAsync(Actor actor, string app, string? mount, CancellationToken ct)
    {
        var parsed = Parse(mount);
        var (id, mounts) = await op.RunAsync(async s =>
        {
            var found = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: true, ct);
            if (!await s.Storage.RemoveAsync(found.Id, parsed.Name, parsed.ContainerPath, ct))
                throw new NotFoundException($"mount '{parsed.Name}:{parsed.ContainerPath}' is not set on app '{app}': see `paas storage:list {app}`");
            await StateOperation.AuditAsync(s, actor, "storage:unmount", app, ct, ("mount", $"{parsed.Name}:{parsed.ContainerPath}"));
            return (found.Id, await s.Storage.ListAsync(found.Id, ct));
        }, ct);
        return Views(id, mounts);
    }

    /// <summary>
    /// storage:ensure-directory: the volume's directory made now (owned as the serving release's containers will use
    /// it), so an operator can copy data in before the first container mounts it.
    /// </summary>
    public async Task<StorageDirectoryView> EnsureDirectoryAsync(Actor actor, string app, string? requestedName, CancellationToken ct)
    {
        var name = requestedName ?? "";
        if (StorageMount.NameProblem(name) is { } problem) throw new ValidationException("name", problem);
        var (id, image) = await op.RunAsync(async s =>
        {
            var found = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: false, ct);
            var serving = found.ServingRelease is { } v ? await s.Releases.FindAsync(found.Id, v, ct) : null;
            await StateOperation.AuditAsync(s, actor, "storage:ensure-directory", app, ct, ("name", name));
            return (found.Id, serving?.ImageDigest);
        }, ct);
        var (path, uid, gid) = await volumes.EnsureAsync(id, image, name, ct);
        return new StorageDirectoryView(name, path, uid, gid);
    }

    private IReadOnlyList<StorageMountView> Views(long appId, IReadOnlyList<StorageMount> mounts) =>
        mounts.Select(m => new StorageMountView(m.Name, m.ContainerPath, m.ReadOnly, volumes.DirectoryOf(appId, m.Name))).ToList();

    private static StorageMount Parse(string? text)
    {
        if (StorageMount.TryParse(text ?? "", out var mount) is { } problem)
            throw new ValidationException("mount", problem);
        return mount;
    }
}

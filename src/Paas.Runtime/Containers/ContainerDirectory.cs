using System.Text.Json;
using System.Text.Json.Serialization;
using Paas.Core.Containers;
using Paas.Runtime.Images;
using Paas.Runtime.Monitor;
using Paas.Runtime.Oci;
using Paas.Runtime.UserNamespaces;

namespace Paas.Runtime.Containers;

/// <summary>
/// The files of one container: under $ROOT/run/containers/&lt;id&gt;/ (tmpfs) the bundle (config.json +
/// rootfs mount point), monitor pid files and our own records; its exit file is $ROOT/run/exits/&lt;id&gt;,
/// beside every other container's (<see cref="RuntimePaths.Exits"/>); under $ROOT/writable/&lt;id&gt;/
/// (disk) the overlay's upper and work dirs.
/// </summary>
public sealed class ContainerDirectory(RuntimePaths paths, string id)
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public string Id { get; } = id;
    public string Dir { get; } = Path.Combine(paths.Containers, id);
    public string Bundle => Path.Combine(Dir, "bundle");
    public string Rootfs => Path.Combine(Bundle, "rootfs");
    public string ConfigJson => Path.Combine(Bundle, "config.json");
    public string WritableDir { get; } = Path.Combine(paths.Writable, id);
    public string Upper => Path.Combine(WritableDir, "upper");
    public string Work => Path.Combine(WritableDir, "work");
    public string EtcDir => Path.Combine(Dir, "etc");
    public string RecordFile => Path.Combine(Dir, "container.json");
    public string ExitRecordFile => Path.Combine(Dir, "exit.json");
    public string StartedFile => Path.Combine(Dir, "started");

    /// <summary>conmon's exit file, in the directory all conmons share: see <see cref="RuntimePaths.Exits"/>.</summary>
    public string ExitFile { get; } = Path.Combine(paths.Exits, id);

    /// <summary>Held while the exit is recorded, so that one inspector records it and the others read it.</summary>
    public string ExitLockFile => Path.Combine(Dir, "exit.lock");

    /// <summary>Short on purpose: conmon puts the attach socket behind this path and sockets allow 108 bytes.</summary>
    public string SocketDir { get; } = Path.Combine(paths.Run, "sock");

    public bool Exists => File.Exists(RecordFile);

    /// <summary>
    /// The container's directories. With a user namespace, the way to the rootfs and the bound
    /// files is traversable for runc, which mounts as the container's root; the upper and work
    /// dirs belong to that root (the overlay's root dir is the upper's), inside a writable dir no
    /// host user may enter.
    /// </summary>
    public void CreateDirectories(UserNamespaceMapping? userns)
    {
        var path = userns is null ? RuntimeDirectories.Private : RuntimeDirectories.Traversable;
        foreach (var d in new[] { Dir, Bundle, Rootfs, EtcDir }) RuntimeDirectories.Ensure(d, path);
        RuntimeDirectories.Ensure(WritableDir, RuntimeDirectories.Private);
        var (uid, gid) = userns is null ? (0u, 0u) : (userns.ToHostUid(0), userns.ToHostGid(0));
        RuntimeDirectories.Ensure(Upper, 0b111_101_101, uid, gid);
        RuntimeDirectories.Ensure(Work, RuntimeDirectories.Private, uid, gid);
    }

    public ConmonRequest Monitor(string? logPath) => new(
        Id, Bundle,
        ContainerPidFile: Path.Combine(Dir, "container.pid"),
        ConmonPidFile: Path.Combine(Dir, "conmon.pid"),
        ExitDir: paths.Exits,
        PersistDir: Path.Combine(Dir, "persist"),
        SocketDir: SocketDir,
        LogPath: logPath,
        RuntimeLogPath: Path.Combine(Dir, "runtime.log"));

    public ContainerRecord ReadRecord() =>
        JsonSerializer.Deserialize<ContainerRecord>(File.ReadAllText(RecordFile), Json)
        ?? throw new ContainerException($"container '{Id}': {RecordFile} is empty");

    public void WriteRecord(ContainerRecord record) => WriteAtomically(RecordFile, JsonSerializer.Serialize(record, Json));

    /// <summary>The container's conmon as its record names it (pid, start time, boot); null before the create completed or once deleted.</summary>
    public ProcessIdentity? RecordedMonitor()
    {
        try { return Exists ? ReadRecord().Monitor : null; }
        catch (Exception e) when (e is IOException or JsonException) { return null; } // deleted meanwhile
    }

    /// <summary>Adds the just-created init (<paramref name="initPid"/>) and its conmon, by pid, start time and boot, to the record.</summary>
    public ContainerRecord RecordProcesses(ContainerRecord record, int initPid)
    {
        var conmon = ConmonMonitor.ReadPid(Monitor(record.LogPath).ConmonPidFile);
        var completed = record with { Init = ProcessIdentity.Of(initPid), Monitor = conmon is { } pid ? ProcessIdentity.Of(pid) : null };
        WriteRecord(completed);
        return completed;
    }

    public ExitRecord? ReadExit() =>
        File.Exists(ExitRecordFile) ? JsonSerializer.Deserialize<ExitRecord>(File.ReadAllText(ExitRecordFile), Json) : null;

    /// <summary>
    /// The container's exit record, written from <paramref name="observe"/> by the first caller that
    /// gets here; later and concurrent callers (several inspections at once, or another paasd)
    /// read that one. <c>Recorded</c> is true only for the caller that wrote it.
    /// </summary>
    public async Task<(ExitRecord Exit, bool Recorded)> RecordExitOnceAsync(Func<ExitRecord> observe, CancellationToken ct)
    {
        using var held = await FileLock.AcquireAsync(ExitLockFile, ct);
        if (ReadExit() is { } recorded) return (recorded, false);
        var exit = observe();
        WriteAtomically(ExitRecordFile, JsonSerializer.Serialize(exit, Json));
        return (exit, true);
    }

    public DateTimeOffset? ReadStarted() =>
        File.Exists(StartedFile) && DateTimeOffset.TryParse(File.ReadAllText(StartedFile), out var t) ? t : null;

    public void WriteStarted(DateTimeOffset at) => WriteAtomically(StartedFile, at.ToString("O"));

    /// <summary>
    /// A temp file of its own (two writers never share one), then a rename over the file. Owner-only
    /// from the moment it exists: the record holds the spec's environment, secrets included.
    /// </summary>
    private static void WriteAtomically(string file, string content)
    {
        var tmp = $"{file}.{Guid.NewGuid():N}.tmp";
        PrivateFile.Write(tmp, content);
        File.Move(tmp, file, overwrite: true);
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;
using Paas.Core.Containers;
using Paas.Runtime.Monitor;

namespace Paas.Runtime.Containers;

/// <summary>
/// The files of one container: under $ROOT/run/containers/&lt;id&gt;/ (tmpfs) the bundle (config.json +
/// rootfs mount point), monitor pid and exit files and our own records; under
/// $ROOT/writable/&lt;id&gt;/ (disk) the overlay's upper and work dirs.
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

    /// <summary>Short on purpose: conmon puts the attach socket behind this path and sockets allow 108 bytes.</summary>
    public string SocketDir { get; } = Path.Combine(paths.Run, "sock");

    public bool Exists => File.Exists(RecordFile);

    public ConmonRequest Monitor(string logPath) => new(
        Id, Bundle,
        ContainerPidFile: Path.Combine(Dir, "container.pid"),
        ConmonPidFile: Path.Combine(Dir, "conmon.pid"),
        ExitDir: Path.Combine(Dir, "exits"),
        PersistDir: Path.Combine(Dir, "persist"),
        SocketDir: SocketDir,
        LogPath: logPath,
        RuntimeLogPath: Path.Combine(Dir, "runtime.log"));

    public ContainerRecord ReadRecord() =>
        JsonSerializer.Deserialize<ContainerRecord>(File.ReadAllText(RecordFile), Json)
        ?? throw new ContainerException($"container '{Id}': {RecordFile} is empty");

    public void WriteRecord(ContainerRecord record) => WriteAtomically(RecordFile, JsonSerializer.Serialize(record, Json));

    public ExitRecord? ReadExit() =>
        File.Exists(ExitRecordFile) ? JsonSerializer.Deserialize<ExitRecord>(File.ReadAllText(ExitRecordFile), Json) : null;

    public void WriteExit(ExitRecord exit) => WriteAtomically(ExitRecordFile, JsonSerializer.Serialize(exit, Json));

    public DateTimeOffset? ReadStarted() =>
        File.Exists(StartedFile) && DateTimeOffset.TryParse(File.ReadAllText(StartedFile), out var t) ? t : null;

    public void WriteStarted(DateTimeOffset at) => WriteAtomically(StartedFile, at.ToString("O"));

    private static void WriteAtomically(string file, string content)
    {
        var tmp = file + ".tmp";
        File.WriteAllText(tmp, content);
        File.Move(tmp, file, overwrite: true);
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;
using Paas.Core.Images;
using Paas.Core.Stacks;
using Paas.Runtime.Images.Native;

namespace Paas.Runtime.Stacks;

/// <summary>
/// The stacks paasd built, one &lt;name&gt;.json per stack in <c>$PAAS_ROOT/stacks</c>: the directory
/// 0700 and each record 0600, written atomically, by paasd alone. Nothing an image carries or an
/// import writes reaches this store, so a host path is bound into a container only because paasd
/// built a stack that binds it. Records that anyone but the owner could have written are ignored.
/// </summary>
internal sealed class StackRecords(string stacksDir)
{
    private const string Extension = ".json";
    private const uint GroupOrOtherWrite = 0b000_010_010;

    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public StackRecord? Find(string name) =>
        StackName.IsValid(name) ? Read(PathOf(name)) : null;

    public IReadOnlyList<StackRecord> All() =>
        Directory.Exists(stacksDir)
            ? Directory.EnumerateFiles(stacksDir, "*" + Extension)
                .Select(Read)
                .OfType<StackRecord>()
                .OrderBy(r => r.Name, StringComparer.Ordinal)
                .ToList()
            : [];

    /// <summary>Host binds for an image: those of the stack it is built on (the longest match), none for any other image.</summary>
    public IReadOnlyList<BindMount> BindsFor(IReadOnlyList<string> imageLayerDigests) =>
        BindsFor(All(), imageLayerDigests).Select(path => new BindMount(path, path, ReadOnly: true)).ToList();

    /// <summary>
    /// The binds among <paramref name="records"/>. Two stacks may share their layer (a host stack
    /// built twice can be byte-identical); either one's record then serves images on that layer.
    /// </summary>
    public static IReadOnlyList<string> BindsFor(IEnumerable<StackRecord> records, IReadOnlyList<string> imageLayerDigests) =>
        records.Where(r => r.IsBaseOf(imageLayerDigests))
            .OrderByDescending(r => r.LayerDigests.Count)
            .ThenBy(r => r.Name, StringComparer.Ordinal)
            .FirstOrDefault()?.Binds ?? [];

    public void Write(StackRecord record)
    {
        StackName.Validate(record.Name);
        EnsurePrivateDir();
        var path = PathOf(record.Name);
        var temp = Path.Combine(stacksDir, $".tmp-{record.Name}-{Guid.NewGuid():N}");
        try
        {
            var options = new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            };
            using (var stream = new FileStream(temp, options))
            {
                JsonSerializer.Serialize(stream, record, Json);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public void Delete(string name)
    {
        if (StackName.IsValid(name))
        {
            File.Delete(PathOf(name));
        }
    }

    /// <summary>The build dirs and logs live here too (debootstrap runs as root), so the whole dir is root's alone.</summary>
    public void EnsurePrivateDir()
    {
        Directory.CreateDirectory(stacksDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        LibC.Check(LibC.Chmod(stacksDir, 0b111_000_000), "chmod", stacksDir);
    }

    private string PathOf(string name) => Path.Combine(stacksDir, name + Extension);

    private static StackRecord? Read(string path)
    {
        var status = FileStatus.TryOf(path);
        if (status is null || !status.IsRegularFile || (status.Permissions & GroupOrOtherWrite) != 0)
        {
            return null;
        }

        try
        {
            var record = JsonSerializer.Deserialize<StackRecord>(File.ReadAllBytes(path), Json);
            return record is not null && record.Name + Extension == Path.GetFileName(path) && record.Binds.All(IsBindablePath)
                ? record
                : null;
        }
        catch (JsonException)
        {
            return null; // Not one of ours; paasd writes whole records atomically.
        }
    }

    private static bool IsBindablePath(string path) =>
        path.StartsWith('/') && path != "/" && !path.Split('/').Any(p => p is "." or "..");
}

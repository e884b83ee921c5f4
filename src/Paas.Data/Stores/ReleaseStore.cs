using System.Text.Json;
using Paas.Core.Releases;
using Paas.Core.State;

namespace Paas.Data.Stores;

internal sealed class ReleaseStore(Db db) : IReleaseStore
{
    private const string Columns =
        "id as Id, app_id as AppId, version as Version, image_digest as ImageDigest, config::text as Config, " +
        "process_types::text as ProcessTypes, description as Description, created_by as CreatedBy, created_at as CreatedAt, commit_sha as Commit, build_id as BuildId, app_json as AppJson, checks_file as ChecksFile";

    public async Task<IReadOnlyList<Release>> ListAsync(long appId, CancellationToken ct) =>
        (await db.QueryAsync<Row>($"select {Columns} from releases where app_id = @appId order by version desc", new { appId }, ct))
        .Select(r => r.ToRelease()).ToList();

    public async Task<Release?> FindLatestAsync(long appId, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<Row>(
            $"select {Columns} from releases where app_id = @appId order by version desc limit 1", new { appId }, ct))?.ToRelease();

    public async Task<Release?> FindAsync(long appId, int version, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<Row>(
            $"select {Columns} from releases where app_id = @appId and version = @version", new { appId, version }, ct))?.ToRelease();

    public async Task<IReadOnlyList<ImageUse>> ListUsingImageAsync(IReadOnlyCollection<string> images, CancellationToken ct) =>
        (await db.QueryAsync<UseRow>(
            """
            select a.name as App, r.version as Version
            from releases r join apps a on a.id = r.app_id
            where r.image_digest = any(@images)
            order by a.name, r.version
            """, new { images = images.ToArray() }, ct))
        .Select(u => new ImageUse(u.App, u.Version)).ToList();

    public async Task<Release> CreateAsync(NewRelease release, CancellationToken ct)
    {
        var row = await db.QuerySingleAsync<Row>(
            $"""
            insert into releases (app_id, version, image_digest, config, process_types, description, created_by, commit_sha, build_id, app_json, checks_file)
            values (@AppId,
                    coalesce((select max(version) from releases where app_id = @AppId), 0) + 1,
                    @ImageDigest, @Config::jsonb, @ProcessTypes::jsonb, @Description, @CreatedBy, @Commit, @BuildId, @AppJson, @ChecksFile)
            returning {Columns}
            """,
            new
            {
                release.AppId,
                release.ImageDigest,
                Config = JsonSerializer.Serialize(release.Config),
                ProcessTypes = JsonSerializer.Serialize(release.ProcessTypes),
                release.Description,
                release.CreatedBy,
                release.Commit,
                release.BuildId,
                release.AppJson,
                release.ChecksFile,
            }, ct);
        return row.ToRelease();
    }

    private sealed class UseRow
    {
        public string App { get; init; } = "";
        public int Version { get; init; }
    }

    private sealed class Row
    {
        public long Id { get; init; }
        public long AppId { get; init; }
        public int Version { get; init; }
        public string? ImageDigest { get; init; }
        public string Config { get; init; } = "{}";
        public string ProcessTypes { get; init; } = "{}";
        public string Description { get; init; } = "";
        public string CreatedBy { get; init; } = "";
        public DateTime CreatedAt { get; init; }
        public string? Commit { get; init; }
        public long? BuildId { get; init; }
        public string? AppJson { get; init; }
        public string? ChecksFile { get; init; }

        public Release ToRelease() => new(
            Id, AppId, Version, ImageDigest,
            JsonSerializer.Deserialize<Dictionary<string, string>>(Config) ?? [],
            JsonSerializer.Deserialize<Dictionary<string, string>>(ProcessTypes) ?? [],
            Description, CreatedBy, Timestamps.ToOffset(CreatedAt), Commit, BuildId, AppJson, ChecksFile);
    }
}

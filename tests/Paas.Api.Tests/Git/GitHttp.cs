using System.Net.Http.Json;
using Npgsql;
using Paas.Core.Auth;
using Paas.Core.Contracts;
using Paas.Testing;

namespace Paas.Api.Tests.Git;

/// <summary>What the git-over-HTTP tests share: remote URLs, a developer user, the app's repo on disk.</summary>
internal sealed class GitHttp(PaasdFixture paasd)
{
    public string Url(string app, string? token) =>
        token is null
            ? new Uri(paasd.BaseUrl, ApiRoutes.GitRepo(app)).ToString()
            : $"http://x:{token}@{paasd.BaseUrl.Authority}{ApiRoutes.GitRepo(app)}";

    public async Task<string> CreateAppAsync()
    {
        var app = Api.UniqueApp("git");
        using var admin = paasd.SocketClient();
        await admin.CreateAppAsync(app);
        return app;
    }

    public async Task<long> AppIdAsync(string app)
    {
        await using var connection = new NpgsqlConnection(paasd.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select id from apps where name = @name", connection);
        command.Parameters.AddWithValue("name", app);
        return (long)(await command.ExecuteScalarAsync() ?? throw new InvalidOperationException($"no app {app}"));
    }

    public async Task<string> RepoPathAsync(string app) => Path.Combine(paasd.Root, "repos", $"{await AppIdAsync(app)}.git");

    /// <summary>A developer (not an admin) with a token; granted <paramref name="grantedApp"/> when given.</summary>
    public async Task<string> DeveloperTokenAsync(string? grantedApp = null)
    {
        var secret = TokenSecret.New();
        await using var connection = new NpgsqlConnection(paasd.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var user = new NpgsqlCommand("insert into users (name, role) values (@name, 'developer') returning id", connection);
        user.Parameters.AddWithValue("name", "dev-" + Guid.NewGuid().ToString("N")[..10]);
        var userId = (long)(await user.ExecuteScalarAsync())!;
        await using var token = new NpgsqlCommand("insert into api_tokens (user_id, name, secret_hash) values (@user, 'git', @hash)", connection);
        token.Parameters.AddWithValue("user", userId);
        token.Parameters.AddWithValue("hash", TokenSecret.Hash(secret));
        await token.ExecuteNonQueryAsync();
        if (grantedApp is not null)
        {
            await using var grant = new NpgsqlCommand("insert into app_grants (user_id, app_id) values (@user, @app)", connection);
            grant.Parameters.AddWithValue("user", userId);
            grant.Parameters.AddWithValue("app", await AppIdAsync(grantedApp));
            await grant.ExecuteNonQueryAsync();
        }
        return secret;
    }

    public async Task<GitReport> ReportAsync(string app)
    {
        using var admin = paasd.SocketClient();
        return await (await admin.GetAsync(ApiRoutes.Git(app))).ReadAsync<GitReport>();
    }

    public async Task<HttpResponseMessage> SetAsync(string app, string key, string? value)
    {
        using var admin = paasd.SocketClient();
        return await admin.PutAsJsonAsync(ApiRoutes.GitSetting(app, key), new GitSettingRequest(value), ApiJson.Options);
    }

    /// <summary>Every object and ref file in the repo: a refused push must leave this unchanged.</summary>
    public static IReadOnlyList<string> StoredFiles(string repo) =>
        Directory.EnumerateFiles(repo, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(repo, f))
            .Where(f => f.StartsWith("objects/", StringComparison.Ordinal) || f.StartsWith("refs/", StringComparison.Ordinal) || f == "packed-refs")
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>git processes still working on <paramref name="repo"/> (none may outlive a push).</summary>
    public static IReadOnlyList<int> GitProcessesOn(string repo)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var commandLine = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (commandLine.Contains(repo, StringComparison.Ordinal) && !File.ReadAllText(Path.Combine(dir, "stat")).Contains(") Z "))
                    found.Add(pid);
            }
            catch (IOException)
            {
            }
        }
        return found;
    }
}

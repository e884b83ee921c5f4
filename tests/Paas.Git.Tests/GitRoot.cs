using Microsoft.Extensions.Logging.Abstractions;
using Paas.Git.Extraction;
using Paas.Git.Repos;
using Paas.Git.Transport;
using Paas.Testing;

namespace Paas.Git.Tests;

/// <summary>A $PAAS_ROOT of its own for one test: repos, hooks dir, and the adapter's parts on it.</summary>
internal sealed class GitRoot : IDisposable
{
    private readonly TestDirectory _directory = new("paas-git-");

    /// <param name="cliFileName">The `paas` the hooks exec, a file in this root the test writes; none: /bin/false.</param>
    public GitRoot(string? cliFileName = null)
    {
        Options = GitOptions.UnderRoot(_directory.Path, cliFileName is null ? "/bin/false" : _directory.Combine(cliFileName),
            _directory.Combine("paasd.sock"));
        Repos = new RepoStore(Options);
        Extractor = new SourceExtractor(Options);
        Transport = new GitTransport(Options, NullLogger<GitTransport>.Instance);
    }

    public GitOptions Options { get; }
    public RepoStore Repos { get; }
    public SourceExtractor Extractor { get; }
    public GitTransport Transport { get; }

    public string Combine(params string[] parts) => _directory.Combine(parts);

    /// <summary>A fresh repo for a made-up app id, with <paramref name="work"/>'s branch pushed to it (locally, no hooks).</summary>
    public async Task<long> CreateRepoAsync(GitWorkRepo? work = null, string branch = "main")
    {
        var id = Random.Shared.NextInt64(1, long.MaxValue);
        await Repos.CreateAsync(id, CancellationToken.None);
        if (work is not null)
            await work.GitCheckedAsync("push", "--quiet", Options.RepoPath(id), branch);
        return id;
    }

    public void Dispose() => _directory.Dispose();
}

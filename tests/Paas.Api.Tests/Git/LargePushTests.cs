using System.Diagnostics;
using Paas.Testing;

namespace Paas.Api.Tests.Git;

[Collection(PaasdCollection.Name)]
public sealed class LargePushTests(PaasdFixture paasd, LargeWorkRepo large) : IClassFixture<LargeWorkRepo>
{
    private readonly GitHttp _git = new(paasd);

    [Fact]
    public async Task Push_Of100MB_Streams_paasdMemoryStaysFarBelowThePackSize()
    {
        var app = await _git.CreateAppAsync();
        var token = await paasd.CreateTokenAsync();
        var paasdPid = PaasdProcessId();
        var before = ResidentBytes(paasdPid);
        long peak = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, ResidentBytes(paasdPid));
                await Task.Delay(20);
            }
        });

        var push = await large.Work.GitAsync(["push", _git.Url(app, token), "big"], timeout: TimeSpan.FromMinutes(5));
        await sampling.CancelAsync();
        await sampler;

        Assert.True(push.ExitCode == 0, push.StandardError);
        Assert.Single((await _git.ReportAsync(app)).Branches);
        var growth = peak - before;
        Assert.True(growth < 40L * 1024 * 1024, $"paasd's RSS grew by {growth / (1024 * 1024)} MB over a 100 MB push (from {before / (1024 * 1024)} MB)");
    }

    [Fact]
    public async Task Push_KilledMidPack_LeavesNoRef_AndNoGitProcess()
    {
        var app = await _git.CreateAppAsync();
        var token = await paasd.CreateTokenAsync();
        var repo = await _git.RepoPathAsync(app);
        var start = new ProcessStartInfo("git") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-C", large.Work.Path, "push", _git.Url(app, token), "big" }) start.ArgumentList.Add(argument);
        foreach (var (key, value) in GitWorkRepo.Environment())
        {
            if (value is null) start.Environment.Remove(key);
            else start.Environment[key] = value;
        }

        using var client = Process.Start(start)!;
        // 10 MB of the pack in git's quarantine: the pack is on its way, and the client is killed as a Ctrl-C would stop it.
        var sawReceivePack = await WaitUntilAsync(() => QuarantinedBytes(repo) > 10L * 1024 * 1024, TimeSpan.FromSeconds(60));
        client.Kill(entireProcessTree: true);
        await client.WaitForExitAsync();
        var gitGone = await WaitUntilAsync(() => GitHttp.GitProcessesOn(repo).Count == 0, TimeSpan.FromSeconds(20));

        Assert.True(sawReceivePack, "the pack never started arriving in git's quarantine");
        Assert.True(gitGone, $"git processes left on {repo}: {string.Join(", ", GitHttp.GitProcessesOn(repo))}");
        Assert.Empty((await _git.ReportAsync(app)).Branches);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(repo, "refs"), "*", SearchOption.AllDirectories));
    }

    private static long QuarantinedBytes(string repo) =>
        Directory.EnumerateDirectories(Path.Combine(repo, "objects"), "tmp_objdir-incoming-*")
            .SelectMany(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories))
            .Sum(f =>
            {
                try
                {
                    return new FileInfo(f).Length;
                }
                catch (IOException)
                {
                    return 0;
                }
            });

    private int PaasdProcessId()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                if (File.ReadAllText(Path.Combine(dir, "environ")).Split('\0').Contains("PAAS_ROOT=" + paasd.Root)
                    && File.ReadAllText(Path.Combine(dir, "cmdline")).StartsWith(paasd.PaasdPath, StringComparison.Ordinal))
                    return pid;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
        throw new InvalidOperationException("paasd's process was not found");
    }

    private static long ResidentBytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }

    private static async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (condition()) return true;
            await Task.Delay(20);
        }
        return condition();
    }
}

using System.Diagnostics;
using System.Text;
using Paas.Core.Git;
using Paas.Git.Transport;
using Paas.Testing;

namespace Paas.Git.Tests;

public sealed class GitTransportTests
{
    /// <summary>Stands in for `paas hook pre-receive`: records its environment, starts a child and waits.</summary>
    private const string SlowHook =
        "#!/bin/sh\n" +
        "dir=$(dirname \"$0\")\n" +
        "env > \"$dir/hook.env\"\n" +
        "printf '%s' \"$*\" > \"$dir/hook.args\"\n" +
        "sleep 120 &\n" +
        "echo $! > \"$dir/sleep.pid\"\n" +
        "echo $$ > \"$dir/hook.pid.tmp\" && mv \"$dir/hook.pid.tmp\" \"$dir/hook.pid\"\n" +
        "wait\n";

    [Fact]
    public async Task HookDirectory_HoldsOnlyAScriptThatExecsTheCli()
    {
        using var root = new GitRoot();

        root.Transport.WriteHooks();

        var script = Path.Combine(root.Options.HooksDirectory, HookDirectory.PreReceive);
        Assert.Equal(["pre-receive"], Directory.GetFileSystemEntries(root.Options.HooksDirectory).Select(Path.GetFileName));
        Assert.Equal("#!/bin/sh\n# Written by paasd at start; edits are overwritten. The push is identified by PAAS_PUSH_TOKEN.\nexec \"$PAAS_CLI\" hook pre-receive\n",
            await File.ReadAllTextAsync(script));
        Assert.Equal((UnixFileMode)0b111_101_101, File.GetUnixFileMode(script));
        Assert.Equal((UnixFileMode)0b111_101_101, File.GetUnixFileMode(root.Options.HooksDirectory));
    }

    [Fact]
    public async Task AdvertiseRefs_OfUploadPack_ListsTheBranches()
    {
        using var root = new GitRoot();
        using var work = await GitWorkRepo.CreateAsync();
        var commit = await work.CommitAsync();
        var id = await root.CreateRepoAsync(work);
        var output = new MemoryStream();

        var exit = await root.Transport.ServeAsync(id, new GitSession(GitService.UploadPack, StatelessRpc: true, AdvertiseRefsOnly: true,
            new Dictionary<string, string>()), Stream.Null, output, CancellationToken.None);

        Assert.Equal(0, exit);
        Assert.Contains($"{commit} refs/heads/main", Encoding.ASCII.GetString(output.ToArray()));
    }

    [Fact]
    public async Task Cancellation_DuringTheHook_KillsGitAndTheHooksChildren_AndNoRefMoves()
    {
        using var root = new GitRoot("fake-paas");
        var cli = root.Options.CliPath;
        await File.WriteAllTextAsync(cli, SlowHook);
        File.SetUnixFileMode(cli, (UnixFileMode)0b111_101_101);
        using var work = await GitWorkRepo.CreateAsync();
        var commit = await work.CommitAsync();
        var id = await root.CreateRepoAsync();
        var request = await ReceivePackRequestAsync(work, commit);
        using var cancel = new CancellationTokenSource();
        Environment.SetEnvironmentVariable("PAAS_TEST_SECRET_OF_PAASD", "must-not-reach-git");

        var serve = root.Transport.ServeAsync(id, new GitSession(GitService.ReceivePack, StatelessRpc: true, AdvertiseRefsOnly: false,
            new Dictionary<string, string> { ["PAAS_PUSH_TOKEN"] = "push-token-1" }), new MemoryStream(request), new MemoryStream(), cancel.Token);
        var hookPid = int.Parse(await WaitForFileAsync(root.Combine("hook.pid")));
        var sleepPid = int.Parse(await File.ReadAllTextAsync(root.Combine("sleep.pid")));
        var environment = await File.ReadAllTextAsync(root.Combine("hook.env"));
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => serve);

        Assert.Equal("hook pre-receive", await File.ReadAllTextAsync(root.Combine("hook.args")));
        Assert.Contains("PAAS_PUSH_TOKEN=push-token-1\n", environment);
        Assert.Contains($"PAAS_CLI={cli}\n", environment);
        Assert.Contains($"PAAS_SOCKET={root.Options.SocketPath}\n", environment);
        Assert.Contains("GIT_QUARANTINE_PATH=", environment);
        Assert.DoesNotContain("must-not-reach-git", environment);
        Assert.False(IsAlive(hookPid), "the hook survived the cancellation");
        Assert.False(IsAlive(sleepPid), "the hook's child survived the cancellation");
        Assert.Empty(await root.Repos.ListBranchesAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task Input_ThatBreaksMidPack_KillsGit_AndNoRefMoves()
    {
        using var root = new GitRoot();
        using var work = await GitWorkRepo.CreateAsync();
        await work.WriteAsync("big.bin", Convert.ToBase64String(Random.Shared.GetItems<byte>(Enumerable.Range(0, 256).Select(i => (byte)i).ToArray(), 300_000)));
        var commit = await work.CommitAsync();
        var id = await root.CreateRepoAsync();
        var request = await ReceivePackRequestAsync(work, commit);

        var exit = await root.Transport.ServeAsync(id, new GitSession(GitService.ReceivePack, StatelessRpc: true, AdvertiseRefsOnly: false,
            new Dictionary<string, string>()), new BreakingStream(request, request.Length / 2), new MemoryStream(), CancellationToken.None);

        Assert.NotEqual(0, exit);
        Assert.Empty(await root.Repos.ListBranchesAsync(id, CancellationToken.None));
    }

    /// <summary>What a git client POSTs to git-receive-pack: one ref command, a flush, the pack.</summary>
    private static async Task<byte[]> ReceivePackRequestAsync(GitWorkRepo work, string commit)
    {
        var command = $"{RefUpdate.ZeroId} {commit} refs/heads/main\0report-status\n";
        var request = new MemoryStream();
        request.Write(Encoding.ASCII.GetBytes($"{command.Length + 4:x4}{command}0000"));
        var start = new ProcessStartInfo("git") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-C", work.Path, "pack-objects", "--stdout", "--revs", "--quiet" }) start.ArgumentList.Add(argument);
        using var pack = Process.Start(start)!;
        await pack.StandardInput.WriteAsync(commit + "\n");
        pack.StandardInput.Close();
        await pack.StandardOutput.BaseStream.CopyToAsync(request);
        await pack.WaitForExitAsync();
        return request.ToArray();
    }

    private static bool IsAlive(int pid) =>
        File.Exists($"/proc/{pid}/stat") && !File.ReadAllText($"/proc/{pid}/stat").Split(' ')[2].Equals("Z", StringComparison.Ordinal);

    private static async Task<string> WaitForFileAsync(string path)
    {
        for (var i = 0; i < 400; i++)
        {
            if (File.Exists(path)) return (await File.ReadAllTextAsync(path)).Trim();
            await Task.Delay(50);
        }
        throw new TimeoutException($"{path} did not appear: the hook did not run");
    }

    /// <summary>A request body whose connection breaks after <c>limit</c> bytes.</summary>
    private sealed class BreakingStream(byte[] data, int limit) : Stream
    {
        private int _position;

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position >= limit) throw new IOException("connection reset");
            var n = Math.Min(count, limit - _position);
            Array.Copy(data, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => data.Length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

using System.Text.Json;
using Paas.Testing;

namespace Paas.Push.Tests.Deploys;

/// <summary>
/// Runs a program on a real pseudo-terminal (python3's pty module drives it, as a person at a terminal
/// would): waits for text, types, resizes the window (the kernel then sends SIGWINCH), and reports the
/// exit code, everything the terminal showed, and whether the program left the terminal's modes as it
/// found them (echo, canonical input, signals).
/// </summary>
public static class PseudoTerminal
{
    public abstract record Step;
    public sealed record Expect(string Text) : Step;
    public sealed record Keys(string Text) : Step;
    public sealed record Resize(int Columns, int Rows) : Step;
    /// <summary>Types <see cref="Command"/> until the output (since the step began) holds <see cref="Text"/>: for changes applied asynchronously.</summary>
    public sealed record TypeUntil(string Command, string Text) : Step;

    public sealed record Result(int ExitCode, string Output, bool ModesRestored);

    private const string Driver = """
        import fcntl, json, os, pty, select, struct, sys, termios, time
        spec = json.loads(sys.argv[1])
        pid, fd = pty.fork()
        if pid == 0:
            os.execve(spec["argv"][0], spec["argv"], spec["env"])
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        modes = termios.ECHO | termios.ICANON | termios.ISIG
        before = termios.tcgetattr(fd)[3] & modes
        out = b""
        closed = False
        def pump(seconds):
            global out, closed
            r, _, _ = select.select([fd], [], [], seconds)
            if r:
                try:
                    chunk = os.read(fd, 4096)
                except OSError:
                    chunk = b""
                if not chunk:
                    closed = True
                out += chunk
        def fail(message):
            print(json.dumps({"error": message, "output": out.decode("utf-8", "replace")}))
            sys.exit(0)
        for step in spec["steps"]:
            kind, deadline = step["kind"], time.time() + 60
            if kind == "expect":
                start = 0
                while step["text"].encode() not in out:
                    if closed or time.time() > deadline:
                        fail("never saw " + repr(step["text"]))
                    pump(0.2)
            elif kind == "type":
                os.write(fd, step["text"].encode())
            elif kind == "resize":
                fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", step["rows"], step["columns"], 0, 0))
            elif kind == "typeuntil":
                mark = len(out)
                while step["text"].encode() not in out[mark:]:
                    if closed or time.time() > deadline:
                        fail("never saw " + repr(step["text"]) + " after typing " + repr(step["command"]))
                    os.write(fd, step["command"].encode())
                    stop = time.time() + 0.5
                    while time.time() < stop and step["text"].encode() not in out[mark:]:
                        pump(0.1)
        deadline = time.time() + 60
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            if time.time() > deadline:
                os.kill(pid, 9)
                fail("the program did not exit")
            pump(0.1)
        while not closed:
            r, _, _ = select.select([fd], [], [], 0.2)
            if not r:
                break
            pump(0)
        try:
            after = termios.tcgetattr(fd)[3] & modes
        except termios.error:
            after = -1
        print(json.dumps({"exit": os.waitstatus_to_exitcode(status), "output": out.decode("utf-8", "replace"), "restored": after == before}))
        """;

    public static async Task<Result> RunAsync(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment,
        params Step[] steps)
    {
        var spec = new
        {
            argv = new[] { program }.Concat(arguments).ToArray(),
            env = environment,
            steps = steps.Select(s => s switch
            {
                Expect e => (object)new { kind = "expect", text = e.Text },
                Keys t => new { kind = "type", text = t.Text },
                Resize r => new { kind = "resize", columns = r.Columns, rows = r.Rows },
                TypeUntil u => new { kind = "typeuntil", command = u.Command, text = u.Text },
                _ => throw new ArgumentOutOfRangeException(nameof(steps)),
            }).ToArray(),
        };
        var run = await ProcessRunner.RunAsync("/usr/bin/python3", ["-c", Driver, JsonSerializer.Serialize(spec)], timeout: TimeSpan.FromMinutes(3));
        Assert.True(run.ExitCode == 0, "the pty driver failed: " + run.StandardError);
        using var result = JsonDocument.Parse(run.StandardOutput);
        var root = result.RootElement;
        var output = root.GetProperty("output").GetString()!;
        if (root.TryGetProperty("error", out var error)) Assert.Fail($"{error.GetString()}; the terminal showed:\n{output}");
        return new Result(root.GetProperty("exit").GetInt32(), output, root.GetProperty("restored").GetBoolean());
    }
}

using System.Diagnostics;
using Paas.Core.Stacks;

namespace Paas.Runtime.Stacks;

/// <summary>
/// Runs one stack build step, appending its output to the build log; a failure throws a
/// <see cref="StackBuildException"/> that quotes the last lines, and cancellation kills the step.
/// </summary>
internal sealed class BuildStepRunner(string logPath)
{
    private const int TailLines = 15;

    public async Task RunAsync(string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment, CancellationToken ct)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var tail = new Queue<string>();
        await using var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        await log.WriteLineAsync($"-----> {file} {string.Join(' ', start.ArgumentList)}");

        using var process = new Process { StartInfo = start };
        var gate = new object();
        void OnLine(object _, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }

            lock (gate)
            {
                log.WriteLine(e.Data);
                tail.Enqueue(e.Data);
                if (tail.Count > TailLines)
                {
                    tail.Dequeue();
                }
            }
        }

        process.OutputDataReceived += OnLine;
        process.ErrorDataReceived += OnLine;
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new StackBuildException($"cannot run {file}: {e.Message} (is it installed?)", e);
        }

        var started = Stopwatch.StartNew();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw;
        }

        lock (gate)
        {
            log.WriteLine($"       exit {process.ExitCode} after {started.Elapsed.TotalSeconds:F0} s");
        }

        if (process.ExitCode != 0)
        {
            string lines;
            lock (gate)
            {
                lines = string.Join('\n', tail);
            }

            throw new StackBuildException($"{Path.GetFileName(file)} exited with {process.ExitCode} (full log: {logPath}):\n{lines}");
        }
    }
}

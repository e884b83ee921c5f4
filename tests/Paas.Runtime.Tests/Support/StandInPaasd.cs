using System.Runtime.CompilerServices;
using System.Text.Json;
using Paas.Core.Containers;
using Paas.Runtime.Containers;
using Paas.Runtime.Images;

namespace Paas.Runtime.Tests.Support;

/// <summary>
/// A stand-in for paasd in its own process, so a test can SIGKILL "the daemon" that started
/// containers. Started as `dotnet Paas.Runtime.Tests.dll` with <see cref="RootVariable"/> set:
/// the module initializer runs before the test SDK's empty Main, creates and starts the containers,
/// prints their ids and then waits to be killed. Without the variable (every test run) it does nothing.
/// </summary>
internal static class StandInPaasd
{
    public const string RootVariable = "PAAS_TEST_STANDIN_ROOT";
    public const string CommandsVariable = "PAAS_TEST_STANDIN_COMMANDS";

    /// <summary>One command (JSON) to run attached instead: its output lines are printed as "LINE text", its id before <see cref="Ready"/>.</summary>
    public const string AttachedVariable = "PAAS_TEST_STANDIN_ATTACHED";
    public const string Ready = "READY";

#pragma warning disable CA2255 // Deliberate: this assembly doubles as the stand-in's entry point.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void RunIfAsked()
    {
        var root = Environment.GetEnvironmentVariable(RootVariable);
        if (string.IsNullOrEmpty(root)) return;
        try
        {
            var commands = JsonSerializer.Deserialize<string[][]>(Environment.GetEnvironmentVariable(CommandsVariable) ?? "[]")!;
            var paths = new RuntimePaths(root);
            var userns = Paas.Testing.TestUserNamespace.Mapping;
            var runtime = new ContainerRuntime(paths, new OciImageStore(paths, TimeProvider.System, userNamespace: userns),
                new ContainerRuntimeOptions { UserNamespace = userns }, TimeProvider.System);
            if (Environment.GetEnvironmentVariable(AttachedVariable) is { Length: > 0 } attached)
                RunAttached(runtime, JsonSerializer.Deserialize<string[]>(attached)!);
            foreach (var command in commands)
            {
                var info = runtime.CreateAsync(ContainerHost.Spec(command), CancellationToken.None).GetAwaiter().GetResult();
                runtime.StartAsync(info.Id, CancellationToken.None).GetAwaiter().GetResult();
                Console.WriteLine(info.Id);
            }
            Console.WriteLine(Ready);
            Console.Out.Flush();
            Thread.Sleep(Timeout.Infinite);
        }
        catch (Exception e)
        {
            Console.WriteLine("FAILED " + e);
            Environment.Exit(2);
        }
    }

    private static void RunAttached(ContainerRuntime runtime, string[] command)
    {
        var hostname = RunningContainers.UniqueHostname();
        _ = runtime.RunAttachedAsync(ContainerHost.Spec(command) with { Hostname = hostname }, new ConsoleOutput(), TimeSpan.FromMinutes(5), CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var found = runtime.ListAsync(CancellationToken.None).GetAwaiter().GetResult().FirstOrDefault(c => c.Spec.Hostname == hostname);
            if (found is not null)
            {
                Console.WriteLine(found.Id);
                return;
            }
            Thread.Sleep(20);
        }
        throw new TimeoutException("the attached run's container did not appear");
    }

    private sealed class ConsoleOutput : IContainerOutput
    {
        public ValueTask WriteLineAsync(LogStream stream, string line, CancellationToken ct)
        {
            lock (this)
            {
                Console.WriteLine("LINE " + line);
                Console.Out.Flush();
            }
            return ValueTask.CompletedTask;
        }
    }
}

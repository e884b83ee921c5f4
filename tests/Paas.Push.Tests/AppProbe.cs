using Paas.Core.Builds;
using Paas.Core.Containers;
using Paas.Core.Limits;
using Paas.Core.Networking;
using Paas.Runtime.Containers;
using Paas.Runtime.Images;
using Paas.Testing;

namespace Paas.Push.Tests;

/// <summary>
/// Starts a built image's web process the way the deploy step will (<c>/paas/start web</c> as the
/// image's user, PORT set) in a container of paasd's own runtime root, and asks it for GET / from
/// inside the container (no network of the host involved). The container is removed at the end.
/// </summary>
public static class AppProbe
{
    private const string Port = "5000";

    // bash's /dev/tcp: every stack has bash, not every stack has curl.
    private const string Probe =
        "\"$0\" web & " +
        "for i in $(seq 1 300); do " +
        "  if (: <>/dev/tcp/127.0.0.1/" + Port + ") 2>/dev/null; then " +
        "    exec 3<>/dev/tcp/127.0.0.1/" + Port + "; printf 'GET / HTTP/1.0\\r\\nHost: app\\r\\n\\r\\n' >&3; cat <&3; exit 0; " +
        "  fi; " +
        "  sleep 0.1; " +
        "done; echo 'nothing listened on $PORT within 30 s' >&2; exit 1";

    /// <summary>What the app answered (status line, headers, body) followed by its own output.</summary>
    public static async Task<string> GetRootAsync(PaasdFixture paasd, string imageDigest)
    {
        var paths = new RuntimePaths(paasd.Root);
        var images = new OciImageStore(paths, TimeProvider.System, userNamespace: TestUserNamespace.Mapping);
        using var runtime = new ContainerRuntime(paths, images, new ContainerRuntimeOptions { UserNamespace = TestUserNamespace.Mapping }, TimeProvider.System);
        var spec = new ContainerSpec(
            imageDigest,
            ["/bin/bash", "-c", Probe, AppImage.Start],
            new Dictionary<string, string> { ["PORT"] = Port },
            WorkingDir: null,
            User: null,
            Hostname: "probe",
            Labels: new Dictionary<string, string>(),
            ResourceLimits.Defaults,
            Volumes: [],
            NetworkMode.None,
            Ports: []);
        var output = new Lines();
        var exit = await runtime.RunAttachedAsync(spec, output, TimeSpan.FromSeconds(90), CancellationToken.None);
        var text = string.Join('\n', output.All);
        Assert.True(exit.ExitCode == 0, $"the app did not answer on $PORT (exit {exit.ExitCode}):\n{text}");
        return text;
    }

    private sealed class Lines : IContainerOutput
    {
        private readonly Lock _lock = new();
        private readonly List<string> _lines = [];

        public IReadOnlyList<string> All
        {
            get { lock (_lock) return [.. _lines]; }
        }

        public ValueTask WriteLineAsync(LogStream stream, string line, CancellationToken ct)
        {
            lock (_lock) _lines.Add(line);
            return ValueTask.CompletedTask;
        }
    }
}

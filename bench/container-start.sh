#!/usr/bin/env bash
# Container start benchmark: create+start until the process has run, ours (ContainerRuntime:
# conmon + runc, hardened bundle, overlay root on the `host` stack) against plain `runc run` on
# the same overlay rootfs, both in the same user namespace (paasd's: the paas range of
# /etc/subuid, reserved here as the install script does); ours with a bridge network until the
# container answers on its IP. Start time proper is measured the same way on both sides: from the
# request until the container's command runs (it opens a FIFO bind-mounted from the host), with
# the split of ours (create, start, conmon's exit file, exit recorded);
# then N containers started and torn down in a loop, counting what leaked. Prints a Markdown
# table. Everything it creates (temp root, mounts, cgroups, bridge) is removed on exit.
#
# Usage (as root, from anywhere): bench/container-start.sh
#   BENCH_RUNS=60 BENCH_LOOP=100 BENCH_PRELAUNCH=1 bench/container-start.sh
# BENCH_PRELAUNCH=0 measures ours without the conmon started ahead of time (paasd has it on).
# BENCH_ABLATE=1 measures only `runc run` with our config.json minus one part at a time (masked
# paths, read-only paths, seccomp, tini, cgroup limits, extra mounts...): where runc's time goes.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../scripts/subordinate-ids.sh
source "$ROOT/scripts/subordinate-ids.sh"
RUNS="${BENCH_RUNS:-60}"
LOOP="${BENCH_LOOP:-100}"
PRELAUNCH="${BENCH_PRELAUNCH:-1}"
ABLATE="${BENCH_ABLATE:-0}"
BRIDGE="pbench0"
WORK=""

step() { printf -- '-----> %s\n' "$*"; }
fail() {
  printf ' !     %s\n' "$*" >&2
  exit 1
}

cleanup() {
  local status=$?
  set +e
  if [ -n "$WORK" ] && [ -d "$WORK" ]; then
    # Deepest mounts first; the program unmounts its own, this catches an interrupted run.
    grep -F " $WORK/" /proc/self/mountinfo | awk '{print $5}' | sort -r | while read -r m; do
      umount -l "$m" 2>/dev/null || true
    done
    rm -rf "$WORK"
  fi
  for dir in /sys/fs/cgroup/*/paas-bench /sys/fs/cgroup/paas-bench; do
    if [ -d "$dir" ]; then find "$dir" -depth -type d -exec rmdir {} \; 2>/dev/null; fi
  done
  ip link delete "$BRIDGE" 2>/dev/null || true
  exit "$status"
}

check_prerequisites() {
  [ "$(id -u)" -eq 0 ] || fail "run as root (mounts, cgroups, network namespaces)"
  for tool in runc conmon tini-static dotnet ip perl; do
    command -v "$tool" >/dev/null || fail "$tool is missing (apt-get install runc conmon tini containernetworking-plugins)"
  done
}

write_program() {
  mkdir -p "$WORK/bench"
  cat >"$WORK/bench/Bench.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="$ROOT/src/Paas.Runtime/Paas.Runtime.csproj" />
  </ItemGroup>
</Project>
EOF
  # The project dir is outside the repository, so the repository's Directory.*.props do not apply;
  # Paas.Runtime itself still builds with them.
  cat >"$WORK/bench/Program.cs" <<'EOF'
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Paas.Core.Containers;
using Paas.Core.Limits;
using Paas.Core.Networking;
using Paas.Core.Stacks;
using Paas.Runtime.Bundles;
using Paas.Runtime.Containers;
using Paas.Runtime.Images;
using Paas.Runtime.Network;
using Paas.Runtime.Stacks;
using Paas.Runtime.UserNamespaces;

var root = args[0];
var runs = int.Parse(args[1]);
var loop = int.Parse(args[2]);
var bridge = args[3];
var prelaunch = args[4] == "1";
var ablate = args[5] == "1";
var paths = new RuntimePaths(root);
// As paasd runs it: every container in the user namespace of the paas range in /etc/subuid.
var userns = SubordinateIds.Read();
var images = new OciImageStore(paths, TimeProvider.System, userNamespace: userns);
await new StackStore(paths, images).CreateAsync("host", StackSource.Host, default);
// As paasd runs it (unless BENCH_PRELAUNCH=0): a conmon started ahead of time for the next create.
// The start marker (see StartMarker below) lives outside the 0700 runtime root: runc mounts it
// as the containers' unprivileged root.
var markDir = Path.Combine(Path.GetDirectoryName(root)!, "mark");
var options = new ContainerRuntimeOptions { PrelaunchMonitor = prelaunch, UserNamespace = userns, AllowedVolumeRoots = [markDir] };
var ours = new ContainerRuntime(paths, images, options, TimeProvider.System);
var network = new CniContainerNetwork(new NetworkSettings(bridge, "10.213.250.0/24", OutboundNat: false), paths.Cni);
var oursNet = new ContainerRuntime(paths, images, options, TimeProvider.System, network);

ContainerSpec Spec(NetworkMode mode, params string[] command) => SpecWith(mode, [], command);
ContainerSpec SpecWith(NetworkMode mode, IReadOnlyList<VolumeMount> volumes, params string[] command) => new(
    "stack/host", command, new Dictionary<string, string>(), null, "app", "bench.web.1",
    new Dictionary<string, string> { [ContainerLabels.App] = "bench", [ContainerLabels.ProcessType] = "web" },
    ResourceLimits.Defaults, volumes, mode, []);

// Start time, the same way on both sides: from the request until the container's command runs. The
// command is `touch /mark/ran` on a FIFO bind-mounted from the host; a thread here blocks in
// open(O_RDONLY) on it, which returns the moment the command opens it for writing. What follows
// (the process's exit, the monitor or runc reaping it, runc's own teardown) is not start time.
Directory.CreateDirectory(markDir);
File.SetUnixFileMode(markDir, (UnixFileMode)0b111_101_101);
var fifo = Path.Combine(markDir, "ran");
Run("mkfifo", "-m", "0666", fifo);
var marks = new System.Collections.Concurrent.BlockingCollection<long>();
var markReader = new Thread(() =>
{
    var buffer = new byte[16];
    while (true)
    {
        using var reader = new FileStream(fifo, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
        marks.Add(Stopwatch.GetTimestamp());
        while (reader.Read(buffer) > 0) { }
    }
}) { IsBackground = true, Name = "start marker" };
markReader.Start();
double WaitForMark(long since)
{
    if (!marks.TryTake(out var at, TimeSpan.FromSeconds(10))) throw new InvalidOperationException("the container's command did not run within 10 s");
    return Stopwatch.GetElapsedTime(since, at).TotalMilliseconds;
}
async Task<double> OursStartOnce()
{
    var since = Stopwatch.GetTimestamp();
    var c = await ours.CreateAsync(SpecWith(NetworkMode.None, [new VolumeMount(markDir, "/mark", false)], "touch", "/mark/ran"), default);
    await ours.StartAsync(c.Id, default);
    var ran = WaitForMark(since);
    await ours.WaitForExitAsync(c.Id, TimeSpan.FromSeconds(10), default);
    await ours.DeleteAsync(c.Id, default);
    return ran;
}

var split = new List<(double Created, double Started, double ExitWritten, double Seen)>();
async Task<(double UntilRan, double CreateStart, double Delete)> OursOnce()
{
    var clock = Stopwatch.StartNew();
    var wall = DateTime.UtcNow;
    var c = await ours.CreateAsync(Spec(NetworkMode.None, "true"), default);
    var created = clock.Elapsed.TotalMilliseconds;
    await ours.StartAsync(c.Id, default);
    var createStart = clock.Elapsed.TotalMilliseconds;
    var exited = await ours.WaitForExitAsync(c.Id, TimeSpan.FromSeconds(10), default);
    if (exited.Status != ContainerStatus.Stopped) throw new InvalidOperationException($"{c.Id} did not exit: {exited.Status}");
    var ran = clock.Elapsed.TotalMilliseconds;
    // Where the time went: create's return, start's return, conmon's exit file written (its mtime, on
    // the same clock as `wall`), and the exit seen and recorded by WaitForExitAsync.
    var exitWritten = (File.GetLastWriteTimeUtc(new ContainerDirectory(paths, c.Id).Monitor(null).ExitFile) - wall).TotalMilliseconds;
    split.Add((created, createStart, exitWritten, ran));
    CaptureOurConfig(c.Id);
    clock.Restart();
    await ours.DeleteAsync(c.Id, default);
    return (ran, createStart, clock.Elapsed.TotalMilliseconds);
}

// Plain runc on the same overlay rootfs and the stack's binds: `runc spec` defaults, user 1000,
// in the same user namespace as ours (same mapping; the upper dir owned by its root), so the
// comparison holds the namespace's cost on both sides.
var plan = await images.ResolveRootfsAsync("stack/host", default);
var plain = Path.Combine(root, "plain");
// runc's state on the same tmpfs as ours ($ROOT/run): its default, /run/runc, is a tmpfs on most hosts.
var plainState = Path.Combine(paths.Run, "plain-state");
Directory.CreateDirectory(plainState);
foreach (var d in new[] { "rootfs", "upper", "work" }) Directory.CreateDirectory(Path.Combine(plain, d));
File.SetUnixFileMode(plain, (UnixFileMode)0b111_001_001);
Run("chown", $"{userns.HostUid}:{userns.HostGid}", Path.Combine(plain, "upper"), Path.Combine(plain, "work"));
OverlayMount.Mount(plan.LowerDirs, Path.Combine(plain, "upper"), Path.Combine(plain, "work"), Path.Combine(plain, "rootfs"));
Run("runc", "spec", "--bundle", plain);
var config = JsonNode.Parse(File.ReadAllText(Path.Combine(plain, "config.json")))!;
config["process"]!["terminal"] = false;
config["process"]!["args"] = new JsonArray("true");
config["process"]!["user"] = new JsonObject { ["uid"] = 1000, ["gid"] = 1000 };
config["root"] = new JsonObject { ["path"] = "rootfs", ["readonly"] = false };
config["linux"]!["namespaces"]!.AsArray().Insert(0, new JsonObject { ["type"] = "user" });
config["linux"]!["uidMappings"] = new JsonArray(new JsonObject { ["containerID"] = 0, ["hostID"] = userns.HostUid, ["size"] = userns.Count });
config["linux"]!["gidMappings"] = new JsonArray(new JsonObject { ["containerID"] = 0, ["hostID"] = userns.HostGid, ["size"] = userns.Count });
foreach (var b in plan.BindMounts)
    config["mounts"]!.AsArray().Add(new JsonObject { ["destination"] = b.Destination, ["type"] = "bind", ["source"] = b.Source, ["options"] = new JsonArray("bind", "ro") });

// runc spec's defaults as above, running `touch /mark/ran` (see StartMarker): until it runs.
var plainStartConfig = config.DeepClone();
plainStartConfig["process"]!["args"] = new JsonArray("touch", "/mark/ran");
plainStartConfig["mounts"]!.AsArray().Add(new JsonObject { ["destination"] = "/mark", ["type"] = "bind", ["source"] = markDir, ["options"] = new JsonArray("bind", "rw") });
var plainStart = Path.Combine(root, "plain-start");
Directory.CreateDirectory(plainStart);
File.SetUnixFileMode(plainStart, (UnixFileMode)0b111_001_001);
plainStartConfig["root"] = new JsonObject { ["path"] = Path.Combine(plain, "rootfs"), ["readonly"] = false };
double PlainStartOnce(int i)
{
    plainStartConfig["linux"]!["cgroupsPath"] = $"/paas-bench/plain-start-{i}";
    File.WriteAllText(Path.Combine(plainStart, "config.json"), plainStartConfig.ToJsonString());
    var since = Stopwatch.GetTimestamp();
    var psi = new ProcessStartInfo("runc") { RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var a in new[] { "--root", plainState, "run", "--bundle", plainStart, $"plain-start-{i}" }) psi.ArgumentList.Add(a);
    using var runc = Process.Start(psi)!;
    var ran = WaitForMark(since);
    runc.WaitForExit();
    if (runc.ExitCode != 0) throw new InvalidOperationException($"runc run (start marker): {runc.StandardError.ReadToEnd()}");
    return ran;
}

double PlainOnce(int i)
{
    config["linux"]!["cgroupsPath"] = $"/paas-bench/plain-{i}";
    File.WriteAllText(Path.Combine(plain, "config.json"), config.ToJsonString());
    var clock = Stopwatch.StartNew();
    Run("runc", "--root", plainState, "run", "--bundle", plain, $"plain-{i}");
    return clock.Elapsed.TotalMilliseconds;
}

// The same runc on the same overlay with OUR config.json (seccomp allow-list, capabilities, masked
// paths, cgroup limits, tini as PID 1): what the runtime itself costs for our hardening, no monitor.
var same = Path.Combine(root, "same");
Directory.CreateDirectory(same);
File.SetUnixFileMode(same, (UnixFileMode)0b111_001_001);
JsonNode? sameConfig = null;
void CaptureOurConfig(string id)
{
    if (sameConfig is not null) return;
    var dir = Path.Combine(paths.Containers, id);
    var etc = Path.Combine(same, "etc");
    Directory.CreateDirectory(etc);
    File.SetUnixFileMode(etc, (UnixFileMode)0b111_101_101);
    foreach (var f in Directory.GetFiles(Path.Combine(dir, "etc"))) File.Copy(f, Path.Combine(etc, Path.GetFileName(f)), true);
    sameConfig = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "bundle", "config.json")).Replace(Path.Combine(dir, "etc"), etc))!;
    sameConfig["root"]!["path"] = Path.Combine(plain, "rootfs");
}

double SameConfigOnce(int i)
{
    sameConfig!["linux"]!["cgroupsPath"] = $"/paas-bench/same-{i}";
    File.WriteAllText(Path.Combine(same, "config.json"), sameConfig.ToJsonString());
    var clock = Stopwatch.StartNew();
    Run("runc", "--root", plainState, "run", "--bundle", same, $"same-{i}");
    return clock.Elapsed.TotalMilliseconds;
}

// Podman (if installed) on the same overlay rootfs with the same binds; `run --rm` includes its teardown.
var podman = new[] { "/usr/bin/podman", "/usr/local/bin/podman" }.FirstOrDefault(File.Exists);
double PodmanOnce(bool bridge)
{
    var a = new List<string> { "run", "--rm", "--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024", "--user", "1000:1000",
        "--uidmap", $"0:{userns.HostUid}:{userns.Count}", "--gidmap", $"0:{userns.HostGid}:{userns.Count}" };
    if (!bridge) a.AddRange(["--network", "none"]);
    foreach (var b in plan.BindMounts) a.AddRange(["-v", $"{b.Source}:{b.Destination}:ro"]);
    a.AddRange(["--rootfs", Path.Combine(plain, "rootfs"), "true"]);
    var clock = Stopwatch.StartNew();
    Run(podman!, a.ToArray());
    return clock.Elapsed.TotalMilliseconds;
}

async Task<(double Ran, double Answers)> NetworkOnce()
{
    var clock = Stopwatch.StartNew();
    var c = await oursNet.CreateAsync(Spec(NetworkMode.Bridge, "perl", "-MIO::Socket::INET", "-e",
        "$s = IO::Socket::INET->new(LocalPort => 5000, Listen => 5, ReuseAddr => 1) or die; open(F, '>', '/tmp/ran'); close F; while ($c = $s->accept) { print $c qq(ok\\n); close $c }"), default);
    await oursNet.StartAsync(c.Id, default);
    var ran = -1.0;
    var marker = Path.Combine(new ContainerDirectory(paths, c.Id).Upper, "tmp", "ran");
    while (true)
    {
        if (ran < 0 && File.Exists(marker)) ran = clock.Elapsed.TotalMilliseconds;
        try
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(IPAddress.Parse(c.IpAddress!), 5000);
            break;
        }
        catch (SocketException) { await Task.Delay(1); }
    }
    var answers = clock.Elapsed.TotalMilliseconds;
    if (ran < 0) ran = answers;
    await oursNet.DeleteAsync(c.Id, default);
    return (ran, answers);
}

// Warm-up: page cache, runc binary, and JIT. paasd is long-running, so its container start runs
// fully optimised (tier-1) code. .NET gets there in steps (tier 0, instrumented, tier 1), each
// after 30 calls and a quiet spell, compiling on a background thread: measured here, that goes on
// for about 200 create/start/delete cycles and 2.5 s of JIT time, and on 2 cores it competes with
// runc. So warm up until the JIT has gone quiet (fewer than 10 methods in 20 cycles) and say so.
var warmCycles = 0;
var jitted = System.Runtime.JitInfo.GetCompiledMethodCount();
// The ablation measures only runc: one cycle of ours captures the config.json it compares.
if (ablate) await OursOnce();
while (!ablate && warmCycles < 600)
{
    for (var i = 0; i < 20; i++) { await OursOnce(); if (i % 5 == 0) await NetworkOnce(); }
    warmCycles += 20;
    var now = System.Runtime.JitInfo.GetCompiledMethodCount();
    if (now - jitted < 10) break;
    jitted = now;
}
await Task.Delay(500);
Console.WriteLine($"warm-up: {warmCycles} cycles until the JIT went quiet ({System.Runtime.JitInfo.GetCompiledMethodCount()} methods, {System.Runtime.JitInfo.GetCompilationTime().TotalSeconds:0.0} s of JIT)");
if (ablate)
{
    // Each variant is our config.json with one part taken out, run by plain runc in the same user
    // namespace on the same rootfs, interleaved with the full config and runc spec's defaults.
    JsonNode Variant(Action<JsonObject> change) { var c = sameConfig!.DeepClone().AsObject(); change(c); return c; }
    var plainMountDestinations = config["mounts"]!.AsArray().Select(m => (string)m!["destination"]!).ToHashSet();
    var variants = new List<(string Name, JsonNode Config)>
    {
        ("our config.json", sameConfig!.DeepClone()),
        ("without maskedPaths", Variant(c => c["linux"]!.AsObject().Remove("maskedPaths"))),
        ("without readonlyPaths", Variant(c => c["linux"]!.AsObject().Remove("readonlyPaths"))),
        ("without seccomp", Variant(c => c["linux"]!.AsObject().Remove("seccomp"))),
        ("without tini (the command as PID 1)", Variant(c => c["process"]!["args"] = new JsonArray("true"))),
        ("without cgroup limits", Variant(c => c["linux"]!.AsObject().Remove("resources"))),
        ("without tini and the /etc/hosts, /etc/hostname binds", Variant(c =>
        {
            c["process"]!["args"] = new JsonArray("true");
            c["mounts"] = new JsonArray(c["mounts"]!.AsArray().Where(m => plainMountDestinations.Contains((string)m!["destination"]!)).Select(m => m!.DeepClone()).ToArray());
        })),
        ("without tini, extra binds, masked and read-only paths", Variant(c =>
        {
            c["process"]!["args"] = new JsonArray("true");
            c["linux"]!.AsObject().Remove("maskedPaths");
            c["linux"]!.AsObject().Remove("readonlyPaths");
            c["mounts"] = new JsonArray(c["mounts"]!.AsArray().Where(m => plainMountDestinations.Contains((string)m!["destination"]!)).Select(m => m!.DeepClone()).ToArray());
        })),
    };
    var extraMounts = sameConfig!["mounts"]!.AsArray().Select(m => (string)m!["destination"]!).Where(d => !plainMountDestinations.Contains(d));
    Console.WriteLine($"our mounts beyond runc spec's and the stack's binds: {string.Join(", ", extraMounts)}");
    Console.WriteLine($"masked paths: {sameConfig!["linux"]!["maskedPaths"]?.AsArray().Count ?? 0}, read-only paths: {sameConfig!["linux"]!["readonlyPaths"]?.AsArray().Count ?? 0}");
    var timings = variants.Select(_ => new List<double>()).ToList();
    var plainTimings = new List<double>();
    double VariantOnce(int v, int i)
    {
        var c = variants[v].Config;
        c["linux"]!["cgroupsPath"] = $"/paas-bench/ablate-{v}-{i}";
        File.WriteAllText(Path.Combine(same, "config.json"), c.ToJsonString());
        var clock = Stopwatch.StartNew();
        Run("runc", "--root", plainState, "run", "--bundle", same, $"ablate-{v}-{i}");
        return clock.Elapsed.TotalMilliseconds;
    }
    for (var v = 0; v < variants.Count; v++) VariantOnce(v, -1);
    for (var i = 0; i < runs; i++)
        for (var k = 0; k <= variants.Count; k++)
        {
            var v = (i + k) % (variants.Count + 1);
            if (v == variants.Count) plainTimings.Add(PlainOnce(i));
            else timings[v].Add(VariantOnce(v, i));
        }
    var full = Median(timings[0]);
    Console.WriteLine($"load average at end: {File.ReadAllText("/proc/loadavg").Trim()}");
    Console.WriteLine("| `runc run` in the user namespace, config | median ms | p90 ms | vs our config.json |");
    Console.WriteLine("|---|---:|---:|---:|");
    Console.WriteLine(Row("runc spec's defaults (plain)", plainTimings, full));
    for (var v = 0; v < variants.Count; v++) Console.WriteLine(Row(variants[v].Name, timings[v], full));
    OverlayMount.Unmount(Path.Combine(plain, "rootfs"));
    ours.Dispose();
    oursNet.Dispose();
    return;
}

var jitBefore = System.Runtime.JitInfo.GetCompilationTime();
for (var i = 0; i < 3; i++)
{
    await OursOnce(); PlainOnce(-1 - i); SameConfigOnce(-1 - i); await NetworkOnce(); await OursStartOnce(); PlainStartOnce(-1 - i);
    if (podman is not null) { PodmanOnce(false); PodmanOnce(true); }
}

List<double> oursStart = [], plainStartRun = [], oursRan = [], oursCreateStart = [], oursDelete = [], oursCycle = [], plainRun = [], sameRun = [], netRan = [], netAnswers = [], podmanNone = [], podmanBridge = [];
// Two phases, each interleaved: network off (ours, plain runc, runc with our config), then the
// network and podman paths. Every path tears down what it made and the kernel finishes part of
// that later on its own workers (network namespaces, veths, cgroups, mounts; podman even starts
// a `podman container cleanup` process after its container exits): that work lands in whatever
// runs next. Within a phase the order rotates every round, so each path follows each other path
// equally often; the heavy teardowns of phase 2 stay out of the comparison with runc.
async Task RotateAsync(List<Func<int, Task>> steps)
{
    for (var i = 0; i < runs; i++)
        for (var k = 0; k < steps.Count; k++)
            await steps[(i + k) % steps.Count](i);
}
await RotateAsync(
[
    async i =>
    {
        var o = await OursOnce();
        oursRan.Add(o.UntilRan); oursCreateStart.Add(o.CreateStart); oursDelete.Add(o.Delete); oursCycle.Add(o.UntilRan + o.Delete);
    },
    i => { plainRun.Add(PlainOnce(i)); return Task.CompletedTask; },
    async i => oursStart.Add(await OursStartOnce()),
    i => { plainStartRun.Add(PlainStartOnce(i)); return Task.CompletedTask; },
    i => { sameRun.Add(SameConfigOnce(i)); return Task.CompletedTask; },
]);
List<Func<int, Task>> networked =
[
    async i =>
    {
        var n = await NetworkOnce();
        netRan.Add(n.Ran); netAnswers.Add(n.Answers);
    },
];
if (podman is not null)
{
    networked.Add(i => { podmanNone.Add(PodmanOnce(false)); return Task.CompletedTask; });
    networked.Add(i => { podmanBridge.Add(PodmanOnce(true)); return Task.CompletedTask; });
}
await RotateAsync(networked);
var jitMeasured = System.Runtime.JitInfo.GetCompilationTime() - jitBefore;
OverlayMount.Unmount(Path.Combine(plain, "rootfs"));

var loopClock = Stopwatch.StartNew();
var loopIds = new List<string>();
for (var i = 0; i < loop; i++)
{
    var c = await oursNet.CreateAsync(Spec(NetworkMode.Bridge, "sleep", "60"), default);
    loopIds.Add(c.Id);
    await oursNet.StartAsync(c.Id, default);
    await oursNet.StopAsync(c.Id, TimeSpan.FromSeconds(5), default);
    await oursNet.DeleteAsync(c.Id, default);
}
var loopSeconds = loopClock.Elapsed.TotalSeconds;
// Their prelaunched conmons go with the runtimes, as when paasd stops.
ours.Dispose();
oursNet.Dispose();

var leftDirs = (Directory.Exists(paths.Containers) ? Directory.GetDirectories(paths.Containers).Length : 0)
    + (Directory.Exists(paths.Writable) ? Directory.GetDirectories(paths.Writable).Length : 0);
var leftMounts = File.ReadLines("/proc/self/mountinfo").Count(l => l.Contains(paths.Containers));
// Only this loop's containers: other paas runtimes on the host have /paas cgroups and netns too.
var leftCgroups = Directory.GetDirectories("/sys/fs/cgroup").Sum(c => loopIds.Count(id => Directory.Exists(Path.Combine(c, "paas", id))));
var leftNetns = loopIds.Count(id => File.Exists(Path.Combine("/run/netns", CniContainerNetwork.NetnsNameOf(id))));
var ipamDir = Path.Combine(paths.Cni, "networks", bridge);
var leftIps = Directory.Exists(ipamDir) ? Directory.GetFiles(ipamDir).Count(f => IPAddress.TryParse(Path.GetFileName(f), out _)) : 0;
var leftVeths = Run("ip", "-o", "link", "show", "master", bridge).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;

static double Median(List<double> v) { var s = v.Order().ToList(); return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2; }
static double P90(List<double> v) { var s = v.Order().ToList(); return s[(int)Math.Ceiling(0.9 * s.Count) - 1]; }
string Row(string what, List<double> v, double? vs = null) =>
    $"| {what} | {Median(v):0.0} | {P90(v):0.0} | {(vs is { } b ? $"{Median(v) / b:0.00}x" : "")} |";

var runcMedian = Median(plainRun);
var sameMedian = Median(sameRun);
Console.WriteLine($"runtime: {ours.RuntimeBinary}, prelaunched conmon: {(prelaunch ? "on" : "off")}, runs: {runs}, JIT during the measured runs: {jitMeasured.TotalMilliseconds:0} ms, load average at end: {File.ReadAllText("/proc/loadavg").Trim()}");
Console.WriteLine();
Console.WriteLine("| path (median of interleaved runs) | median ms | p90 ms | vs plain runc |");
Console.WriteLine("|---|---:|---:|---:|");
Console.WriteLine(Row("start time: plain `runc run` until its command runs (`touch` on the marker FIFO)", plainStartRun, Median(plainStartRun)));
Console.WriteLine(Row("start time: ours, network none, create+start until its command runs (same marker)", oursStart, Median(plainStartRun)));
Console.WriteLine(Row("plain `runc run` (foreground, /bin/true, deletes itself)", plainRun, runcMedian));
Console.WriteLine(Row("plain `runc run` with our config.json (same hardening, limits, tini; no monitor)", sameRun, runcMedian));
Console.WriteLine(Row("ours, network none: create+start until /bin/true has run", oursRan, runcMedian));
Console.WriteLine(Row("ours, network none: create+start calls return", oursCreateStart, runcMedian));
Console.WriteLine(Row("ours: delete (kill, runc delete, unmount, cgroup, dir)", oursDelete));
Console.WriteLine(Row("ours, network none: whole cycle, create to deleted", oursCycle, runcMedian));
if (podman is not null)
{
    Console.WriteLine(Row("`podman run --rm --network none` (runc, /bin/true, with teardown)", podmanNone, runcMedian));
    Console.WriteLine(Row("`podman run --rm` default bridge (with teardown)", podmanBridge, runcMedian));
}
Console.WriteLine(Row("ours, bridge + CNI: until the process runs", netRan, runcMedian));
Console.WriteLine(Row("ours, bridge + CNI: until it answers on its IP (perl TCP server)", netAnswers, runcMedian));
var measuredSplit = split.TakeLast(runs).ToList();
Console.WriteLine($"\nours, split (medians of the measured runs, ms from the create call): create returns {Median(measuredSplit.Select(x => x.Created).ToList()):0.0}, " +
    $"start returns {Median(measuredSplit.Select(x => x.Started).ToList()):0.0}, conmon's exit file written {Median(measuredSplit.Select(x => x.ExitWritten).ToList()):0.0}, " +
    $"exit seen and recorded {Median(measuredSplit.Select(x => x.Seen).ToList()):0.0}");
Console.WriteLine($"\nstart time: ours / plain runc until the command runs = {Median(oursStart) / Median(plainStartRun):0.00}");
Console.WriteLine($"\nratios: ours none (until ran) / plain runc = {Median(oursRan) / runcMedian:0.00}; " +
    $"ours none (until ran) / runc with our config.json = {Median(oursRan) / sameMedian:0.00}");
if (podman is not null)
    Console.WriteLine($"ratios: ours none (until ran) / podman none = {Median(oursRan) / Median(podmanNone):0.00}; " +
        $"ours bridge (until ran) / podman bridge = {Median(netRan) / Median(podmanBridge):0.00}");
Console.WriteLine();
Console.WriteLine($"loop: {loop} containers (bridge network, sleep 60) created, started, stopped, deleted in {loopSeconds:0.0} s; " +
    $"left behind: {leftDirs} container dirs, {leftMounts} mounts, {leftCgroups} /paas/<id> cgroups, {leftNetns} netns, {leftIps} IP allocations, {leftVeths} veths");

static string Run(string file, params string[] args)
{
    var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var a in args) psi.ArgumentList.Add(a);
    using var p = Process.Start(psi)!;
    var output = p.StandardOutput.ReadToEnd();
    var error = p.StandardError.ReadToEnd();
    p.WaitForExit();
    if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)}: {error}");
    return output;
}
EOF
}

main() {
  check_prerequisites
  step "Container user namespace range"
  ensure_subordinate_ids
  WORK="$(mktemp -d /var/tmp/paas-bench-XXXXXX)"
  # runc reaches the container roots below as the containers' unprivileged root.
  chmod 0711 "$WORK"
  trap cleanup EXIT
  step "Building the benchmark against $ROOT/src/Paas.Runtime"
  write_program
  dotnet build -c Release "$WORK/bench/Bench.csproj" --artifacts-path "$WORK/artifacts" -v quiet -nologo >"$WORK/build.log" 2>&1 ||
    { cat "$WORK/build.log"; fail "build failed"; }
  step "Running: $RUNS interleaved runs per path, then a loop of $LOOP (machine: $(nproc) cores, $(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg))"
  dotnet "$WORK/artifacts/bin/Bench/release/Bench.dll" "$WORK/root" "$RUNS" "$LOOP" "$BRIDGE" "$PRELAUNCH" "$ABLATE"
}

main "$@"

#!/usr/bin/env bash
# Metrics sampler benchmark: the cost of one paasd sampler tick with N running containers (default
# 20) on the `host` stack and a throwaway PostgreSQL: the one query for the instances, the cgroup
# reads, the one COPY of the samples, the rollup and pruning; per phase and for the whole tick
# (wall time, and the process's CPU time and allocations per tick). Then the rollup of one minute
# of samples (6 ticks x N containers) with a full hour of raw samples in the table. Prints a
# Markdown table. Everything it creates (temp root, mounts, containers, cgroups, database
# cluster) is removed on exit.
#
# Usage (as root, from anywhere): bench/metrics-sampler.sh
#   BENCH_CONTAINERS=20 BENCH_TICKS=100 bench/metrics-sampler.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../scripts/subordinate-ids.sh
source "$ROOT/scripts/subordinate-ids.sh"
CONTAINERS="${BENCH_CONTAINERS:-20}"
TICKS="${BENCH_TICKS:-100}"
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
    # The program removes its containers and unmounts; this catches an interrupted run.
    grep -F " $WORK/" /proc/self/mountinfo | awk '{print $5}' | sort -r | while read -r m; do
      umount -l "$m" 2>/dev/null || true
    done
    rm -rf "$WORK"
  fi
  exit "$status"
}

check_prerequisites() {
  [ "$(id -u)" -eq 0 ] || fail "run as root (mounts, cgroups)"
  for tool in runc conmon dotnet; do
    command -v "$tool" >/dev/null || fail "$tool is missing (apt-get install runc conmon)"
  done
  [ -x /usr/lib/postgresql/15/bin/initdb ] || fail "PostgreSQL 15 is missing (apt-get install postgresql)"
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
    <ProjectReference Include="$ROOT/src/Paas.Engine/Paas.Engine.csproj" />
    <ProjectReference Include="$ROOT/src/Paas.Data/Paas.Data.csproj" />
    <ProjectReference Include="$ROOT/src/Paas.Runtime/Paas.Runtime.csproj" />
    <!-- The throwaway PostgreSQL cluster the tests use. -->
    <ProjectReference Include="$ROOT/tests/Paas.Testing/Paas.Testing.csproj" />
  </ItemGroup>
</Project>
EOF
  cat >"$WORK/bench/Program.cs" <<'EOF'
using System.Diagnostics;
using System.Globalization;
using Paas.Core.Containers;
using Paas.Core.Deploys;
using Paas.Core.Limits;
using Paas.Core.Metrics;
using Paas.Core.Stacks;
using Paas.Data;
using Paas.Data.Metrics;
using Paas.Data.Migrations;
using Paas.Engine.Metrics;
using Paas.Runtime.Cgroups;
using Paas.Runtime.Containers;
using Paas.Runtime.Images;
using Paas.Runtime.Stacks;
using Paas.Runtime.UserNamespaces;
using Paas.Testing;

var root = args[0];
var count = int.Parse(args[1], CultureInfo.InvariantCulture);
var ticks = int.Parse(args[2], CultureInfo.InvariantCulture);
var paths = new RuntimePaths(root);
var userns = SubordinateIds.Read();
var images = new OciImageStore(paths, TimeProvider.System, userNamespace: userns);
await new StackStore(paths, images).CreateAsync("host", StackSource.Host, default);
var runtime = new ContainerRuntime(paths, images, new ContainerRuntimeOptions { UserNamespace = userns }, TimeProvider.System);
await using var server = await PostgresServer.StartPrivateAsync();
var connectionString = await server.CreateDatabaseAsync();
MigrationRunner.Run(connectionString);
await using var source = StateDataSource.Create(connectionString);
var state = new PostgresStateStore(source);
var store = new PostgresMetricsStore(source);
var ids = new List<string>();
try
{
    Console.Error.WriteLine($"starting {count} containers");
    long appId;
    await using (var session = await state.BeginAsync(default))
    {
        appId = (await session.Apps.CreateAsync("bench", default)).Id;
        for (var i = 0; i < count; i++)
        {
            var spec = new ContainerSpec("stack/host", ["/bin/sh", "-c", "while :; do sleep 1; done"], new Dictionary<string, string>(), null, "app",
                $"bench.web.{i + 1}", new Dictionary<string, string>(), ResourceLimits.Defaults, [], NetworkMode.None, []);
            var created = await runtime.CreateAsync(spec, default);
            ids.Add(created.Id);
            await runtime.StartAsync(created.Id, default);
            var type = $"type{i % 4}";
            var instance = await session.Instances.AddAsync(appId, 1, type, i / 4 + 1, null, default);
            await session.Instances.MarkStartedAsync(instance.Id, created.Id, null, null, null, "boot", InstanceState.Running, DateTimeOffset.UtcNow, default);
        }
        await session.CommitAsync(default);
    }

    var reader = new CgroupStatsReader(paths, CgroupHierarchy.Detect(), TimeProvider.System);
    var sampler = new MetricsSampler(store, reader, new MetricsSettings(), TimeProvider.System);
    for (var i = 0; i < 5; i++) await sampler.TickAsync(default); // JIT, pool, plans

    var list = new List<double>(); var read = new List<double>(); var write = new List<double>(); var rollup = new List<double>(); var tick = new List<double>();
    var process = Process.GetCurrentProcess();
    var cpuBefore = process.TotalProcessorTime;
    var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
    for (var i = 0; i < ticks; i++)
    {
        var clock = Stopwatch.StartNew();
        await sampler.TickAsync(default);
        tick.Add(clock.Elapsed.TotalMilliseconds);
    }
    process.Refresh();
    var cpuPerTick = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / ticks;
    var allocatedPerTick = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / ticks;

    // The same phases one by one (the sampler does exactly these calls).
    for (var i = 0; i < ticks; i++)
    {
        var clock = Stopwatch.StartNew();
        var containers = await store.ListContainersAsync(default);
        list.Add(clock.Elapsed.TotalMilliseconds);
        clock.Restart();
        var stats = reader.Read(containers.Select(c => c.ContainerId).ToList());
        read.Add(clock.Elapsed.TotalMilliseconds);
        if (stats.Count != count) throw new InvalidOperationException($"read {stats.Count} of {count} containers");
        var now = DateTimeOffset.UtcNow;
        var samples = containers.Zip(stats, (c, s) => new ContainerSample(c.AppId, c.ProcessType, c.Instance, c.ContainerId, now,
            s.CpuTime.Ticks * 100, 1, s.MemoryBytes, s.MemoryLimitBytes, c.Restarts)).ToList();
        clock.Restart();
        await store.WriteAsync(samples, default);
        write.Add(clock.Elapsed.TotalMilliseconds);
        clock.Restart();
        await store.RollUpAsync(now.AddHours(-1), default);
        await store.PruneAsync(now.AddDays(-7), default);
        rollup.Add(clock.Elapsed.TotalMilliseconds);
    }

    // A full hour of raw samples (360 ticks x N), then the rollup of its oldest minute, as every minute does.
    var hourAgo = DateTimeOffset.UtcNow.AddHours(-2);
    hourAgo = new DateTimeOffset(hourAgo.Ticks - hourAgo.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
    var backlog = new List<ContainerSample>();
    for (var t = 0; t < 360; t++)
        for (var i = 0; i < count; i++)
            backlog.Add(new ContainerSample(appId, $"type{i % 4}", i / 4 + 1, ids[i], hourAgo.AddSeconds(10 * t), 0, 5, 50 << 20, 512 << 20, 0));
    await store.WriteAsync(backlog, default);
    var minute = new List<double>();
    for (var m = 1; m <= 20; m++)
    {
        var clock = Stopwatch.StartNew();
        var rows = await store.RollUpAsync(hourAgo.AddMinutes(m), default);
        minute.Add(clock.Elapsed.TotalMilliseconds);
        if (rows != 4) throw new InvalidOperationException($"rolled {rows} rows, expected one per type");
    }

    string Stats(List<double> v)
    {
        v.Sort();
        double P(double q) => v[Math.Min(v.Count - 1, (int)Math.Ceiling(q * v.Count) - 1)];
        return string.Create(CultureInfo.InvariantCulture, $"{P(0.5):0.00} | {P(0.95):0.00} | {v[^1]:0.00}");
    }
    Console.WriteLine($"| {count} containers, {ticks} ticks | median ms | p95 ms | max ms |");
    Console.WriteLine("|---|---|---|---|");
    Console.WriteLine($"| whole tick (wall) | {Stats(tick)} |");
    Console.WriteLine($"| list instances (1 query) | {Stats(list)} |");
    Console.WriteLine($"| read cgroups ({count} containers) | {Stats(read)} |");
    Console.WriteLine($"| write samples (1 COPY) | {Stats(write)} |");
    Console.WriteLine($"| rollup + prune, nothing due | {Stats(rollup)} |");
    Console.WriteLine($"| rollup of one minute ({6 * count} rows, {360 * count} raw rows in the table) | {Stats(minute)} |");
    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"CPU time of the whole process per tick: {cpuPerTick:0.00} ms; allocated per tick: {allocatedPerTick / 1024.0:0} KiB; ticks every 10 s."));
}
finally
{
    foreach (var id in ids)
    {
        try { await runtime.DeleteAsync(id, default); }
        catch (ContainerException) { }
    }
    runtime.Dispose();
    MountsBelow.Unmount(root);
}
EOF
}

main() {
  check_prerequisites
  ensure_subordinate_ids
  WORK="$(mktemp -d /tmp/paas-bench-metrics-XXXXXX)"
  chmod 0711 "$WORK"
  trap cleanup EXIT
  write_program
  step "building the benchmark"
  dotnet build -c Release -o "$WORK/out" "$WORK/bench/Bench.csproj" >"$WORK/build.log" 2>&1 || {
    cat "$WORK/build.log" >&2
    fail "build failed"
  }
  step "measuring ($CONTAINERS containers, $TICKS ticks)"
  dotnet "$WORK/out/Bench.dll" "$WORK/root" "$CONTAINERS" "$TICKS"
}

main "$@"

#!/usr/bin/env bash
# Router benchmark: wrk on loopback against the same backend, in interleaved rounds: direct to the
# backend, through paas-router with each forwarder — `connection` (PAAS_ROUTER_FORWARDER=connection,
# the default), `yarp` (YARP's forwarder) and, when asked for, `lean` — (Release publish, a
# routes.json with one app), and
# through nginx configured for the same route (Host server block, HTTP/1.1 upstream keepalive,
# X-Forwarded-* set, an access log buffered like ours). The backend is an nginx `return 200`
# server block, as in shared/notes/router-performance.md. Prints req/s, p50 and p99 per round and
# their medians, and the ratio ours/nginx. Installs wrk and nginx if missing; stops and removes
# everything it started on exit.
#
# Usage (as root, from anywhere): bench/proxy.sh
#   BENCH_ROUNDS=3 BENCH_SECONDS=8 BENCH_WARMUP=5 BENCH_THREADS=2 BENCH_CONNECTIONS=64 bench/proxy.sh
#   BENCH_TARGETS="direct connection lean yarp nginx" bench/proxy.sh   (the targets and their order)
#   BENCH_BASELINE=REV BENCH_TARGETS="baseline connection nginx" bench/proxy.sh
#     (`baseline`: the connection forwarder as published from git revision REV, for a before/after in one run)
#   BENCH_SYSCALLS=1 bench/proxy.sh   (also system calls, recvfrom calls and context switches per request, by perf stat)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUNDS="${BENCH_ROUNDS:-3}"
SECONDS_PER_RUN="${BENCH_SECONDS:-8}"
WARMUP="${BENCH_WARMUP:-5}"
THREADS="${BENCH_THREADS:-2}"
CONNECTIONS="${BENCH_CONNECTIONS:-64}"
BASELINE="${BENCH_BASELINE:-}"
SYSCALLS="${BENCH_SYSCALLS:-}"
HOST_NAME="bench.paas.test"
read -r -a TARGETS <<<"${BENCH_TARGETS:-direct connection yarp nginx}"
# The forwarder each paas-router target runs.
declare -A FORWARDER=([yarp]=yarp [lean]=lean [connection]=connection [baseline]=connection)
# The published router each paas-router target runs (the baseline's is set when it is published).
declare -A ROUTER_BIN=()
declare -A PORTS=()
# The processes that serve each target, for their CPU time per request.
declare -A PIDS=()

WORK=""
ROUTER_PIDS=()
NGINX_PREFIXES=()

step() { printf -- '-----> %s\n' "$*"; }
detail() { printf '       %s\n' "$*"; }
fail() {
  printf ' !     %s\n' "$*" >&2
  exit 1
}

cleanup() {
  local status=$?
  set +e
  local pid
  for pid in "${ROUTER_PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid"
      wait "$pid" 2>/dev/null
    fi
  done
  [ -z "$WORK" ] || [ ! -d "$WORK/baseline-src" ] || git -C "$ROOT" worktree remove --force "$WORK/baseline-src"
  local prefix
  for prefix in "${NGINX_PREFIXES[@]}"; do
    # Only the nginx masters this script started, by their own pid files.
    if [ -f "$prefix/nginx.pid" ]; then
      nginx -p "$prefix" -c "$prefix/nginx.conf" -s quit 2>/dev/null
      for _ in $(seq 1 50); do
        [ -f "$prefix/nginx.pid" ] || break
        sleep 0.1
      done
    fi
  done
  if [ -n "$WORK" ] && [ -d "$WORK" ]; then
    local log
    for log in "$WORK"/*/router.log; do
      if [ "$status" -ne 0 ] && [ -f "$log" ]; then
        echo " !     paas-router output, $log (last lines):" >&2
        tail -n 20 "$log" >&2
      fi
    done
    rm -rf "$WORK"
  fi
  exit "$status"
}

# A TCP port on 127.0.0.1 that nothing listens on.
free_port() {
  local port listening
  listening="$(ss -Htln | awk '{ print $4 }')"
  for _ in $(seq 1 100); do
    port=$((20000 + RANDOM % 40000))
    if ! grep -q ":$port\$" <<<"$listening"; then
      echo "$port"
      return 0
    fi
  done
  fail "no free loopback port found"
}

install_tools() {
  step "Checking wrk and nginx"
  [ "$(id -u)" -eq 0 ] || fail "run as root (installs wrk and nginx with apt-get if missing)"
  command -v dotnet >/dev/null || fail "dotnet not found: install the .NET 10 SDK"
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v nginx >/dev/null || missing+=(nginx-light)
  [ -z "$SYSCALLS" ] || command -v perf >/dev/null || missing+=(linux-perf)
  if [ "${#missing[@]}" -gt 0 ]; then
    detail "installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  detail "$(wrk --version 2>&1 | head -n 1 | cut -d' ' -f1-2), $(nginx -v 2>&1 | cut -d' ' -f3), $(nproc) cores, $(sed -n 's/^PRETTY_NAME="\(.*\)"/\1/p' /etc/os-release)"
}

publish_router() {
  step "Publishing paas-router (Release)"
  dotnet publish "$ROOT/src/Paas.Router" -c Release --artifacts-path "$ROOT/artifacts/bench" \
    -o "$WORK/bin" --nologo -v quiet >"$WORK/publish.log" 2>&1 \
    || { tail -n 30 "$WORK/publish.log" >&2; fail "dotnet publish src/Paas.Router failed"; }
  detail "$WORK/bin/paas-router"
  if [[ " ${TARGETS[*]} " == *" baseline "* ]]; then
    [ -n "$BASELINE" ] || fail "the baseline target needs BENCH_BASELINE=REV (a git revision)"
    step "Publishing paas-router of $BASELINE (Release) for the baseline"
    git -C "$ROOT" worktree add --detach --quiet "$WORK/baseline-src" "$BASELINE" || fail "cannot check out '$BASELINE'"
    dotnet publish "$WORK/baseline-src/src/Paas.Router" -c Release -o "$WORK/bin-baseline" --nologo -v quiet >"$WORK/publish-baseline.log" 2>&1 \
      || { tail -n 30 "$WORK/publish-baseline.log" >&2; fail "dotnet publish of $BASELINE failed"; }
    ROUTER_BIN[baseline]="$WORK/bin-baseline/paas-router"
    detail "${ROUTER_BIN[baseline]} ($(git -C "$ROOT" rev-parse --short "$BASELINE"))"
  fi
}

# Starts an nginx master with its own prefix and config; the http block comes on stdin.
start_nginx() {
  local name="$1" prefix="$WORK/nginx-$1"
  mkdir -p "$prefix/logs"
  {
    printf 'worker_processes auto;\nerror_log %s/error.log warn;\npid %s/nginx.pid;\n' "$prefix" "$prefix"
    printf 'events { worker_connections 4096; }\n'
    printf 'http {\n  access_log off;\n  client_body_temp_path %s/body;\n  proxy_temp_path %s/proxy;\n' "$prefix" "$prefix"
    printf '  fastcgi_temp_path %s/fastcgi;\n  uwsgi_temp_path %s/uwsgi;\n  scgi_temp_path %s/scgi;\n' "$prefix" "$prefix" "$prefix"
    cat
    printf '}\n'
  } >"$prefix/nginx.conf"
  nginx -p "$prefix" -c "$prefix/nginx.conf" -t -q || fail "nginx $name: invalid configuration"
  nginx -p "$prefix" -c "$prefix/nginx.conf"
  NGINX_PREFIXES+=("$prefix")
}

start_backend() {
  step "Starting the backend (nginx return 200 on 127.0.0.1:$BACKEND_PORT)"
  start_nginx backend <<EOF
  server {
    listen 127.0.0.1:$BACKEND_PORT;
    location / { default_type text/plain; return 200 "hello from the backend, 99 bytes of body to stand in for a small page ........\n"; }
  }
EOF
}

start_nginx_proxy() {
  step "Starting the nginx proxy (127.0.0.1:$NGINX_PORT, upstream keepalive)"
  start_nginx proxy <<EOF
  upstream app { server 127.0.0.1:$BACKEND_PORT; keepalive 64; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    server_name $HOST_NAME;
    access_log $WORK/nginx-proxy/logs/access.log combined buffer=64k flush=1s;
    location / {
      proxy_pass http://app;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$http_host;
      proxy_set_header X-Forwarded-For \$remote_addr;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_set_header X-Forwarded-Host \$http_host;
      proxy_set_header X-Request-Id \$request_id;
    }
  }
EOF
}

# Starts a paas-router for target $1 (its forwarder from FORWARDER) on port $2, with a root of its own.
start_router() {
  local target="$1" port="$2" root="$WORK/$1"
  step "Starting paas-router $target (127.0.0.1:$port, PAAS_ROUTER_FORWARDER=${FORWARDER[$target]})"
  mkdir -p "$root/root/router"
  cat >"$root/root/router/routes.json" <<EOF
{ "revision": 1, "generatedAt": "$(date -u +%Y-%m-%dT%H:%M:%SZ)",
  "listeners": [ { "scheme": "http", "port": $port } ],
  "apps": [ { "appId": 1, "app": "bench", "hosts": [ "$HOST_NAME" ],
              "mappings": [ { "scheme": "http", "listenPort": $port, "containerPort": $BACKEND_PORT } ],
              "backends": [ { "instance": "web.1", "address": "127.0.0.1" } ],
              "certificate": null, "redirectToHttps": false } ] }
EOF
  PAAS_ROOT="$root/root" PAAS_ROUTER_ADDRESS=127.0.0.1 PAAS_ROUTER_FORWARDER="${FORWARDER[$target]}" \
    "${ROUTER_BIN[$target]:-$WORK/bin/paas-router}" >"$root/router.log" 2>&1 &
  local pid=$!
  ROUTER_PIDS+=("$pid")
  PIDS[$target]="$pid"
  for _ in $(seq 1 100); do
    [ "$(sed -n 's/^[[:space:]]*"revision":[[:space:]]*\([0-9][0-9]*\).*/\1/p' "$root/root/router/applied" 2>/dev/null)" = "1" ] && break
    kill -0 "$pid" 2>/dev/null || fail "paas-router $target exited"
    sleep 0.1
  done
  [ "$(sed -n 's/^[[:space:]]*"revision":[[:space:]]*\([0-9][0-9]*\).*/\1/p' "$root/root/router/applied" 2>/dev/null)" = "1" ] || fail "paas-router $target did not apply the snapshot"
}

port_of() { echo "${PORTS[$1]}"; }

# The processes serving a target: its paas-router, or an nginx master and its workers.
target_pids() {
  local pids="${PIDS[$1]:-}"
  if [ "$1" = direct ] || [ "$1" = nginx ]; then
    local master
    master="$(cat "$WORK/nginx-$([ "$1" = direct ] && echo backend || echo proxy)/nginx.pid")"
    pids="$master $(pgrep -P "$master" | tr '\n' ' ')"
  fi
  echo "$pids"
}

# CPU time (utime + stime, clock ticks) of a target's processes.
cpu_ticks() {
  local total=0 pid
  for pid in $(target_pids "$1"); do
    total=$((total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}

check_targets() {
  local target status
  for target in "${TARGETS[@]}"; do
    status="$(curl -s -o /dev/null -w '%{http_code}' -H "Host: $HOST_NAME" "http://127.0.0.1:$(port_of "$target")/")"
    [ "$status" = "200" ] || fail "$target answered $status"
  done
}

# wrk's latency in ms: it prints 812.00us, 1.23ms or 1.02s.
to_ms() {
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) { sub(/us$/, "", v); printf "%.2f", v / 1000 }
    else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.2f", v }
    else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.2f", v * 1000 }
  }'
}

# Runs wrk against a target; prints "req/s p50 p99 cpu-µs-per-request" (the CPU of the proxy, or of the backend for direct).
measure() {
  local target="$1" seconds="$2" out before after
  before="$(cpu_ticks "$target")"
  local perf_pid=""
  if [ -n "$SYSCALLS" ]; then
    perf stat -x, -o "$WORK/perf.out" -e raw_syscalls:sys_enter,syscalls:sys_enter_recvfrom,context-switches \
      -p "$(target_pids "$target" | xargs | tr ' ' ',')" >/dev/null 2>&1 &
    perf_pid=$!
  fi
  out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --latency -H "Host: $HOST_NAME" "http://127.0.0.1:$(port_of "$target")/")"
  local counts=""
  if [ -n "$perf_pid" ]; then
    kill -INT "$perf_pid"
    wait "$perf_pid" 2>/dev/null || true
    counts="$(awk -F, '$3 == "raw_syscalls:sys_enter" { s = $1 } $3 == "syscalls:sys_enter_recvfrom" { r = $1 } $3 == "context-switches" { c = $1 }
      END { print s + 0, r + 0, c + 0 }' "$WORK/perf.out")"
  fi
  local errors
  errors="$(grep -E 'Non-2xx|Socket errors' <<<"$out" || true)"
  # To stderr: what this prints on stdout is the result the caller reads.
  [ -z "$errors" ] || detail "$target: $errors" >&2
  after="$(cpu_ticks "$target")"
  local requests
  requests="$(awk '/requests in/ { print $1 }' <<<"$out")"
  printf '%s %s %s %s%s\n' \
    "$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' <<<"$out")" \
    "$(to_ms "$(awk '$1 == "50%" { print $2 }' <<<"$out")")" \
    "$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")" \
    "$(awk -v t="$((after - before))" -v n="$requests" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", t / hz * 1e6 / n }')" \
    "$([ -z "$counts" ] || awk -v n="$requests" '{ printf " %.2f %.2f %.3f", $1 / n, $2 / n, $3 / n }' <<<"$counts")"
}

median() {
  sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

run_rounds() {
  local target
  step "Warming up (${WARMUP} s each)"
  for target in "${TARGETS[@]}"; do measure "$target" "$WARMUP" >/dev/null; done

  step "$ROUNDS interleaved rounds of ${SECONDS_PER_RUN} s, wrk -t$THREADS -c$CONNECTIONS"
  : >"$WORK/results"
  local round order result
  for round in $(seq 1 "$ROUNDS"); do
    # Alternate the order, so no target always runs on the machine the previous one warmed.
    if [ $((round % 2)) -eq 1 ]; then order=("${TARGETS[@]}"); else order=(); for ((i = ${#TARGETS[@]} - 1; i >= 0; i--)); do order+=("${TARGETS[i]}"); done; fi
    for target in "${order[@]}"; do
      result="$(measure "$target" "$SECONDS_PER_RUN")"
      echo "$round $target $result" >>"$WORK/results"
      detail "round $round $(printf '%-10s' "$target") $(awk '{ printf "%7d req/s  p50 %6.2f ms  p99 %6.2f ms  %5.1f CPU µs/req", $1, $2, $3, $4
        if (NF > 4) printf "  %.2f syscalls %.2f recvfrom %.3f cs /req", $5, $6, $7 }' <<<"$result")"
    done
  done
}

report() {
  step "Medians (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  echo
  if [ -n "$SYSCALLS" ]; then
    echo "| path | req/s | p50 ms | p99 ms | × nginx req/s | CPU µs/req | syscalls/req | recvfrom/req | context switches/req |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  else
    echo "| path | req/s | p50 ms | p99 ms | × nginx req/s | CPU µs/req |"
    echo "|---|---:|---:|---:|---:|---:|"
  fi
  local nginx_rps target rps p50 p99 cpu
  nginx_rps="$(awk '$2 == "nginx" { print $3 }' "$WORK/results" | median)"
  for target in "${TARGETS[@]}"; do
    rps="$(awk -v t="$target" '$2 == t { print $3 }' "$WORK/results" | median)"
    p50="$(awk -v t="$target" '$2 == t { print $4 }' "$WORK/results" | median)"
    p99="$(awk -v t="$target" '$2 == t { print $5 }' "$WORK/results" | median)"
    cpu="$(awk -v t="$target" '$2 == t { print $6 }' "$WORK/results" | median)"
    local counts=""
    if [ -n "$SYSCALLS" ]; then
      local column
      for column in 7 8 9; do counts+=" $(awk -v t="$target" -v c="$column" '$2 == t { print $c }' "$WORK/results" | median) |"; done
    fi
    echo "| $target | $rps | $p50 | $p99 | $(awk -v a="$rps" -v b="$nginx_rps" 'BEGIN { printf "%.2f", a / b }') | $cpu |$counts"
  done
  echo
  # Per round, ours against nginx in the same round.
  local ratios
  for target in "${!FORWARDER[@]}"; do
    [[ " ${TARGETS[*]} " == *" $target "* ]] || continue
    ratios="$(awk -v t="$target" '$2 == t { r[$1] = $3 } $2 == "nginx" { n[$1] = $3 }
      END { for (i in r) printf "%.2f\n", r[i] / n[i] }' "$WORK/results" | sort -g | tr '\n' ' ')"
    echo "$target/nginx req/s per round: $ratios"
  done
}

main() {
  install_tools
  WORK="$(mktemp -d /tmp/paas-bench-proxy.XXXXXX)"
  chmod 0755 "$WORK"
  trap cleanup EXIT
  BACKEND_PORT="$(free_port)"
  NGINX_PORT="$(free_port)"
  PORTS[direct]="$BACKEND_PORT"
  PORTS[nginx]="$NGINX_PORT"
  local target
  for target in "${TARGETS[@]}"; do
    case "$target" in
      direct | nginx) ;;
      connection | yarp | lean | baseline) PORTS[$target]="$(free_port)" ;;
      *) fail "unknown target '$target' in BENCH_TARGETS (direct, connection, yarp, lean, baseline, nginx)" ;;
    esac
  done
  publish_router
  start_backend
  start_nginx_proxy
  for target in "${TARGETS[@]}"; do
    [ -z "${FORWARDER[$target]:-}" ] || start_router "$target" "${PORTS[$target]}"
  done
  check_targets
  run_rounds
  report
}

main "$@"

#!/usr/bin/env bash
# udp relay benchmark: sequential request/response round trips of 64-byte datagrams on loopback
# from one client, direct to a Python UDP echo and through paas-router (Release publish, a
# routes.json with one udp mapping), in interleaved rounds. Prints round trips/s, p50 and p99 per
# round. The echo and the client are Python, so "direct" is bounded by them as much as by the
# kernel: the difference between the two is what the router adds per datagram pair. Stops and
# removes everything it started on exit.
#
# Usage (from anywhere): bench/udp.sh
#   BENCH_ROUNDS=5 BENCH_TRIPS=20000 bench/udp.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUNDS="${BENCH_ROUNDS:-5}"
TRIPS="${BENCH_TRIPS:-20000}"
WORK="$(mktemp -d)"
PIDS=()

cleanup() {
  # A killed child's wait returns its signal status: errexit must not end the cleanup there.
  set +e
  local pid
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

free_udp_port() {
  python3 -c 'import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

printf -- '-----> Publishing paas-router (Release)\n'
dotnet publish "$ROOT/src/Paas.Router" -c Release -o "$WORK/bin" >"$WORK/publish.log" 2>&1 || { cat "$WORK/publish.log"; exit 1; }

ECHO_PORT="$(free_udp_port)"
ROUTER_PORT="$(free_udp_port)"
python3 - "$ECHO_PORT" <<'PY' &
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", int(sys.argv[1])))
while True:
    data, sender = s.recvfrom(65535)
    s.sendto(data, sender)
PY
PIDS+=($!)

mkdir -p "$WORK/root/router"
cat >"$WORK/root/router/routes.json" <<JSON
{ "revision": 1, "generatedAt": "$(date -u +%Y-%m-%dT%H:%M:%SZ)",
  "listeners": [ { "scheme": "udp", "port": $ROUTER_PORT } ],
  "apps": [ { "appId": 1, "app": "bench", "hosts": [ "bench.paas.test" ],
              "mappings": [ { "scheme": "udp", "listenPort": $ROUTER_PORT, "containerPort": $ECHO_PORT } ],
              "backends": [ { "instance": "web.1", "address": "127.0.0.1" } ],
              "certificate": null, "redirectToHttps": false } ] }
JSON
PAAS_ROOT="$WORK/root" PAAS_ROUTER_ADDRESS=127.0.0.1 "$WORK/bin/paas-router" >"$WORK/router.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 100); do
  grep -q '"revision": 1' "$WORK/root/router/applied" 2>/dev/null && break
  sleep 0.1
done
grep -q '"revision": 1' "$WORK/root/router/applied" 2>/dev/null || { cat "$WORK/router.log"; echo "paas-router did not apply the snapshot" >&2; exit 1; }

measure() {
  python3 - "$1" "$TRIPS" "$2" <<'PY'
import socket, sys, time
port, n, label = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(2)
s.connect(("127.0.0.1", port))
payload = b"x" * 64
for _ in range(200):  # warm-up
    s.send(payload); s.recv(65535)
took = []
for _ in range(n):
    start = time.perf_counter()
    s.send(payload)
    s.recv(65535)
    took.append(time.perf_counter() - start)
took.sort()
print("       %-6s %7.0f round trips/s  p50 %5.0f us  p99 %6.0f us" % (label, n / sum(took), took[n // 2] * 1e6, took[int(n * 0.99)] * 1e6))
PY
}

for round in $(seq 1 "$ROUNDS"); do
  printf -- '-----> Round %s of %s (%s round trips each)\n' "$round" "$ROUNDS" "$TRIPS"
  measure "$ECHO_PORT" direct
  measure "$ROUTER_PORT" router
done

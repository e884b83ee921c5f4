#!/usr/bin/env bash
# API latency benchmark: GET /api/v1/apps and PATCH /api/v1/apps/{app}/config with 1,000 apps,
# over TCP loopback with a bearer token, against a freshly published paasd and a throwaway
# PostgreSQL cluster. Prints p50/p99 in ms. Everything it starts is removed on exit.
#
# Usage (as root): bench/api.sh
#   BENCH_APPS=1000 BENCH_REQUESTS=500 BENCH_WARMUP=50 BENCH_FSYNC=off bench/api.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
APPS="${BENCH_APPS:-1000}"
REQUESTS="${BENCH_REQUESTS:-500}"
WARMUP="${BENCH_WARMUP:-50}"
FSYNC="${BENCH_FSYNC:-off}"
PG_BIN="$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)"

# shellcheck source=bench/lib/paasd.sh
source "$ROOT/bench/lib/paasd.sh"

# curl -K reads "next" as "another request follows"; a trailing one makes it complain
# "no URL specified" once per file, so the last block of a config file ends without it.
drop_trailing_next() {
  sed -i '${/^next$/d}' "$1"
}

check_prerequisites() {
  step "Checking prerequisites"
  [ "$(id -u)" -eq 0 ] || fail "run as root (the PostgreSQL cluster runs as the postgres user)"
  [ -x "${PG_BIN:-/nonexistent}/initdb" ] || fail "PostgreSQL server not found: apt-get install postgresql"
  command -v curl >/dev/null || fail "curl not found: apt-get install curl"
  command -v dotnet >/dev/null || fail "dotnet not found: install the .NET 10 SDK"
  detail "PostgreSQL in $PG_BIN, $(nproc) cores, $(sed -n 's/^PRETTY_NAME="\(.*\)"/\1/p' /etc/os-release)"
}

# Prints one request of a curl config file (-K); the requests of one file share a connection.
# Arguments: method path [json-body].
request_block() {
  local method="$1" path="$2" body="${3:-}"
  printf 'url = "http://127.0.0.1:%s%s"\n' "$API_PORT" "$path"
  printf 'request = "%s"\n' "$method"
  printf 'header = "Authorization: Bearer %s"\n' "$TOKEN"
  if [ -n "$body" ]; then
    printf 'header = "Content-Type: application/json"\n'
    printf 'data = "%s"\n' "${body//\"/\\\"}"
  fi
  printf 'output = "/dev/null"\n'
  printf 'write-out = "%%{http_code} %%{time_total}\\n"\n'
  printf 'next\n'
}

create_apps() {
  step "Creating $APPS apps through the API"
  local i
  for i in $(seq 1 "$APPS"); do
    # Options do not carry over a `next`: every request names the socket again.
    printf 'unix-socket = "%s"\n' "$SOCKET"
    printf 'url = "http://localhost/api/v1/apps"\nrequest = "POST"\n'
    printf 'header = "Content-Type: application/json"\n'
    printf 'data = "{\\"name\\":\\"bench-%04d\\"}"\n' "$i"
    printf 'output = "/dev/null"\nwrite-out = "%%{http_code}\\n"\nnext\n'
  done >"$WORK/create.curl"
  drop_trailing_next "$WORK/create.curl"
  local started ended created
  started="$(date +%s.%N)"
  curl -s -K "$WORK/create.curl" >"$WORK/create.out" || true
  ended="$(date +%s.%N)"
  created="$(grep -c '^201$' "$WORK/create.out" || true)"
  [ "$created" -eq "$APPS" ] || fail "created $created of $APPS apps (status codes: $(sort "$WORK/create.out" | uniq -c | tr '\n' ' '))"
  detail "$created apps in $(awk -v a="$started" -v b="$ended" 'BEGIN { printf "%.1f", b - a }') s (over the unix socket)"
}

create_token() {
  step "Creating an API token"
  TOKEN="$(PAAS_SOCKET="$SOCKET" "$WORK/bin/paas" tokens:create bench 2>>"$WORK/cli.log")"
  [ -n "$TOKEN" ] || fail "paas tokens:create printed nothing"
  local status
  status="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$API_PORT/api/v1/apps")"
  [ "$status" = "200" ] || fail "GET /api/v1/apps with the token answered $status"
  detail "token works over TCP"
}

# Prints "p50 p99 max" in ms of the time_total column; fails on any non-2xx answer.
percentiles() {
  local file="$1" bad
  bad="$(awk '$1 !~ /^2/' "$file" | wc -l)"
  [ "$bad" -eq 0 ] || fail "$bad requests failed: $(awk '$1 !~ /^2/ { print $1 }' "$file" | sort | uniq -c | tr '\n' ' ')"
  awk '{ print $2 * 1000 }' "$file" | sort -n | awk '
    { v[NR] = $1 }
    END {
      p50 = int(NR * 0.50 + 0.999999); p99 = int(NR * 0.99 + 0.999999)
      printf "%.2f %.2f %.2f\n", v[p50], v[p99], v[NR]
    }'
}

# Runs the warm-up and measured requests of one scenario in two modes: one kept-alive
# connection (one curl process), and a new connection per request (one curl per request, like
# the CLI). Prints a result line per mode.
measure() {
  local label="$1" method="$2" i app
  shift 2
  # Config bodies and app names vary per request so each PATCH really writes.
  scenario_request() {
    local n="$1"
    app="$(printf 'bench-%04d' $(( (n % APPS) + 1 )))"
    if [ "$method" = GET ]; then
      request_block GET /api/v1/apps
    else
      request_block PATCH "/api/v1/apps/$app/config" "{\"set\":{\"BENCH_VALUE\":\"v$n\"},\"unset\":[],\"noRestart\":false}"
    fi
  }
  for i in $(seq 1 "$WARMUP"); do scenario_request "$i"; done >"$WORK/warmup.curl"
  for i in $(seq 1 "$REQUESTS"); do scenario_request "$((i + WARMUP))"; done >"$WORK/measure.curl"
  drop_trailing_next "$WORK/warmup.curl"
  drop_trailing_next "$WORK/measure.curl"
  curl -s -K "$WORK/warmup.curl" >/dev/null || true
  curl -s -K "$WORK/measure.curl" >"$WORK/keepalive.out" || true
  local keepalive
  keepalive="$(percentiles "$WORK/keepalive.out")"

  # New connection per request: split the same requests into one config per request.
  : >"$WORK/fresh.out"
  for i in $(seq 1 "$REQUESTS"); do
    scenario_request "$((i + WARMUP))" >"$WORK/one.curl"
    drop_trailing_next "$WORK/one.curl"
    curl -s -K "$WORK/one.curl" >>"$WORK/fresh.out" || true
  done
  local fresh
  fresh="$(percentiles "$WORK/fresh.out")"
  read -r k50 k99 kmax <<<"$keepalive"
  read -r f50 f99 fmax <<<"$fresh"
  RESULTS+=("$(printf '%-34s %-22s %8s %8s %8s' "$label" "keep-alive" "$k50" "$k99" "$kmax")")
  RESULTS+=("$(printf '%-34s %-22s %8s %8s %8s' "$label" "new connection" "$f50" "$f99" "$fmax")")
}

main() {
  check_prerequisites
  WORK="$(mktemp -d /tmp/paas-bench.XXXXXX)"
  chmod 0755 "$WORK"
  trap cleanup EXIT
  trap 'exit 130' INT TERM

  publish
  start_postgres
  start_paasd
  create_apps
  create_token

  RESULTS=()
  # Other work on the machine shows up in p99: say how busy it was.
  LOAD_BEFORE="$(cut -d ' ' -f 1-3 /proc/loadavg)"
  step "Measuring GET /api/v1/apps ($REQUESTS requests after $WARMUP warm-up)"
  measure "GET /api/v1/apps" GET
  step "Measuring PATCH /api/v1/apps/{app}/config ($REQUESTS requests after $WARMUP warm-up)"
  measure "PATCH /api/v1/apps/{app}/config" PATCH

  step "Results ($APPS apps, $REQUESTS requests each, TCP loopback, bearer token, fsync=$FSYNC)"
  printf '       %-34s %-22s %8s %8s %8s\n' "request" "connection" "p50 ms" "p99 ms" "max ms"
  local line
  for line in "${RESULTS[@]}"; do detail "$line"; done
  detail "load average before: $LOAD_BEFORE, after: $(cut -d ' ' -f 1-3 /proc/loadavg) ($(nproc) cores)"
  detail "commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown), $(date -u '+%Y-%m-%d %H:%M UTC')"
}

main "$@"

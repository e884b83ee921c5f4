#!/usr/bin/env bash
# Push-to-release benchmark: `git push` of each sample app in tests/apps over smart HTTP to a
# freshly published paasd (throwaway PostgreSQL, the `host` stack, the checkout's buildpacks),
# first push and an unchanged second push (a new empty commit), timed at the client. The split
# comes from paasd's own "Took" line (queue, extract, build, predeploy, release); receive is the
# rest: the pack upload, git's checks, the hook's round trip and the ref update.
# The floor, in the same run: git's own smart HTTP server needs a web server this host does not
# run, so two floors stand in for it: the same push to a non-deploy branch of the same paasd (the
# same transport and receive path, no build) and to a local bare repo (file://, no transport).
#
# Usage (as root): bench/deploy.sh
#   BENCH_APPS="static-app node-app" BENCH_FSYNC=off bench/deploy.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
APPS="${BENCH_APPS:-static-app null-app procfile-app python-app go-app node-app}"
FSYNC="${BENCH_FSYNC:-off}"
PG_BIN="$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)"

# shellcheck source=bench/lib/paasd.sh
source "$ROOT/bench/lib/paasd.sh"

check_prerequisites() {
  step "Checking prerequisites"
  [ "$(id -u)" -eq 0 ] || fail "run as root (containers, and the PostgreSQL cluster runs as the postgres user)"
  [ -x "${PG_BIN:-/nonexistent}/initdb" ] || fail "PostgreSQL server not found: apt-get install postgresql"
  command -v git >/dev/null || fail "git not found: apt-get install git"
  command -v curl >/dev/null || fail "curl not found: apt-get install curl"
  command -v dotnet >/dev/null || fail "dotnet not found: install the .NET 10 SDK"
  detail "$(nproc) cores, $(sed -n 's/^PRETTY_NAME="\(.*\)"/\1/p' /etc/os-release), load $(cut -d ' ' -f 1-3 /proc/loadavg)"
}

paas() {
  PAAS_SOCKET="$SOCKET" "$WORK/bin/paas" "$@"
}

now() { date +%s.%N; }

seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

# git without the user's or the system's config, never asking for a password.
quiet_git() {
  GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null GIT_TERMINAL_PROMPT=0 git "$@"
}

prepare() {
  step "Creating the host stack and a push token"
  paas stacks:create host --from host >"$WORK/stack.log" 2>&1 || { cat "$WORK/stack.log" >&2; fail "stacks:create failed"; }
  TOKEN="$(paas tokens:create bench-push 2>>"$WORK/cli.log")"
  [ -n "$TOKEN" ] || fail "paas tokens:create printed nothing"
}

# Times one push; prints "seconds took-line". Fails when the push fails.
timed_push() {
  local dir="$1" remote="$2" refspec="$3" log="$4" started ended took
  started="$(now)"
  quiet_git -C "$dir" push --quiet "$remote" "$refspec" >"$log" 2>&1 || { cat "$log" >&2; fail "git push $refspec failed"; }
  ended="$(now)"
  took="$(sed -n 's/^remote: *\(Took .*\)$/\1/p' "$log" | tr -d '\r' | tail -n 1 | sed 's/ *$//')"
  printf '%s|%s\n' "$(seconds "$started" "$ended")" "${took:-}"
}

# "Took 3.10s: queue 0.00s, ..." -> seconds outside paasd's build (receive) given the client's total.
receive_part() {
  local total="$1" took="$2" inside
  inside="$(sed -n 's/^Took \([0-9.]*\)s:.*/\1/p' <<<"$took")"
  awk -v t="$total" -v i="${inside:-0}" 'BEGIN { printf "%.2f", t - i }'
}

bench_app() {
  local sample="$1" app dir remote first second floor_branch floor_local total took
  app="bench-${sample%-app}"
  dir="$WORK/work/$sample"
  paas apps:create "$app" >/dev/null
  mkdir -p "$dir"
  cp -R "$ROOT/tests/apps/$sample/." "$dir/"
  quiet_git -C "$dir" init --quiet --initial-branch=main
  quiet_git -C "$dir" add --all
  quiet_git -C "$dir" -c user.name=bench -c user.email=bench@paas.test commit --quiet -m "first"
  remote="http://x:$TOKEN@127.0.0.1:$API_PORT/git/$app.git"

  step "$sample"
  first="$(timed_push "$dir" "$remote" main "$WORK/$sample.first.log")"
  quiet_git -C "$dir" -c user.name=bench -c user.email=bench@paas.test commit --quiet --allow-empty -m "unchanged"
  second="$(timed_push "$dir" "$remote" main "$WORK/$sample.second.log")"

  # The floors: the same commits to a branch that does not build, and to a local bare repo.
  floor_branch="$(timed_push "$dir" "$remote" main:refs/heads/floor "$WORK/$sample.floor.log" | cut -d '|' -f 1)"
  quiet_git init --quiet --bare "$WORK/bare/$sample.git"
  floor_local="$(timed_push "$dir" "file://$WORK/bare/$sample.git" main "$WORK/$sample.local.log" | cut -d '|' -f 1)"

  for run in first second; do
    if [ "$run" = first ]; then total="${first%%|*}"; took="${first#*|}"; else total="${second%%|*}"; took="${second#*|}"; fi
    detail "$(printf '%-7s push %6ss  receive %5ss  %s' "$run" "$total" "$(receive_part "$total" "$took")" "${took#Took }")"
    RESULTS+=("$(printf '%-13s %-6s %8s %8s' "$sample" "$run" "$total" "$(receive_part "$total" "$took")")")
  done
  detail "$(printf 'floor   push to a non-deploy branch (same transport, no build) %ss, to a local bare repo %ss' "$floor_branch" "$floor_local")"
  FLOORS+=("$(printf '%-13s %8s %8s' "$sample" "$floor_branch" "$floor_local")")
}

main() {
  check_prerequisites
  WORK="$(mktemp -d /tmp/paas-bench-deploy.XXXXXX)"
  # Traversable: runc reaches container roots below it as the containers' unprivileged root.
  chmod 0711 "$WORK"
  trap cleanup EXIT
  trap 'exit 130' INT TERM

  publish
  start_postgres
  start_paasd
  prepare

  RESULTS=()
  FLOORS=()
  local sample line
  for sample in $APPS; do
    [ -d "$ROOT/tests/apps/$sample" ] || fail "no sample app tests/apps/$sample"
    bench_app "$sample"
  done

  step "Results (seconds, client side, smart HTTP on loopback, fsync=$FSYNC)"
  printf '       %-13s %-6s %8s %8s\n' "app" "push" "total" "receive"
  for line in "${RESULTS[@]}"; do detail "$line"; done
  printf '       %-13s %8s %8s\n' "floor" "branch" "local"
  for line in "${FLOORS[@]}"; do detail "$line"; done
  detail "load average at the end: $(cut -d ' ' -f 1-3 /proc/loadavg) ($(nproc) cores)"
}

main "$@"

#!/usr/bin/env bash
# Deploy benchmark, against a freshly published paasd with paas-router beside it (throwaway
# PostgreSQL, the `host` stack, the checkout's buildpacks, a bridge and subnet of its own), timed
# at the client. Sections (BENCH_SECTIONS, all by default):
#
#   push      `git push` of each sample app in tests/apps over smart HTTP, first push and an
#             unchanged second push (a new empty commit), at default-wait 0. A push builds, releases
#             and deploys: the split comes from paasd's "Took" line (queue, extract, build, predeploy,
#             release), the deploy's own record (start, checks, switch) and receive, the rest: the
#             pack upload, git's checks, the hook's round trip and the ref update. The floor, in the
#             same run: git's own smart HTTP server needs a web server this host does not run, so
#             two floors stand in for it: the same push to a non-deploy branch of the same paasd
#             (same transport and receive path, no build) and to a local bare repo (file://).
#   static    the static sample: from `git push` to the first HTTP 200 of the new release through
#             the router, first push and a changed second push (the answer must hold the change).
#   redeploy  `ps:restart` of an app at web=2 with checks: total, and beyond the checks' own wait.
#   scale     `ps:scale web=1 -> 10` until 10 instances run and 10 distinct DYNOs answer.
#
# The last three run at Dokku's default-wait (10 s) and at default-wait 0 (BENCH_WAITS), each
# BENCH_RUNS times (medians, min and max). Before measuring, the run waits up to BENCH_QUIET_WAIT
# seconds for the 1-minute load average to drop to BENCH_MAX_LOAD (the machine is shared).
#
# Usage (as root): bench/deploy.sh
#   BENCH_SECTIONS="static scale" BENCH_RUNS=3 BENCH_APPS="static-app node-app" bench/deploy.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
APPS="${BENCH_APPS:-static-app null-app procfile-app python-app go-app node-app}"
SECTIONS="${BENCH_SECTIONS:-push static redeploy scale}"
RUNS="${BENCH_RUNS:-5}"
WAITS="${BENCH_WAITS:-10 0}"
FSYNC="${BENCH_FSYNC:-off}"
PG_BIN="$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)"

# shellcheck source=bench/lib/paasd.sh
source "$ROOT/bench/lib/paasd.sh"
# shellcheck source=bench/lib/measure.sh
source "$ROOT/bench/lib/measure.sh"
# shellcheck source=bench/lib/client.sh
source "$ROOT/bench/lib/client.sh"
# shellcheck source=bench/lib/router-deploys.sh
source "$ROOT/bench/lib/router-deploys.sh"

check_prerequisites() {
  step "Checking prerequisites"
  [ "$(id -u)" -eq 0 ] || fail "run as root (containers, and the PostgreSQL cluster runs as the postgres user)"
  [ -x "${PG_BIN:-/nonexistent}/initdb" ] || fail "PostgreSQL server not found: apt-get install postgresql"
  command -v git >/dev/null || fail "git not found: apt-get install git"
  command -v curl >/dev/null || fail "curl not found: apt-get install curl"
  command -v dotnet >/dev/null || fail "dotnet not found: install the .NET 10 SDK"
  local tool
  for tool in jq flock runc conmon ip nft iptables-save; do
    command -v "$tool" >/dev/null || fail "$tool not found (apt-get install jq util-linux runc conmon iproute2 nftables iptables)"
  done
  [ -x /usr/lib/cni/bridge ] || fail "CNI plugins not found: apt-get install containernetworking-plugins"
  detail "$(nproc) cores, $(sed -n 's/^PRETTY_NAME="\(.*\)"/\1/p' /etc/os-release), load $(cut -d ' ' -f 1-3 /proc/loadavg)"
}

prepare() {
  step "Creating the host stack and a push token"
  paas stacks:create host --from host >"$WORK/stack.log" 2>&1 || { cat "$WORK/stack.log" >&2; fail "stacks:create failed"; }
  TOKEN="$(paas tokens:create bench-push 2>>"$WORK/cli.log")"
  [ -n "$TOKEN" ] || fail "paas tokens:create printed nothing"
}

# Times one push; prints "seconds|took-line". Fails when the push fails.
timed_push() {
  local dir="$1" remote="$2" refspec="$3" log="$4" started ended took
  started="$(now)"
  quiet_git -C "$dir" push --quiet "$remote" "$refspec" >"$log" 2>&1 || { cat "$log" >&2; fail "git push $refspec failed"; }
  ended="$(now)"
  took="$(sed -n 's/^remote: *\(Took .*\)$/\1/p' "$log" | tr -d '\r' | tail -n 1 | sed 's/ *$//')"
  printf '%s|%s\n' "$(seconds "$started" "$ended")" "${took:-}"
}

# "Took 3.10s: queue 0.00s, ..." -> 3.10
build_part() { sed -n 's/^Took \([0-9.]*\)s:.*/\1/p' <<<"$1"; }

# Push to release of one sample: first and unchanged second push, each split into receive, build
# (paasd's Took line) and deploy (the deployment paasd recorded), then the floors.
bench_app() {
  local sample="$1" app dir remote floor_branch floor_local run timed total took build receive
  app="bench-${sample%-app}"
  dir="$WORK/work/$sample"
  paas apps:create "$app" >/dev/null
  remote="$(new_repo "$app" "$dir" "$ROOT/tests/apps/$sample")"

  step "$sample"
  for run in first second; do
    [ "$run" = first ] || commit_all "$dir" "unchanged"
    timed="$(timed_push "$dir" "$remote" main "$WORK/$sample.$run.log")"
    total="${timed%%|*}"
    took="${timed#*|}"
    build="$(build_part "$took")"
    record_deploy "$app" "push.$sample.$run"
    receive="$(minus "$total" "${build:-0}" "$DEPLOY_TOTAL")"
    detail "$(printf '%-7s push %6ss  receive %5ss  %s; deploy %5ss (%s)' "$run" "$total" "$receive" "${took#Took }" "$DEPLOY_TOTAL" "$DEPLOY_PHASES")"
    RESULTS+=("$(printf '%-13s %-6s %8s %8s %8s %8s' "$sample" "$run" "$total" "$receive" "${build:-?}" "$DEPLOY_TOTAL")")
  done

  # The floors: the same commits to a branch that does not build, and to a local bare repo.
  floor_branch="$(timed_push "$dir" "$remote" main:refs/heads/floor "$WORK/$sample.floor.log" | cut -d '|' -f 1)"
  quiet_git init --quiet --bare "$WORK/bare/$sample.git"
  floor_local="$(timed_push "$dir" "file://$WORK/bare/$sample.git" main "$WORK/$sample.local.log" | cut -d '|' -f 1)"
  detail "$(printf 'floor   push to a non-deploy branch (same transport, no build) %ss, to a local bare repo %ss' "$floor_branch" "$floor_local")"
  FLOORS+=("$(printf '%-13s %8s %8s' "$sample" "$floor_branch" "$floor_local")")
  # Its containers go now, not while the next sample is measured.
  paas apps:destroy "$app" --force >/dev/null
}

push_section() {
  local sample
  # The deploy's checks wait nothing here: the figures show what the push itself costs.
  set_default_wait 0
  step "Push to release, default-wait 0 (load $(load_average))"
  for sample in $APPS; do
    [ -d "$ROOT/tests/apps/$sample" ] || fail "no sample app tests/apps/$sample"
    bench_app "$sample"
  done
}

push_results() {
  local line
  printf '       %-13s %-6s %8s %8s %8s %8s\n' "app" "push" "total" "receive" "build" "deploy"
  for line in "${RESULTS[@]}"; do detail "$line"; done
  printf '       %-13s %8s %8s\n' "floor" "branch" "local"
  for line in "${FLOORS[@]}"; do detail "$line"; done
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
  step "Waiting for a quiet machine"
  wait_for_quiet
  local load_before section
  load_before="$(load_average)"

  RESULTS=()
  FLOORS=()
  for section in $SECTIONS; do
    case "$section" in
      push) push_section ;;
      static) static_section ;;
      redeploy) [ -n "$(instance_counts dynos 2>/dev/null)" ] || create_dyno_app dynos; redeploy_section dynos ;;
      scale) [ -n "$(instance_counts dynos 2>/dev/null)" ] || create_dyno_app dynos; scale_section dynos ;;
      *) fail "unknown section '$section': use push, static, redeploy, scale" ;;
    esac
  done

  step "Results (seconds, client side, loopback, fsync=$FSYNC)"
  if [ "${#RESULTS[@]}" -gt 0 ]; then push_results; fi
  router_results
  detail "load average before: $load_before, at the end: $(load_average) ($(nproc) cores)"
  detail "commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown), $(date -u '+%Y-%m-%d %H:%M UTC')"
}

main "$@"

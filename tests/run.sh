#!/usr/bin/env bash
# The one test command: installs missing system packages, builds the solution, publishes paasd,
# paas and paas-router for the fixtures, runs every *.Tests project and ends with "N passed, N failed".
# PAAS_TEST_PROJECTS="Paas.Core.Tests ..." runs only those projects (everything else is the same).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ARTIFACTS="$ROOT/artifacts"
BIN_DIR="$ARTIFACTS/test-bin"
RESULTS_DIR="$ARTIFACTS/test-results"

# System packages the tests drive for real (PostgreSQL, git, the OCI runtime and networking).
# python3 and iputils-ping drive the network tests' responders and probes; podman proves an
# exported image runs unchanged elsewhere; perl and hostname are used by the container tests.
# nodejs, npm, python3-venv, golang-go and nginx-light are what the built-in buildpacks use
# (the host stack binds /usr); shellcheck checks their scripts; openssh-server is the private
# sshd of the SSH tests.
PACKAGES=(
  postgresql git runc conmon containernetworking-plugins tini iptables nftables iproute2
  debootstrap ca-certificates curl procps python3 iputils-ping podman perl hostname openssh-server
  nodejs npm python3-venv golang-go nginx-light shellcheck chromium fonts-liberation
)

# shellcheck source=../scripts/subordinate-ids.sh
source "$ROOT/scripts/subordinate-ids.sh"
# shellcheck source=../scripts/dotnet-dependencies.sh
source "$ROOT/scripts/dotnet-dependencies.sh"

step() { printf -- '-----> %s\n' "$*"; }
detail() { printf '       %s\n' "$*"; }

# Prints the closing line that CI reads and exits; 1 when anything failed.
finish() {
  local passed="$1" failed="$2" skipped="$3" line
  line="$passed passed, $failed failed"
  if [ "$skipped" -gt 0 ]; then line="$line, $skipped skipped"; fi
  echo "$line"
  if [ "$failed" -gt 0 ]; then exit 1; fi
  exit 0
}

# Installed, or provided by an installed package (NodeSource's nodejs provides npm and
# conflicts with Debian's). Not grep -q: it stops reading early, and under pipefail dpkg-query's
# SIGPIPE would count as "not present".
package_present() {
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true)" = "installed" ] ||
    dpkg-query -W -f='${db:Status-Status} ${Provides}\n' 2>/dev/null | grep -E "^installed (.*, )?$1( |,|\$)" >/dev/null
}

install_packages() {
  local missing=() pkg wanted list
  # What .NET itself needs (ICU above all): a fresh machine with only the SDK unpacked lacks it.
  if ! list="$(dotnet_dependency_packages)"; then
    finish 0 1 0
  fi
  read -r -a wanted <<<"$(tr '\n' ' ' <<<"$list")"
  for pkg in "${PACKAGES[@]}" "${wanted[@]}"; do
    if ! package_present "$pkg"; then
      missing+=("$pkg")
    fi
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    step "System packages present"
    return 0
  fi
  step "Installing system packages: ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo " !     missing packages and not root: apt-get install ${missing[*]}" >&2
    finish 0 1 0
  fi
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get update -qq || ! apt-get install -y -qq "${missing[@]}" >/dev/null; then
    echo " !     apt-get install ${missing[*]} failed" >&2
    finish 0 1 0
  fi
}

# Containers run in a user namespace whose range paasd (and the tests, like paasd) read from
# /etc/subuid and /etc/subgid: the same line the install script writes.
reserve_ids() {
  step "Container user namespace range"
  if [ "$(id -u)" -ne 0 ]; then
    echo " !     not root: cannot reserve the paas range in /etc/subuid (run as root)" >&2
    finish 0 1 0
  fi
  ensure_subordinate_ids
}

check_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo " !     dotnet not found: install the .NET 10 SDK (https://learn.microsoft.com/dotnet/core/install/linux-debian)" >&2
    finish 0 1 0
  fi
}

build() {
  step "Building Paas.sln (Release)"
  if ! dotnet build "$ROOT/Paas.sln" -c Release --artifacts-path "$ARTIFACTS" --nologo -v quiet; then
    echo " !     build failed" >&2
    finish 0 1 0
  fi
  step "Publishing paasd, paas and paas-router to ${BIN_DIR#"$ROOT"/}"
  rm -rf "$BIN_DIR"
  local project
  for project in src/Paas.Host src/Paas.Cli src/Paas.Router; do
    if ! dotnet publish "$ROOT/$project" -c Release --no-build --artifacts-path "$ARTIFACTS" \
        -o "$BIN_DIR" --nologo -v quiet >/dev/null; then
      echo " !     publish of $project failed" >&2
      finish 0 1 0
    fi
  done
  export PAAS_TEST_BIN="$BIN_DIR"
}

# Reads one attribute of the <Counters> element of a TRX file (0 when absent).
counter() {
  local trx="$1" name="$2" value
  value="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1 | grep -o " $name=\"[0-9]*\"" | grep -o '[0-9]\+' || true)"
  echo "${value:-0}"
}

# Prints the names of failed tests in a TRX file, one per line.
failed_tests() {
  grep -o '<UnitTestResult [^>]*>' "$1" | grep 'outcome="Failed"' \
    | sed -e 's/.* testName="\([^"]*\)".*/\1/' \
      -e 's/&quot;/"/g' -e 's/&apos;/'"'"'/g' -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&amp;/\&/g' || true
}

main() {
  cd "$ROOT"
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
  # Tests read CI=true to turn every missing prerequisite into a failure; pass it on unchanged.
  if [ -n "${CI+x}" ]; then export CI; fi

  install_packages
  reserve_ids
  check_dotnet
  build

  rm -rf "$RESULTS_DIR"
  mkdir -p "$RESULTS_DIR"
  # The browser tests save their screenshots under it (RESULTS_DIR/screenshots).
  export PAAS_TEST_RESULTS="$RESULTS_DIR"

  local projects=() project name trx rc test started
  local passed=0 failed=0 skipped=0 p f s
  local failures=()
  mapfile -t projects < <(find tests -name '*.Tests.csproj' -not -path '*/bin/*' -not -path '*/obj/*' | sort)
  if [ -n "${PAAS_TEST_PROJECTS:-}" ]; then
    local only=() wanted
    for project in "${projects[@]}"; do
      for wanted in $PAAS_TEST_PROJECTS; do
        if [ "$(basename "$project" .csproj)" = "$wanted" ]; then only+=("$project"); fi
      done
    done
    projects=("${only[@]}")
  fi
  if [ "${#projects[@]}" -eq 0 ]; then
    echo " !     no *.Tests.csproj under tests/${PAAS_TEST_PROJECTS:+ named $PAAS_TEST_PROJECTS}" >&2
    finish 0 1 0
  fi

  for project in "${projects[@]}"; do
    name="$(basename "$project" .csproj)"
    trx="$RESULTS_DIR/$name.trx"
    step "$name"
    started=$SECONDS
    rc=0
    # A hung test must not eat the whole CI budget: the blame collector ends it after 15 minutes.
    dotnet test "$project" --no-build -c Release --artifacts-path "$ARTIFACTS" --nologo \
      --logger "trx;LogFileName=$name.trx" --results-directory "$RESULTS_DIR" \
      --blame-hang-timeout 15m --blame-hang-dump-type none || rc=$?
    if [ ! -f "$trx" ]; then
      detail "$name: no test results (exit code $rc), counted as 1 failure"
      failed=$((failed + 1))
      failures+=("$name: did not run (exit code $rc)")
      continue
    fi
    p="$(counter "$trx" passed)"
    f=$(( $(counter "$trx" failed) + $(counter "$trx" error) + $(counter "$trx" timeout) + $(counter "$trx" aborted) ))
    # VSTest counts skipped tests as total - executed and leaves notExecuted at 0; take the larger.
    s="$(counter "$trx" notExecuted)"
    if [ $(( $(counter "$trx" total) - $(counter "$trx" executed) )) -gt "$s" ]; then
      s=$(( $(counter "$trx" total) - $(counter "$trx" executed) ))
    fi
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
      # The test host crashed or the run was aborted after the last recorded result.
      f=1
      failures+=("$name: test run failed (exit code $rc)")
    fi
    while IFS= read -r test; do
      [ -n "$test" ] && failures+=("$name: $test")
    done < <(failed_tests "$trx")
    passed=$((passed + p))
    failed=$((failed + f))
    skipped=$((skipped + s))
    step "$name: $p passed, $f failed, $s skipped ($((SECONDS - started)) s)"
  done

  if [ "${#failures[@]}" -gt 0 ]; then
    step "Failures"
    local failure
    for failure in "${failures[@]}"; do detail "$failure"; done
  fi
  finish "$passed" "$failed" "$skipped"
}

main "$@"

#!/usr/bin/env bash
# Proves README's first command on a fresh Debian 12 machine: debootstraps bookworm, enters it as if it
# were another host (its own mount, PID, UTS, IPC and network namespaces; a veth with NAT reaches the
# package registries), clones this checkout into it and, as root there:
#   1. runs ./docker-free-install.sh,
#   2. follows the first deploy the script prints (apps:create, push tests/apps/static-app over HTTP with
#      a token, curl it through paas-router with a Host header on loopback),
#   3. logs in to the dashboard (POST /auth/login) with the printed admin password,
#   4. runs ./docker-free-install.sh again (an upgrade that must succeed and restart nothing).
# Then it removes everything it made: the namespaces and every process in them, the veth, its nftables
# table, the containers' cgroups, the root directory. The debootstrapped root is kept as a tarball so
# the next run starts in seconds. Slow (5 to 15 minutes) and heavy, so not part of tests/run.sh.
#
# Usage: sudo scripts/try-fresh-install.sh [--keep-root] [--reuse-root]
#   --keep-root    leave the root directory (not its mounts or processes) for a look afterwards
#   --reuse-root   start from a root an earlier --keep-root run left (installed already: quicker, to
#                  debug a later step), with this checkout cloned into it again
#   --tests=NAME   instead of the install: run `PAAS_TEST_PROJECTS=NAME tests/run.sh` (its apt step,
#                  the build, one test project such as Paas.Core.Tests) on the fresh root, as CI would
# Settings (environment): FRESH_ROOT (/var/tmp/fresh-root), FRESH_TARBALL (/var/tmp/paas-fresh-bookworm.tar),
#   FRESH_MIRROR (the Debian mirror of this host's apt sources), FRESH_NETNS (paas-fresh),
#   FRESH_NET (10.254.254: the veth's /30 is .1 on the host and .2 in the root), FRESH_LOG (/var/tmp/fresh-install.log)
#
# What the fresh root gets besides debootstrap's Debian (each is printed as it is provided):
#   - the .NET 10 SDK, the install script's documented prerequisite: a copy of this host's SDK directory
#     and the /usr/local/bin/dotnet link, as the script's own instructions (dotnet-install.sh) leave them;
#   - apt sources for bookworm, bookworm-updates and bookworm-security (what Debian's installer writes;
#     debootstrap writes only bookworm);
#   - this host's network plumbing, which a machine on the same network would have: /etc/resolv.conf,
#     local CA certificates (/usr/local/share/ca-certificates) and the Acquire:: settings of apt
#     configuration files that no package owns (/etc/apt/apt.conf.d, e.g. a proxy).
set -euo pipefail

SELF="$(readlink -f "${BASH_SOURCE[0]}")"
SOURCE_DIR="$(cd "$(dirname "$SELF")/.." && pwd)"
ROOT="${FRESH_ROOT:-/var/tmp/fresh-root}"
TARBALL="${FRESH_TARBALL:-/var/tmp/paas-fresh-bookworm.tar}"
NETNS="${FRESH_NETNS:-paas-fresh}"
NET="${FRESH_NET:-10.254.254}"
LOG="${FRESH_LOG:-/var/tmp/fresh-install.log}"
VETH_HOST="${NETNS}-h"
VETH_ROOT="${NETNS}-c"
NFT_TABLE="$NETNS"
# The ports the install uses: sshd, PostgreSQL, paasd's API, paas-router.
PORTS=(22 5432 8080 80 443)

say() { printf '=====> %s\n' "$*"; }
note() { printf '       %s\n' "$*"; }
die() {
  printf ' !     %s\n' "$*" >&2
  exit 1
}

host_mirror() {
  local uri
  uri="$(sed -n 's/^URIs:[[:space:]]*\(http[^ ]*\/debian\)[[:space:]]*$/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n 1 || true)"
  if [ -z "$uri" ]; then
    uri="$(sed -n 's/^deb[[:space:]]\+\(http[^ ]*\/debian\)[[:space:]]\+bookworm[[:space:]].*/\1/p' /etc/apt/sources.list 2>/dev/null | head -n 1 || true)"
  fi
  echo "${uri:-http://deb.debian.org/debian}"
}

# ---------------------------------------------------------------- on the host

check_host() {
  [ "$(id -u)" -eq 0 ] || die "run as root"
  local tool
  for tool in debootstrap unshare nsenter chroot ip nft ss tar; do
    command -v "$tool" >/dev/null || die "$tool is missing (apt-get install debootstrap util-linux iproute2 nftables)"
  done
  command -v dotnet >/dev/null || die "dotnet is missing: the fresh root borrows this host's .NET 10 SDK"
  if [ "$REUSE_ROOT" = 1 ]; then
    [ -d "$ROOT/root/paas" ] || die "--reuse-root: $ROOT holds no earlier run"
  else
    [ ! -e "$ROOT" ] || die "$ROOT exists: remove it, or enter it again with --reuse-root"
  fi
  ! ip netns list | grep -qw "$NETNS" || die "network namespace $NETNS exists: is another run going on?"
  local port owner
  say "The host's ports the install uses (the root has its own network namespace: listed for the record)"
  for port in "${PORTS[@]}"; do
    owner="$(ss -Hltnp "sport = :$port" 2>/dev/null | grep -o 'users:(("[^"]*"' | head -n 1 | cut -d'"' -f2 || true)"
    note "port $port: ${owner:-free}"
  done
}

make_root() {
  if [ -s "$TARBALL" ]; then
    say "Unpacking the pristine root $TARBALL to $ROOT"
    mkdir -p "$ROOT"
    tar -C "$ROOT" --numeric-owner -xpf "$TARBALL"
    return 0
  fi
  local mirror
  mirror="${FRESH_MIRROR:-$(host_mirror)}"
  say "debootstrap bookworm (default variant) from $mirror into $ROOT"
  debootstrap bookworm "$ROOT" "$mirror" >"$LOG.debootstrap" 2>&1 || {
    tail -n 20 "$LOG.debootstrap" >&2
    die "debootstrap failed (log: $LOG.debootstrap)"
  }
  tar -C "$ROOT" --numeric-owner -cf "$TARBALL.tmp" . && mv "$TARBALL.tmp" "$TARBALL"
  note "pristine copy kept in $TARBALL"
}

provide() {
  local mirror dotnet_dir file
  mirror="${FRESH_MIRROR:-$(host_mirror)}"
  say "What the fresh root gets besides debootstrap's Debian"
  cat >"$ROOT/etc/apt/sources.list" <<EOF
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb ${mirror%/debian}/debian-security bookworm-security main
EOF
  note "apt sources: bookworm, bookworm-updates, bookworm-security from $mirror"
  cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
  note "/etc/resolv.conf (this host's)"
  for file in /usr/local/share/ca-certificates/*.crt; do
    [ -f "$file" ] || continue
    install -D -m 0644 "$file" "$ROOT$file"
    note "local CA $file (in the trust store once ca-certificates is installed)"
  done
  for file in /etc/apt/apt.conf.d/*; do
    [ -f "$file" ] || continue
    # Only how apt reaches its mirror (Acquire::...: a proxy, a mirror's dates), not how this host trims itself.
    if ! dpkg -S "$file" >/dev/null 2>&1 && [ ! -e "$ROOT$file" ] && grep -q '^[[:space:]]*Acquire::' "$file"; then
      install -m 0644 "$file" "$ROOT$file"
      note "apt setting $file (this host's own, no package's: $(grep -c '^[[:space:]]*Acquire::' "$file") Acquire:: lines)"
    fi
  done
  # A copy, as dotnet-install.sh would leave it; a bind mount under /usr would break the host stack,
  # whose containers bind /usr without its submounts (a user namespace may not: EINVAL).
  dotnet_dir="$(dirname "$(readlink -f "$(command -v dotnet)")")"
  if [ ! -x "$ROOT$dotnet_dir/dotnet" ]; then
    mkdir -p "$ROOT$dotnet_dir"
    cp -a "$dotnet_dir/." "$ROOT$dotnet_dir/"
  fi
  ln -sfn "$dotnet_dir/dotnet" "$ROOT/usr/local/bin/dotnet"
  note ".NET SDK: a copy of $dotnet_dir ($(du -sh "$dotnet_dir" | cut -f1)), /usr/local/bin/dotnet -> $dotnet_dir/dotnet"
  echo "paas-fresh" >"$ROOT/etc/hostname"

  say "Cloning $SOURCE_DIR (HEAD $(git -C "$SOURCE_DIR" rev-parse --short HEAD)) to /root/paas"
  rm -rf "$ROOT/root/paas"
  git clone -q --no-hardlinks "$SOURCE_DIR" "$ROOT/root/paas"
  install -m 0755 "$SELF" "$ROOT/root/try-fresh-install.sh"
}

CGROUPS_BEFORE=""

setup_network() {
  say "Network namespace $NETNS: veth $VETH_HOST ($NET.1) <-> $VETH_ROOT ($NET.2), NAT through this host"
  ip netns add "$NETNS"
  ip link add "$VETH_HOST" type veth peer name "$VETH_ROOT"
  ip link set "$VETH_ROOT" netns "$NETNS"
  ip addr add "$NET.1/30" dev "$VETH_HOST"
  ip link set "$VETH_HOST" up
  ip -n "$NETNS" addr add "$NET.2/30" dev "$VETH_ROOT"
  ip -n "$NETNS" link set "$VETH_ROOT" up
  ip -n "$NETNS" link set lo up
  ip -n "$NETNS" route add default via "$NET.1"
  sysctl -q -w net.ipv4.ip_forward=1
  # The root reaches what this host reaches (the package registries), never this host's own services.
  nft -f - <<EOF
table ip $NFT_TABLE {
  chain input {
    type filter hook input priority filter - 1; policy accept;
    iifname "$VETH_HOST" ct state established,related accept
    iifname "$VETH_HOST" drop
  }
  chain postrouting {
    type nat hook postrouting priority srcnat; policy accept;
    ip saddr $NET.2 oifname != "$VETH_HOST" masquerade
  }
}
EOF
}

list_paas_cgroups() {
  find /sys/fs/cgroup -mindepth 2 -maxdepth 4 -type d -path '*/paas/*' 2>/dev/null | sort || true
}

cleanup() {
  local status=$?
  set +e
  say "Cleaning up"
  # The namespace's PID 1 is gone by now (unshare waited for it), and the kernel killed the rest
  # with it; a process still in the root's network namespace would be a leak: show it and kill it.
  local pid leaked=0 netns=""
  if [ -e "/run/netns/$NETNS" ]; then netns="net:[$(stat -L -c %i "/run/netns/$NETNS")]"; fi
  for pid in /proc/[0-9]*; do
    pid="${pid#/proc/}"
    if [ -n "$netns" ] && [ "$(readlink "/proc/$pid/ns/net" 2>/dev/null)" = "$netns" ]; then
      note "killing leftover process $pid ($(tr '\0' ' ' <"/proc/$pid/cmdline" | cut -c1-80))"
      kill -KILL "$pid" 2>/dev/null
      leaked=1
    fi
  done
  if [ "$leaked" -eq 1 ]; then sleep 1; fi
  local mount
  while read -r mount; do
    umount -l "$mount" && note "unmounted $mount"
  done < <(awk -v root="$ROOT" '$5 == root || index($5, root "/") == 1 { print $5 }' /proc/self/mountinfo | sort -r)
  if ip netns list | grep -qw "$NETNS"; then ip netns del "$NETNS" && note "network namespace $NETNS deleted"; fi
  if ip link show "$VETH_HOST" >/dev/null 2>&1; then ip link del "$VETH_HOST" 2>/dev/null; fi
  if nft list table ip "$NFT_TABLE" >/dev/null 2>&1; then nft delete table ip "$NFT_TABLE" && note "nftables table ip $NFT_TABLE deleted"; fi
  local dir removed=0
  while read -r dir; do
    [ -n "$dir" ] || continue
    if ! grep -qxF "$dir" <<<"$CGROUPS_BEFORE"; then
      rmdir "$dir" 2>/dev/null && removed=$((removed + 1))
    fi
  done < <(list_paas_cgroups | sort -r)
  note "removed $removed container cgroup directories"
  if [ "${KEEP_ROOT:-0}" = 1 ]; then
    note "kept $ROOT (--keep-root): rm -rf --one-file-system $ROOT when done"
  elif awk -v root="$ROOT" 'index($5, root) == 1 { found = 1 } END { exit !found }' /proc/self/mountinfo; then
    note "NOT removing $ROOT: something is still mounted under it"
    status=1
  else
    rm -rf --one-file-system "$ROOT" && note "removed $ROOT"
  fi
  local port owner
  for port in "${PORTS[@]}"; do
    owner="$(ss -Hltnp "sport = :$port" 2>/dev/null | grep -o 'users:(("[^"]*"' | head -n 1 | cut -d'"' -f2 || true)"
    note "host port $port: ${owner:-free}"
  done
  exit "$status"
}

host_main() {
  KEEP_ROOT=0
  REUSE_ROOT=0
  TESTS=""
  local arg
  for arg in "$@"; do
    case "$arg" in
      --keep-root) KEEP_ROOT=1 ;;
      --reuse-root) REUSE_ROOT=1 ;;
      --tests=*) TESTS="${arg#--tests=}" ;;
      *) die "unknown argument $arg (see the comment at the top of $SELF)" ;;
    esac
  done
  check_host
  CGROUPS_BEFORE="$(list_paas_cgroups)"
  trap cleanup EXIT
  if [ "$REUSE_ROOT" = 0 ]; then make_root; fi
  provide
  echo "$TESTS" >"$ROOT/root/.fresh-tests"
  setup_network
  say "Entering the root (log: $LOG)"
  local started=$SECONDS status=0
  # unshare's child is PID 1 of the new PID namespace: when it ends, the kernel kills every process
  # the install started there (PostgreSQL, sshd, paasd, paas-router, conmon and the containers).
  # nsenter, not `ip netns exec`: that one mounts a new /sys, which drops the cgroup mounts runc needs.
  local enter=(nsenter "--net=/run/netns/$NETNS" unshare --mount --pid --uts --ipc --fork --propagation private
    "$SELF" --inside "$ROOT")
  "${enter[@]}" 2>&1 | tee "$LOG" || status=$?
  say "Finished in $((SECONDS - started)) s with status $status"
  return "$status"
}

# ---------------------------------------------------------------- PID 1 of the namespaces, before chroot

inside_main() {
  local root="$1"
  hostname paas-fresh
  # The root becomes this mount namespace's root (pivot_root below): in a plain chroot the kernel refuses
  # to create user namespaces, which every container of paasd's needs.
  mount --bind "$root" "$root"
  mount -t proc proc "$root/proc"
  # sysfs of this network namespace, and the host's cgroup hierarchies for runc (v1 here, v2 elsewhere).
  mount -t sysfs sysfs "$root/sys"
  mount --rbind /sys/fs/cgroup "$root/sys/fs/cgroup"
  mount --bind /dev "$root/dev"
  mount -t devpts -o newinstance,ptmxmode=0666,mode=0620 devpts "$root/dev/pts"
  mount --bind "$root/dev/pts/ptmx" "$root/dev/ptmx"
  mount -t tmpfs -o mode=1777 tmpfs "$root/dev/shm"
  mount -t tmpfs -o mode=0755 tmpfs "$root/run"
  mkdir -p "$root/.old-root"
  cd "$root"
  pivot_root . .old-root
  local env=(/usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin)
  exec chroot . "${env[@]}" /bin/bash /root/try-fresh-install.sh --pivoted
}

# PID 1 from here on, in the new root: the host's tree is still under /.old-root until it is unmounted.
pivoted_main() {
  umount -l /.old-root
  rmdir /.old-root
  local tests
  tests="$(cat /root/.fresh-tests)"
  if [ -n "$tests" ]; then
    cd /root/paas
    smoke_step "PAAS_TEST_PROJECTS=$tests tests/run.sh"
    PAAS_TEST_PROJECTS="$tests" tests/run.sh
  else
    smoke_main
  fi
}

# ---------------------------------------------------------------- in the fresh root, as its root user

smoke_step() { printf '\n==========> %s\n' "$*"; }

smoke_main() {
  cd /root/paas
  smoke_step "./docker-free-install.sh (first run)"
  local t0=$SECONDS
  ./docker-free-install.sh | tee /tmp/install-1.out
  echo "first install: $((SECONDS - t0)) s"

  # Run what the script printed, not a copy of it: the indented commands of its first deploy, then
  # the Host-header curl it offers where APP.$PAAS_DOMAIN does not resolve.
  sed -n '/pushed over HTTP with an API token/,/^       Where /{s/^         \([^ ]\)/\1/p}' /tmp/install-1.out >/tmp/first-deploy.sh
  sed -n '/do not resolve to this host:/{n;s/^ *//p}' /tmp/install-1.out >/tmp/host-header-curl.sh
  smoke_step "First deploy: the $(wc -l </tmp/first-deploy.sh) commands the script printed"
  cat /tmp/first-deploy.sh
  [ "$(wc -l </tmp/first-deploy.sh)" -ge 7 ] || { echo "the printed first deploy is missing"; return 1; }
  # Left by an earlier run (--reuse-root).
  if paas apps:info hello >/dev/null 2>&1; then paas apps:destroy hello --force; fi
  paas tokens:revoke hello-push >/dev/null 2>&1 || true
  rm -rf /tmp/hello
  t0=$SECONDS
  bash -e -x /tmp/first-deploy.sh | tee /tmp/first-deploy.out
  echo "first deploy: $((SECONDS - t0)) s"
  grep -q 'Hello from the static sample' /tmp/first-deploy.out
  smoke_step "Through the router with a Host header: $(cat /tmp/host-header-curl.sh)"
  bash -e /tmp/host-header-curl.sh | grep 'Hello from the static sample'

  smoke_step "Dashboard login with the printed credentials"
  local url file status
  url="$(sed -n 's/^       Dashboard: \([^ ]*\) .*/\1/p' /tmp/install-1.out)"
  file="$(sed -n 's/.*password: sudo cat \([^)]*\)).*/\1/p' /tmp/install-1.out)"
  echo "dashboard $url, password in $file"
  # The generated password is base64url: nothing in it needs escaping in JSON.
  printf '{"username":"admin","password":"%s"}' "$(cat "$file")" >/tmp/login.json
  status="$(curl -sS -o /tmp/login.out -w '%{http_code}' -c /tmp/jar -H 'Content-Type: application/json' \
    --data-binary @/tmp/login.json "${url%/}/auth/login")"
  echo "POST ${url%/}/auth/login: $status"
  case "$status" in 2??) ;; *) cat /tmp/login.out; return 1 ;; esac
  curl -fsS -o /dev/null -w "GET $url with the cookie: %{http_code}\n" -b /tmp/jar "$url"

  smoke_step "./docker-free-install.sh (second run: an upgrade that changes nothing)"
  cd /root/paas
  t0=$SECONDS
  ./docker-free-install.sh | tee /tmp/install-2.out
  echo "second install: $((SECONDS - t0)) s"
  [ "$(grep -c '^       already running' /tmp/install-2.out)" -eq 2 ] || { echo "the second run restarted a service"; return 1; }
  bash -e /tmp/host-header-curl.sh | grep -q 'Hello from the static sample'
  paas ps:report hello | head -n 20
  smoke_step "FRESH INSTALL SMOKE PASSED"
}

case "${1:-}" in
  --inside) inside_main "$2" ;;
  --pivoted) pivoted_main ;;
  *) host_main "$@" ;;
esac

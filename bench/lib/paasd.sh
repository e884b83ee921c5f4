# shellcheck shell=bash
# What the benchmarks that run a real paasd share: Dokku-style output, a throwaway PostgreSQL
# cluster, a freshly published paasd on loopback with paas-router beside it (a deploy waits for
# the router to confirm its routes), a bridge and subnet of their own, and the cleanup of all of
# it on exit (apps' containers included). The caller sets ROOT (the checkout), PG_BIN and FSYNC,
# creates WORK (a temp dir) and traps cleanup.

WORK=""
PG_STARTED=0
PAASD_PID=""
ROUTER_PID=""
BRIDGE=""
SUBNET=""
HTTP_PORT=""
DOMAIN="bench.paas.localhost"

# shellcheck source=bench/lib/teardown.sh
source "$(dirname "${BASH_SOURCE[0]}")/teardown.sh"

step() { printf -- '-----> %s\n' "$*"; }
detail() { printf '       %s\n' "$*"; }
fail() {
  printf ' !     %s\n' "$*" >&2
  exit 1
}

cleanup() {
  local status=$? left
  set +e
  # paasd first (so it starts nothing more), then what it left running: containers outlive it.
  stop_process "$PAASD_PID"
  stop_process "$ROUTER_PID"
  if [ -n "$WORK" ] && [ -d "$WORK/root" ]; then
    remove_containers "$WORK/root"
  fi
  if [ -n "$BRIDGE" ]; then
    remove_network "$BRIDGE"
    left="$(leftovers "$WORK/root" "$BRIDGE" | paste -sd ',' | sed 's/,/, /g')"
    [ -n "$left" ] && printf ' !     left behind after cleanup: %s\n' "$left" >&2
  fi
  if [ "$PG_STARTED" -eq 1 ]; then
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$WORK/pg" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  if [ -n "$WORK" ] && [ -d "$WORK" ]; then
    if [ "$status" -ne 0 ] && [ -f "$WORK/paasd.log" ]; then
      echo " !     paasd log (last lines):" >&2
      tail -n 20 "$WORK/paasd.log" >&2 || true
    fi
    unmount_below "$WORK"
    rm -rf "$WORK"
  fi
  exit "$status"
}

# SIGTERM, up to 10 s (paas-router drains its requests), then SIGKILL.
stop_process() {
  local pid="$1"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}


# paasd mounts a tmpfs for its runtime state under its root ($WORK/root/run) and leaves it
# mounted when it stops (containers under conmon outlive it): detach every mount below the
# given dir, deepest first, so the dir can be removed.
unmount_below() {
  local dir="$1" mountpoint
  # Field 5 of mountinfo is the mount point (octal escapes for spaces; our temp dirs have none).
  awk -v d="$dir/" 'index($5 "/", d) == 1 { print $5 }' /proc/self/mountinfo | sort -r | while read -r mountpoint; do
    umount -l "$mountpoint" 2>/dev/null || true
  done
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


publish() {
  step "Publishing paasd, paas and paas-router"
  local project
  for project in src/Paas.Host src/Paas.Cli src/Paas.Router; do
    dotnet publish "$ROOT/$project" -c Release --artifacts-path "$ROOT/artifacts/bench" \
      -o "$WORK/bin" --nologo -v quiet >"$WORK/publish.log" 2>&1 \
      || { tail -n 30 "$WORK/publish.log" >&2; fail "dotnet publish $project failed"; }
  done
  detail "$WORK/bin"
}


start_postgres() {
  step "Starting a throwaway PostgreSQL cluster (fsync=$FSYNC)"
  install -d -m 0700 -o postgres -g postgres "$WORK/pg"
  install -d -m 0755 -o postgres -g postgres "$WORK/pgsock"
  runuser -u postgres -- "$PG_BIN/initdb" -D "$WORK/pg" -A trust -E UTF8 --no-sync >"$WORK/initdb.log" 2>&1 \
    || { cat "$WORK/initdb.log" >&2; fail "initdb failed"; }
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg/server.log" -w -t 30 \
    -o "-k $WORK/pgsock -p 5432 -c listen_addresses='' -c fsync=$FSYNC" start >/dev/null \
    || { tail -n 20 "$WORK/pg/server.log" >&2; fail "pg_ctl start failed"; }
  PG_STARTED=1
  runuser -u postgres -- "$PG_BIN/createdb" -h "$WORK/pgsock" -p 5432 paas
  detail "socket $WORK/pgsock"
}


# A bridge name (pb + 6 hex, as the tests' pd/pb prefixes) and a /24 in 10.216.0.0/16 that no route
# uses yet, so this paasd never shares addresses or a firewall table with another paasd (the
# installed one on paas0, tests' ones in 10.214.0.0/16). Sets BRIDGE and SUBNET.
choose_network() {
  local routes third
  routes="$(ip -4 route show)"
  for _ in $(seq 1 100); do
    third=$((1 + RANDOM % 249))
    if ! grep -q "10\.216\.$third\." <<<"$routes"; then
      SUBNET="10.216.$third.0/24"
      BRIDGE="pb$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')"
      if ! ip link show "$BRIDGE" >/dev/null 2>&1; then return 0; fi
    fi
  done
  fail "no free /24 in 10.216.0.0/16 (see ip route)"
}

start_paasd() {
  API_PORT="$(free_port)"
  HTTP_PORT="$(free_port)"
  choose_network
  echo '{}' >"$WORK/paas.json"
  install -d -m 0755 "$WORK/root" "$WORK/run"
  SOCKET="$WORK/run/paasd.sock"
  start_router
  step "Starting paasd on 127.0.0.1:$API_PORT (bridge $BRIDGE, $SUBNET)"
  # Every setting comes from here: an installed /etc/paas/paas.json must not leak in, and SSH keys
  # go to a file of the run's own.
  env PAAS_CONFIG="$WORK/paas.json" \
    PAAS_ROOT="$WORK/root" \
    PAAS_DATABASE="Host=$WORK/pgsock;Port=5432;Database=paas;Username=postgres" \
    PAAS_API_URLS="http://127.0.0.1:$API_PORT" \
    PAAS_SOCKET="$SOCKET" \
    PAAS_DOMAIN="$DOMAIN" \
    PAAS_HTTP_PORT="$HTTP_PORT" \
    PAAS_HTTPS_PORT="$(free_port)" \
    PAAS_ROUTER_ADDRESS=127.0.0.1 \
    PAAS_BRIDGE="$BRIDGE" \
    PAAS_SUBNET="$SUBNET" \
    PAAS_SSH_USER=root \
    PAAS_SSH_AUTHORIZED_KEYS="$WORK/authorized_keys" \
    PAAS_BUILDPACKS="$(install_buildpacks)" \
    "$WORK/bin/paasd" >"$WORK/paasd.log" 2>&1 </dev/null &
  PAASD_PID=$!
  for _ in $(seq 1 300); do
    if curl -fsS --max-time 1 "http://127.0.0.1:$API_PORT/api/v1/health" >/dev/null 2>&1; then
      detail "healthy (pid $PAASD_PID); apps answer on 127.0.0.1:$HTTP_PORT as APP.$DOMAIN"
      return 0
    fi
    kill -0 "$PAASD_PID" 2>/dev/null || fail "paasd exited"
    sleep 0.1
  done
  fail "paasd did not become healthy within 30 s"
}

# paas-router as the install script runs it beside paasd: on paasd's root, listening on 127.0.0.1
# only; the ports come from the snapshot paasd writes (PAAS_HTTP_PORT for host port 80).
start_router() {
  step "Starting paas-router"
  env -u PAAS_CONFIG PAAS_ROOT="$WORK/root" PAAS_ROUTER_ADDRESS=127.0.0.1 \
    "$WORK/bin/paas-router" >"$WORK/router.log" 2>&1 </dev/null &
  ROUTER_PID=$!
  sleep 0.5
  kill -0 "$ROUTER_PID" 2>/dev/null || { cat "$WORK/router.log" >&2; fail "paas-router exited"; }
  detail "pid $ROUTER_PID"
}

# The checkout's buildpacks as the install script puts them: readable by the build containers'
# unprivileged users even when the checkout is not. Prints the dir.
install_buildpacks() {
  rm -rf "$WORK/buildpacks"
  cp -R "$ROOT/buildpacks" "$WORK/buildpacks"
  chmod -R a+rX "$WORK/buildpacks"
  echo "$WORK/buildpacks"
}

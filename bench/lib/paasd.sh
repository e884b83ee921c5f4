# shellcheck shell=bash
# What the benchmarks that run a real paasd share: Dokku-style output, a throwaway PostgreSQL
# cluster, a freshly published paasd on loopback, and the cleanup of all of it on exit. The
# caller sets ROOT (the checkout), PG_BIN and FSYNC, creates WORK (a temp dir) and traps cleanup.

WORK=""
PG_STARTED=0
PAASD_PID=""

step() { printf -- '-----> %s\n' "$*"; }
detail() { printf '       %s\n' "$*"; }
fail() {
  printf ' !     %s\n' "$*" >&2
  exit 1
}

cleanup() {
  local status=$?
  if [ -n "$PAASD_PID" ] && kill -0 "$PAASD_PID" 2>/dev/null; then
    kill -TERM "$PAASD_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$PAASD_PID" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$PAASD_PID" 2>/dev/null || true
    wait "$PAASD_PID" 2>/dev/null || true
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
  step "Publishing paasd and paas"
  local project
  for project in src/Paas.Host src/Paas.Cli; do
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


start_paasd() {
  API_PORT="$(free_port)"
  step "Starting paasd on 127.0.0.1:$API_PORT"
  echo '{}' >"$WORK/paas.json"
  install -d -m 0755 "$WORK/root" "$WORK/run"
  SOCKET="$WORK/run/paasd.sock"
  # Every setting comes from here: an installed /etc/paas/paas.json must not leak in.
  env PAAS_CONFIG="$WORK/paas.json" \
    PAAS_ROOT="$WORK/root" \
    PAAS_DATABASE="Host=$WORK/pgsock;Port=5432;Database=paas;Username=postgres" \
    PAAS_API_URLS="http://127.0.0.1:$API_PORT" \
    PAAS_SOCKET="$SOCKET" \
    PAAS_DOMAIN="bench.paas.localhost" \
    PAAS_HTTP_PORT="$(free_port)" \
    PAAS_BUILDPACKS="$(install_buildpacks)" \
    "$WORK/bin/paasd" >"$WORK/paasd.log" 2>&1 </dev/null &
  PAASD_PID=$!
  for _ in $(seq 1 300); do
    if curl -fsS --max-time 1 "http://127.0.0.1:$API_PORT/api/v1/health" >/dev/null 2>&1; then
      detail "healthy (pid $PAASD_PID)"
      return 0
    fi
    kill -0 "$PAASD_PID" 2>/dev/null || fail "paasd exited"
    sleep 0.1
  done
  fail "paasd did not become healthy within 30 s"
}

# The checkout's buildpacks as the install script puts them: readable by the build containers'
# unprivileged users even when the checkout is not. Prints the dir.
install_buildpacks() {
  rm -rf "$WORK/buildpacks"
  cp -R "$ROOT/buildpacks" "$WORK/buildpacks"
  chmod -R a+rX "$WORK/buildpacks"
  echo "$WORK/buildpacks"
}

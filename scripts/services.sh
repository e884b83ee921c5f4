# shellcheck shell=bash
# How docker-free-install.sh runs Paas's two long-running processes, each on its own:
#   paasd        the control plane (API, git push, builds, deploys, the scheduler)
#   paas-router  the data plane: serves the apps' HTTP and tcp from $PAAS_ROOT/router/routes.json alone,
#                so it keeps serving while paasd restarts or crashes (DESIGN §6)
# Where systemd runs, each is a unit NAME.service; elsewhere a background process in a session of
# its own (setsid), with $RUN_DIR/NAME.pid and $LOG_DIR/NAME.log. A service is restarted only
# when what it runs with changed: its files in $INSTALL_DIR, its environment or unit, its
# config file. That is its fingerprint, recorded in $RUN_DIR/NAME.fingerprint when it starts.
# Sourced by docker-free-install.sh, which sets INSTALL_DIR, RUN_DIR, LOG_DIR, CONFIG_FILE,
# DATA_DIR and DOTNET_DIR and defines step, detail, fail, has_systemd and config_value.

pid_file() { echo "$RUN_DIR/$1.pid"; }
log_file() { echo "$LOG_DIR/$1.log"; }
unit_file() { echo "/etc/systemd/system/$1.service"; }
fingerprint_file() { echo "$RUN_DIR/$1.fingerprint"; }

# The services this run started or restarted (record_fingerprint adds them).
STARTED_SERVICES=()

# The environment every service runs with: nothing from the caller's shell reaches it.
daemon_env() {
  echo "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
  echo "DOTNET_ROOT=$DOTNET_DIR"
  echo "DOTNET_CLI_TELEMETRY_OPTOUT=1"
  echo "LANG=C.UTF-8"
}

# paasd reads the config file itself. The router reads only its environment, so the settings it
# knows are copied from the config file: where the snapshot is, and its own PAAS_ROUTER_* ones.
service_env() {
  daemon_env
  if [ "$1" = paas-router ]; then
    local root key value
    root="$(config_value PAAS_ROOT)"
    echo "PAAS_ROOT=${root:-$DATA_DIR}"
    for key in PAAS_ROUTER_ADDRESS PAAS_ROUTER_LOG_LEVEL PAAS_ROUTER_TCP_IDLE_TIMEOUT PAAS_ROUTER_FORWARDER; do
      value="$(config_value "$key")"
      if [ -n "$value" ]; then echo "$key=$value"; fi
    done
  fi
}

# Files whose change means the service must restart, besides its own executable and assemblies.
service_config_files() {
  if [ "$1" = paasd ]; then echo "$CONFIG_FILE"; fi
}

service_unit() {
  local name="$1"
  echo "[Unit]"
  if [ "$name" = paasd ]; then
    echo "Description=Paas daemon (paasd)"
    echo "After=network-online.target postgresql.service"
    echo "Wants=network-online.target postgresql.service"
  else
    # No dependency on paasd or PostgreSQL: the router serves the last snapshot without them.
    echo "Description=Paas app router (paas-router)"
    echo "After=network-online.target"
    echo "Wants=network-online.target"
  fi
  echo
  echo "[Service]"
  echo "Type=simple"
  service_env "$name" | sed 's/^/Environment=/'
  echo "ExecStart=$INSTALL_DIR/$name"
  echo "Restart=on-failure"
  echo "RestartSec=2"
  # Containers run under conmon in their own scopes; stopping paasd must not kill them.
  if [ "$name" = paasd ]; then echo "KillMode=process"; fi
  echo
  echo "[Install]"
  echo "WantedBy=multi-user.target"
}

# The files of $INSTALL_DIR the service loads (relative paths): NAME and NAME.*, and the
# assemblies and native libraries its NAME.deps.json names (a package's lib/net8.0/X.dll is
# published as X.dll; runtimes/RID/native/... keeps its path).
service_files() {
  local name="$1" entry
  (cd "$INSTALL_DIR" && find . -maxdepth 1 -type f \( -name "$name" -o -name "$name.*" \) -printf '%f\n')
  if [ -f "$INSTALL_DIR/$name.deps.json" ]; then
    grep -oE '"[^"]+\.(dll|so)"' "$INSTALL_DIR/$name.deps.json" | tr -d '"' | while IFS= read -r entry; do
      if [ -f "$INSTALL_DIR/$entry" ]; then
        echo "$entry"
      elif [ -f "$INSTALL_DIR/${entry##*/}" ]; then
        echo "${entry##*/}"
      fi
    done
  fi
}

service_fingerprint() {
  local name="$1" file
  {
    service_unit "$name"
    (cd "$INSTALL_DIR" && service_files "$name" | sort -u | xargs -r -d '\n' sha256sum)
    while IFS= read -r file; do
      sha256sum "$file" 2>/dev/null || echo "missing $file"
    done < <(service_config_files "$name")
  } | sha256sum | cut -d' ' -f1
}

# Whether the fingerprint recorded when NAME started is the one it would start with now.
service_current() {
  [ "$(cat "$(fingerprint_file "$1")" 2>/dev/null || true)" = "$(service_fingerprint "$1")" ]
}

# Called just before NAME (re)starts: the file's time also tells that it started in this run.
record_fingerprint() {
  service_fingerprint "$1" >"$(fingerprint_file "$1")"
  STARTED_SERVICES+=("$1")
}

# Whether this run started or restarted NAME.
started_now() {
  local name
  for name in "${STARTED_SERVICES[@]}"; do
    if [ "$name" = "$1" ]; then return 0; fi
  done
  return 1
}

# The pid of the background process NAME, if it runs.
running_pid() {
  local name="$1" pid_path pid argv0
  pid_path="$(pid_file "$name")"
  [ -f "$pid_path" ] || return 1
  pid="$(cat "$pid_path")"
  [ -n "$pid" ] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  # A recycled pid belongs to some other program: check it is ours.
  argv0="$(tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null | head -n 1 || true)"
  [ "$argv0" = "$INSTALL_DIR/$name" ] || return 1
  echo "$pid"
}

service_running() {
  if has_systemd; then
    systemctl is-active --quiet "$1.service"
  else
    running_pid "$1" >/dev/null
  fi
}

show_service_log() {
  if has_systemd; then
    journalctl -u "$1.service" -n 30 --no-pager >&2 || true
  else
    tail -n 30 "$(log_file "$1")" >&2 || true
  fi
}

start_systemd() {
  local name="$1" unit tmp
  unit="$(unit_file "$name")"
  tmp="$(mktemp)"
  service_unit "$name" >"$tmp"
  if [ -f "$unit" ] && cmp -s "$tmp" "$unit"; then
    rm -f "$tmp"
  else
    install -m 0644 "$tmp" "$unit"
    rm -f "$tmp"
    systemctl daemon-reload
    detail "unit $unit written"
  fi
  systemctl enable --quiet "$name.service"
  if ! systemctl is-active --quiet "$name.service"; then
    record_fingerprint "$name"
    systemctl start "$name.service"
    detail "started (systemd)"
  elif service_current "$name"; then
    detail "already running (systemd)"
  else
    record_fingerprint "$name"
    systemctl restart "$name.service"
    detail "restarted (systemd) with the new binaries or config"
  fi
}

stop_background() {
  local name="$1" pid="$2" i
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 150); do
    kill -0 "$pid" 2>/dev/null || break
    if [ "$i" -eq 150 ]; then kill -KILL "$pid" 2>/dev/null || true; fi
    sleep 0.1
  done
  rm -f "$(pid_file "$name")" "$(fingerprint_file "$name")"
}

start_background() {
  local name="$1" pid pid_path log
  pid_path="$(pid_file "$name")"
  log="$(log_file "$name")"
  if pid="$(running_pid "$name")"; then
    if service_current "$name"; then
      detail "already running (pid $pid)"
      return 0
    fi
    stop_background "$name" "$pid"
    detail "stopped pid $pid to restart with the new binaries or config"
  fi
  local env_args=()
  mapfile -t env_args < <(service_env "$name")
  rm -f "$pid_path"
  record_fingerprint "$name"
  # A session of its own, so it outlives this script and the other service's restarts; / as its
  # directory, so it holds no checkout busy. The shell writes its own pid and then becomes the
  # service, so the pid file names the service itself.
  # shellcheck disable=SC2016 # $$ and $1 are for the inner shell
  setsid env -i -C / "${env_args[@]}" /bin/sh -c 'echo $$ > "$1"; exec "$2"' sh "$pid_path" "$INSTALL_DIR/$name" \
    >>"$log" 2>&1 </dev/null &
  disown || true
  for _ in $(seq 1 50); do
    [ -s "$pid_path" ] && break
    sleep 0.1
  done
  detail "started (pid $(cat "$pid_path" 2>/dev/null || echo '?'), log $log)"
}

start_service() {
  step "Starting $1"
  if has_systemd; then
    start_systemd "$1"
  else
    start_background "$1"
  fi
}

#!/usr/bin/env bash
# Installs Paas on this host (Debian 12, Ubuntu 22.04 or newer), as root, from this checkout.
# Idempotent: a second run finds everything in place and changes nothing.
set -euo pipefail

SOURCE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/subordinate-ids.sh
source "$SOURCE_DIR/scripts/subordinate-ids.sh"
INSTALL_DIR=/opt/paas
CONFIG_DIR=/etc/paas
CONFIG_FILE=$CONFIG_DIR/paas.json
DATA_DIR=/var/lib/paas
LOG_DIR=/var/log/paas
RUN_DIR=/run/paas
SOCKET=$RUN_DIR/paasd.sock
PID_FILE=$RUN_DIR/paasd.pid
LOG_FILE=$LOG_DIR/paasd.log
BUILD_CACHE=/var/cache/paas/build
UNIT_FILE=/etc/systemd/system/paasd.service
CLI_LINK=/usr/local/bin/paas
DB_NAME=paas
DB_USER=paas

PACKAGES=(
  postgresql git runc conmon containernetworking-plugins tini iptables nftables iproute2
  debootstrap ca-certificates curl procps
  nodejs npm python3 python3-venv golang-go nginx-light
)

# Set by the steps below: whether paasd must be restarted, and the database settings.
RESTART_NEEDED=0
PG_VERSION=""
PG_CLUSTER=""
PG_PORT=""
DB_PASSWORD=""
DOTNET_DIR=""

step() { printf -- '-----> %s\n' "$*"; }
detail() { printf '       %s\n' "$*"; }
fail() {
  printf ' !     %s\n' "$*" >&2
  exit 1
}

has_systemd() { [ -d /run/systemd/system ]; }

check_root() {
  step "Checking privileges"
  if [ "$(id -u)" -ne 0 ]; then
    fail "run as root: sudo $0"
  fi
}

check_dotnet() {
  step "Checking the .NET SDK"
  local sdks=""
  if command -v dotnet >/dev/null 2>&1; then sdks="$(dotnet --list-sdks 2>/dev/null || true)"; fi
  if ! grep -q '^10\.' <<<"$sdks"; then
    fail "the .NET 10 SDK is required. Install it with the Microsoft package feed
       (https://learn.microsoft.com/dotnet/core/install/linux-debian), for example:
         curl -fsSLO https://dot.net/v1/dotnet-install.sh
         bash dotnet-install.sh --channel 10.0 --install-dir /usr/share/dotnet
         ln -s /usr/share/dotnet/dotnet /usr/local/bin/dotnet
       then run $0 again."
  fi
  DOTNET_DIR="$(dirname "$(readlink -f "$(command -v dotnet)")")"
  detail "dotnet $(dotnet --version) in $DOTNET_DIR"
}

# Installed, or provided by an installed package (NodeSource's nodejs provides npm and
# conflicts with Debian's).
package_present() {
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true)" = "installed" ] ||
    dpkg-query -W -f='${db:Status-Status} ${Provides}\n' 2>/dev/null | grep -qE "^installed (.*, )?$1( |,|\$)"
}

install_packages() {
  step "Installing system packages"
  local missing=() pkg
  for pkg in "${PACKAGES[@]}"; do
    if ! package_present "$pkg"; then
      missing+=("$pkg")
    fi
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    detail "all present"
    return 0
  fi
  detail "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || fail "apt-get update failed"
  apt-get install -y -qq "${missing[@]}" >/dev/null || fail "apt-get install ${missing[*]} failed"
}

# The container isolation rules only see traffic between two containers of the bridge when
# br_netfilter hands it to nftables (docs/NETWORK-ISOLATION.md); paasd refuses to attach without it.
load_br_netfilter() {
  step "Loading br_netfilter"
  if [ -d /proc/sys/net/bridge ]; then
    detail "present"
  elif modprobe br_netfilter 2>/dev/null; then
    detail "loaded"
  else
    fail "cannot load br_netfilter (modprobe br_netfilter); paasd needs it to isolate containers"
  fi
  # A module (not built in) must be loaded again at boot.
  if [ -e /sys/module/br_netfilter/initstate ] && [ -d /etc/modules-load.d ] \
      && ! grep -qsx br_netfilter /etc/modules-load.d/paas.conf; then
    echo br_netfilter >>/etc/modules-load.d/paas.conf
    detail "added to /etc/modules-load.d/paas.conf (loaded at boot)"
  fi
}

create_user() {
  step "Creating the paas user and group"
  if getent group paas >/dev/null; then
    detail "group paas exists"
  else
    groupadd --system paas
    detail "group paas created"
  fi
  if getent passwd paas >/dev/null; then
    detail "user paas exists"
  else
    # A login shell, as Dokku's user has: git over SSH runs a forced command through it.
    useradd --system --gid paas --create-home --home-dir /home/paas --shell /bin/sh paas
    detail "user paas created"
  fi
}

# Container root is an unprivileged host uid from this range (docs/USER-NAMESPACES.md); paasd
# reads it at start and refuses to run without it.
reserve_subordinate_ids() {
  step "Reserving the containers' user namespace range"
  ensure_subordinate_ids
}

# Runs SQL read from stdin as the postgres superuser; psql variables come as name=value args.
psql_admin() {
  local args=() var
  for var in "$@"; do args+=(-v "$var"); done
  runuser -u postgres -- psql -X -q -t -A -p "$PG_PORT" -v ON_ERROR_STOP=1 "${args[@]}" -d postgres
}

find_cluster() {
  # pg_lsclusters -h: version cluster port status owner datadir logfile
  local line
  line="$(pg_lsclusters -h 2>/dev/null | sort -V -r | head -n 1 || true)"
  if [ -z "$line" ]; then
    return 1
  fi
  read -r PG_VERSION PG_CLUSTER PG_PORT _ <<<"$line"
}

cluster_online() {
  local status
  status="$(pg_lsclusters -h | awk -v v="$PG_VERSION" -v c="$PG_CLUSTER" '$1 == v && $2 == c { print $4 }')"
  [[ "$status" == online* ]]
}

# Reads the value of one key from the flat JSON config file (our own one-key-per-line format).
config_value() {
  local key="$1"
  if [ -f "$CONFIG_FILE" ]; then
    sed -n -e "s/^[[:space:]]*\"$key\"[[:space:]]*:[[:space:]]*\"\\([^\"]*\\)\".*/\\1/p" \
      -e "s/^[[:space:]]*\"$key\"[[:space:]]*:[[:space:]]*\\([0-9][0-9]*\\).*/\\1/p" "$CONFIG_FILE" | head -n 1
  fi
}

setup_postgres() {
  step "Setting up PostgreSQL"
  if ! find_cluster; then
    local version
    version="$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' | sort -V | tail -n 1)"
    [ -n "$version" ] || fail "PostgreSQL server binaries not found under /usr/lib/postgresql"
    pg_createcluster "$version" main >/dev/null
    detail "cluster $version/main created"
    find_cluster || fail "pg_createcluster did not create a cluster"
  fi
  if cluster_online; then
    detail "cluster $PG_VERSION/$PG_CLUSTER running on port $PG_PORT"
  else
    # pg_ctlcluster hands over to systemd where it runs, and starts the server directly otherwise.
    pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" start
    detail "cluster $PG_VERSION/$PG_CLUSTER started on port $PG_PORT"
  fi

  # The password is generated once and kept in the config file; later runs reuse it.
  DB_PASSWORD="$(config_value PAAS_DATABASE | sed -n 's/.*[Pp]assword=\([^;]*\).*/\1/p')"
  if [ -z "$DB_PASSWORD" ]; then
    DB_PASSWORD="$(od -An -tx1 -N24 /dev/urandom | tr -d ' \n')"
    detail "generated a database password"
  fi

  if [ "$(psql_admin <<<"SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER'")" != "1" ]; then
    psql_admin "pw=$DB_PASSWORD" <<SQL
CREATE ROLE $DB_USER LOGIN PASSWORD :'pw';
SQL
    detail "role $DB_USER created"
  else
    detail "role $DB_USER exists"
  fi
  if [ "$(psql_admin <<<"SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")" != "1" ]; then
    psql_admin <<<"CREATE DATABASE $DB_NAME OWNER $DB_USER ENCODING 'UTF8' TEMPLATE template0"
    detail "database $DB_NAME created"
  else
    detail "database $DB_NAME exists"
  fi
  # Set the password only when it does not work: a new SCRAM salt would be a change for nothing.
  if ! can_login; then
    psql_admin "pw=$DB_PASSWORD" <<SQL
ALTER ROLE $DB_USER LOGIN PASSWORD :'pw';
SQL
    detail "password of role $DB_USER set"
    can_login || fail "cannot log in as $DB_USER on 127.0.0.1:$PG_PORT with a password: check pg_hba.conf (host lines need scram-sha-256 or md5)"
  fi
  detail "$DB_USER can log in to $DB_NAME on 127.0.0.1:$PG_PORT"
}

can_login() {
  PGPASSWORD="$DB_PASSWORD" psql -X -q -t -A -h 127.0.0.1 -p "$PG_PORT" -U "$DB_USER" -d "$DB_NAME" \
    -c 'SELECT 1' >/dev/null 2>&1
}

write_config() {
  step "Writing $CONFIG_FILE"
  install -d -m 0755 "$CONFIG_DIR"
  # Settings a user changed in the file are kept; only the database line is ours to manage.
  local root urls socket domain http_port tmp
  root="$(config_value PAAS_ROOT)"
  urls="$(config_value PAAS_API_URLS)"
  socket="$(config_value PAAS_SOCKET)"
  domain="$(config_value PAAS_DOMAIN)"
  http_port="$(config_value PAAS_HTTP_PORT)"
  local entries=(
    "\"PAAS_ROOT\": \"${root:-$DATA_DIR}\""
    "\"PAAS_DATABASE\": \"Host=127.0.0.1;Port=$PG_PORT;Database=$DB_NAME;Username=$DB_USER;Password=$DB_PASSWORD\""
    "\"PAAS_API_URLS\": \"${urls:-http://127.0.0.1:8080}\""
    "\"PAAS_SOCKET\": \"${socket:-$SOCKET}\""
    "\"PAAS_DOMAIN\": \"${domain:-paas.localhost}\""
    "\"PAAS_HTTP_PORT\": \"${http_port:-80}\""
  )
  # Other settings added to the file by hand (PAAS_SUBNET, PAAS_OUTBOUND_NAT, ...) stay as they are.
  local line
  if [ -f "$CONFIG_FILE" ]; then
    while IFS= read -r line; do
      entries+=("$line")
    done < <(sed -n 's/^[[:space:]]*\("PAAS_[A-Z0-9_]*"[[:space:]]*:[[:space:]]*\("[^"]*"\|[0-9][0-9]*\)\).*/\1/p' "$CONFIG_FILE" \
      | grep -v -E '^"PAAS_(ROOT|DATABASE|API_URLS|SOCKET|DOMAIN|HTTP_PORT)"' || true)
  fi
  tmp="$(mktemp "$CONFIG_DIR/.paas.json.XXXXXX")"
  {
    echo "{"
    local i last=$((${#entries[@]} - 1))
    for i in "${!entries[@]}"; do
      if [ "$i" -lt "$last" ]; then echo "  ${entries[$i]},"; else echo "  ${entries[$i]}"; fi
    done
    echo "}"
  } >"$tmp"
  chown root:paas "$tmp"
  chmod 0640 "$tmp"
  if [ -f "$CONFIG_FILE" ] && cmp -s "$tmp" "$CONFIG_FILE"; then
    rm -f "$tmp"
    chown root:paas "$CONFIG_FILE"
    chmod 0640 "$CONFIG_FILE"
    detail "unchanged"
  else
    mv -f "$tmp" "$CONFIG_FILE"
    RESTART_NEEDED=1
    detail "written (mode 0640 root:paas)"
  fi
  SOCKET="$(config_value PAAS_SOCKET)"
}

publish() {
  step "Publishing paasd, paas and the buildpacks to $INSTALL_DIR"
  local staging="$INSTALL_DIR.new" project
  rm -rf "$staging"
  install -d -m 0755 "$BUILD_CACHE"
  # A build cache outside the checkout keeps the second run incremental and the checkout clean.
  for project in src/Paas.Host src/Paas.Cli; do
    if ! dotnet publish "$SOURCE_DIR/$project" -c Release --artifacts-path "$BUILD_CACHE" \
        -o "$staging" --nologo -v quiet >"$BUILD_CACHE/publish.log" 2>&1; then
      tail -n 30 "$BUILD_CACHE/publish.log" >&2
      rm -rf "$staging"
      fail "dotnet publish $project failed (full log: $BUILD_CACHE/publish.log)"
    fi
  done
  # The built-in buildpacks (nodejs, python, go, static...) ship with paasd; builds mount them read-only.
  cp -R "$SOURCE_DIR/buildpacks" "$staging/buildpacks"
  chmod -R u=rwX,go=rX "$staging/buildpacks"
  if [ -d "$INSTALL_DIR" ] && diff -r -q "$staging" "$INSTALL_DIR" >/dev/null 2>&1; then
    rm -rf "$staging"
    detail "unchanged"
    return 0
  fi
  rm -rf "$INSTALL_DIR.old"
  if [ -d "$INSTALL_DIR" ]; then mv "$INSTALL_DIR" "$INSTALL_DIR.old"; fi
  mv "$staging" "$INSTALL_DIR"
  rm -rf "$INSTALL_DIR.old"
  RESTART_NEEDED=1
  detail "installed"
}

create_dirs() {
  step "Creating directories"
  local root
  root="$(config_value PAAS_ROOT)"
  # 0711: root's alone, except that runc, as the containers' (unprivileged) root, must pass
  # through to their root filesystems. Nothing below can be listed by other users.
  install -d -m 0711 "${root:-$DATA_DIR}"
  chmod 0711 "${root:-$DATA_DIR}"
  install -d -m 0750 -o root -g paas "$LOG_DIR"
  # The socket directory must let the paas group reach the socket (mode 0660, group paas).
  install -d -m 0750 -o root -g paas "$RUN_DIR" "$(dirname "$SOCKET")"
  detail "${root:-$DATA_DIR} $LOG_DIR $RUN_DIR"
}

migrate() {
  step "Migrating the database"
  local output
  if ! output="$("$INSTALL_DIR/paasd" migrate 2>&1)"; then
    printf '%s\n' "$output" | tail -n 20 >&2
    fail "paasd migrate failed"
  fi
  if [ -n "$output" ]; then printf '%s\n' "$output" | tail -n 5 | sed 's/^/       /'; fi
}

# The environment paasd runs with: nothing from the caller's shell overrides the config file.
daemon_env() {
  echo "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
  echo "DOTNET_ROOT=$DOTNET_DIR"
  echo "DOTNET_CLI_TELEMETRY_OPTOUT=1"
  echo "LANG=C.UTF-8"
}

start_systemd() {
  local tmp
  tmp="$(mktemp)"
  {
    echo "[Unit]"
    echo "Description=Paas daemon (paasd)"
    echo "After=network-online.target postgresql.service"
    echo "Wants=network-online.target postgresql.service"
    echo
    echo "[Service]"
    echo "Type=simple"
    daemon_env | sed 's/^/Environment=/'
    echo "ExecStart=$INSTALL_DIR/paasd"
    echo "Restart=on-failure"
    echo "RestartSec=2"
    # Containers run under conmon in their own scopes; stopping paasd must not kill them.
    echo "KillMode=process"
    echo
    echo "[Install]"
    echo "WantedBy=multi-user.target"
  } >"$tmp"
  if [ -f "$UNIT_FILE" ] && cmp -s "$tmp" "$UNIT_FILE"; then
    rm -f "$tmp"
  else
    install -m 0644 "$tmp" "$UNIT_FILE"
    rm -f "$tmp"
    systemctl daemon-reload
    RESTART_NEEDED=1
    detail "unit $UNIT_FILE written"
  fi
  systemctl enable --quiet paasd.service
  if [ "$RESTART_NEEDED" -eq 1 ] && systemctl is-active --quiet paasd.service; then
    systemctl restart paasd.service
    detail "restarted (systemd)"
  elif systemctl is-active --quiet paasd.service; then
    detail "already running (systemd)"
  else
    systemctl start paasd.service
    detail "started (systemd)"
  fi
}

running_pid() {
  local pid cmdline
  [ -f "$PID_FILE" ] || return 1
  pid="$(cat "$PID_FILE")"
  [ -n "$pid" ] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  # A recycled pid belongs to some other program: check it is our paasd.
  cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
  [[ "$cmdline" == "$INSTALL_DIR/paasd"* ]] || return 1
  echo "$pid"
}

stop_background() {
  local pid="$1" i
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 150); do
    kill -0 "$pid" 2>/dev/null || break
    if [ "$i" -eq 150 ]; then kill -KILL "$pid" 2>/dev/null || true; fi
    sleep 0.1
  done
  rm -f "$PID_FILE"
}

start_background() {
  local pid
  if pid="$(running_pid)"; then
    # A config file edited by hand since paasd started is applied by this run too.
    if [ "$CONFIG_FILE" -nt "$PID_FILE" ]; then RESTART_NEEDED=1; fi
    if [ "$RESTART_NEEDED" -eq 0 ]; then
      detail "already running (pid $pid)"
      return 0
    fi
    stop_background "$pid"
    detail "stopped pid $pid to restart with the new binaries or config"
  fi
  local env_args=()
  mapfile -t env_args < <(daemon_env)
  # The shell writes its own pid and then becomes paasd, so the pid file names paasd itself.
  # shellcheck disable=SC2016 # $$ and $1 are for the inner shell
  setsid env -i "${env_args[@]}" /bin/sh -c 'echo $$ > "$1"; exec "$2"' sh "$PID_FILE" "$INSTALL_DIR/paasd" \
    >>"$LOG_FILE" 2>&1 </dev/null &
  disown || true
  for _ in $(seq 1 50); do
    [ -s "$PID_FILE" ] && break
    sleep 0.1
  done
  detail "started (pid $(cat "$PID_FILE" 2>/dev/null || echo '?'), log $LOG_FILE)"
}

start_paasd() {
  step "Starting paasd"
  if has_systemd; then
    start_systemd
  else
    start_background
  fi
}

wait_healthy() {
  step "Waiting for paasd on $SOCKET"
  local i
  for i in $(seq 1 60); do
    if curl -fsS --max-time 2 --unix-socket "$SOCKET" http://localhost/api/v1/health >/dev/null 2>&1; then
      detail "healthy"
      return 0
    fi
    if ! has_systemd && ! running_pid >/dev/null; then
      break
    fi
    sleep 0.5
  done
  if has_systemd; then
    journalctl -u paasd.service -n 30 --no-pager >&2 || true
  else
    tail -n 30 "$LOG_FILE" >&2 || true
  fi
  fail "paasd did not answer GET /api/v1/health on $SOCKET within 30 s"
}

# The first stack becomes the default. `host` (read-only binds of this host's /usr) takes seconds;
# a full Debian rootfs is one command away: paas stacks:create bookworm --from debootstrap.
create_default_stack() {
  step "Default stack"
  local stacks
  stacks="$("$INSTALL_DIR/paas" stacks:list --format json)" || fail "could not list stacks"
  if [ "$stacks" != "[]" ]; then
    detail "present"
    return 0
  fi
  "$INSTALL_DIR/paas" stacks:create host --from host >/dev/null || fail "could not create the host stack"
  detail "created 'host' (paas stacks:create bookworm --from debootstrap builds a full Debian one)"
}

link_cli() {
  step "Linking $CLI_LINK"
  if [ "$(readlink "$CLI_LINK" 2>/dev/null || true)" = "$INSTALL_DIR/paas" ]; then
    detail "unchanged"
  else
    ln -sfn "$INSTALL_DIR/paas" "$CLI_LINK"
    detail "-> $INSTALL_DIR/paas"
  fi
}

next_steps() {
  step "Paas is installed"
  cat <<EOF
       Next steps (as root or a member of the paas group):
         paas apps:create demo
         paas config:set demo A=1 'B=two words'
         paas apps:list --format json
         paas config:get demo B
       Remote use: create a token here and point the CLI at the API
       (PAAS_API_URLS in $CONFIG_FILE, put HTTPS in front for other hosts):
         TOKEN=\$(paas tokens:create laptop)
         PAAS_URL=http://127.0.0.1:8080 PAAS_TOKEN=\$TOKEN paas apps:list
       Configuration: $CONFIG_FILE   Logs: $LOG_DIR   Data: $DATA_DIR
EOF
}

main() {
  check_root
  check_dotnet
  install_packages
  load_br_netfilter
  create_user
  reserve_subordinate_ids
  setup_postgres
  write_config
  publish
  create_dirs
  migrate
  start_paasd
  wait_healthy
  create_default_stack
  link_cli
  next_steps
}

main "$@"

#!/usr/bin/env bash
# Installs Paas on this host (Debian 12, Ubuntu 22.04 or newer), as root, from this checkout.
# Idempotent: a second run finds everything in place and changes nothing.
set -euo pipefail

SOURCE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/subordinate-ids.sh
source "$SOURCE_DIR/scripts/subordinate-ids.sh"
# shellcheck source=scripts/services.sh
source "$SOURCE_DIR/scripts/services.sh"
# shellcheck source=scripts/dotnet-dependencies.sh
source "$SOURCE_DIR/scripts/dotnet-dependencies.sh"
INSTALL_DIR=/opt/paas
CONFIG_DIR=/etc/paas
CONFIG_FILE=$CONFIG_DIR/paas.json
DATA_DIR=/var/lib/paas
LOG_DIR=/var/log/paas
RUN_DIR=/run/paas
SOCKET=$RUN_DIR/paasd.sock
BUILD_CACHE=/var/cache/paas/build
CLI_LINK=/usr/local/bin/paas
DB_NAME=paas
DB_USER=paas

PACKAGES=(
  postgresql git runc conmon containernetworking-plugins tini iptables nftables iproute2
  debootstrap ca-certificates curl procps openssh-server
  nodejs npm python3 python3-venv golang-go nginx-light
)

# Set by the steps below: the database settings and where dotnet lives.
PG_VERSION=""
PG_CLUSTER=""
PG_PORT=""
DB_PASSWORD=""
DOTNET_DIR=""

step() { printf -- '-----> %s\n' "$*"; }
detail() { printf '       %s\n' "$*"; }
warn() { printf ' !     %s\n' "$*" >&2; }
fail() {
  warn "$@"
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
  # From the list, not `dotnet --version`: the SDK itself cannot run before its libraries (ICU) are installed.
  detail "dotnet SDK $(grep '^10\.' <<<"$sdks" | sort -V | tail -n 1 | cut -d' ' -f1) in $DOTNET_DIR"
}

# Installed, or provided by an installed package (NodeSource's nodejs provides npm and
# conflicts with Debian's). grep reads all (no -q): under pipefail, a grep that quits at the first
# match leaves dpkg-query to die of SIGPIPE, and the pipeline fails although it matched.
package_present() {
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true)" = "installed" ] ||
    dpkg-query -W -f='${db:Status-Status} ${Provides}\n' 2>/dev/null | grep -E "^installed (.*, )?$1( |,|\$)" >/dev/null
}

install_packages() {
  step "Installing system packages"
  local missing=() pkg wanted list
  list="$(dotnet_dependency_packages)" || fail "cannot tell which ICU package .NET needs"
  read -r -a wanted <<<"$(tr '\n' ' ' <<<"$list")"
  for pkg in "${PACKAGES[@]}" "${wanted[@]}"; do
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
  # A fresh host's unattended-upgrades (or another apt) may hold dpkg's lock for a while: wait.
  apt-get install -y -qq -o DPkg::Lock::Timeout=600 "${missing[@]}" >/dev/null || fail "apt-get install ${missing[*]} failed"
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
  # From /: the checkout is often under root's home (0700), where psql, as postgres, cannot stay.
  (cd / && runuser -u postgres -- psql -X -q -t -A -p "$PG_PORT" -v ON_ERROR_STOP=1 "${args[@]}" -d postgres)
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
    detail "written (mode 0640 root:paas)"
  fi
  SOCKET="$(config_value PAAS_SOCKET)"
}

publish() {
  step "Publishing paasd, paas-router, paas and the buildpacks to $INSTALL_DIR"
  local staging="$INSTALL_DIR.new" project
  rm -rf "$staging"
  install -d -m 0755 "$BUILD_CACHE"
  # A build cache outside the checkout keeps the second run incremental and the checkout clean.
  # Without the commit id in every assembly's version, a commit that does not touch a service's
  # code leaves its files as they were, and the service is not restarted (scripts/services.sh).
  for project in src/Paas.Host src/Paas.Router src/Paas.Cli; do
    if ! dotnet publish "$SOURCE_DIR/$project" -c Release --artifacts-path "$BUILD_CACHE" \
        -p:IncludeSourceRevisionInInformationalVersion=false \
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

# git push paas@HOST:APP and `ssh paas@HOST COMMAND`: paasd writes ~paas/.ssh/authorized_keys, each key
# forced to `paas ssh-command KEYID` with `restrict,pty` (no shell or forwarding; a terminal only for that
# command, as `ssh -t paas@HOST run APP bash` needs), so the
# paas user needs no sshd_config changes. Its group reaches paasd's socket.
setup_ssh() {
  step "Setting up SSH access for git push and remote commands"
  local home password
  home="$(getent passwd paas | cut -d: -f6)"
  install -d -m 0700 -o paas -g paas "$home/.ssh"
  # sshd without PAM refuses a locked account ('!...'); '*' is equally unusable as a password.
  password="$(getent shadow paas | cut -d: -f2)"
  if [[ "$password" == '!'* ]]; then
    usermod -p '*' paas
    detail "paas: password login impossible, key login allowed"
  fi
  # The forced command runs $INSTALL_DIR/paas as paas, whose environment has no DOTNET_ROOT.
  if [ "$DOTNET_DIR" != /usr/share/dotnet ] && [ ! -e /etc/dotnet/install_location ]; then
    install -d -m 0755 /etc/dotnet
    echo "$DOTNET_DIR" >/etc/dotnet/install_location
    detail "/etc/dotnet/install_location -> $DOTNET_DIR"
  fi
  if ! ls /etc/ssh/ssh_host_*_key >/dev/null 2>&1; then
    ssh-keygen -A
    detail "host keys generated"
  fi
  if has_systemd; then
    if systemctl is-active --quiet ssh.service; then
      detail "sshd running (systemd)"
    else
      systemctl enable --now ssh.service
      detail "sshd started (systemd)"
    fi
  elif pgrep -x sshd >/dev/null; then
    detail "sshd running"
  else
    install -d -m 0755 /run/sshd
    /usr/sbin/sshd || fail "could not start /usr/sbin/sshd (sshd -t shows why)"
    detail "sshd started (no systemd: start it again after a reboot, or run it from your init)"
  fi
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

wait_paasd() {
  step "Waiting for paasd on $SOCKET"
  local i
  for i in $(seq 1 60); do
    if curl -fsS --max-time 2 --unix-socket "$SOCKET" http://localhost/api/v1/health >/dev/null 2>&1; then
      detail "healthy"
      return 0
    fi
    if ! has_systemd && ! service_running paasd; then
      break
    fi
    sleep 0.5
  done
  show_service_log paasd
  fail "paasd did not answer GET /api/v1/health on $SOCKET within 30 s"
}

# The router answers no request of its own; it shows that it serves by writing the revision of
# the routing snapshot it applied beside the snapshot (paasd writes one as it starts). A router
# started by this run must have written it since; one found running may have done so before.
wait_router() {
  step "Waiting for paas-router"
  local root dir revision applied i
  root="$(config_value PAAS_ROOT)"
  dir="${root:-$DATA_DIR}/router"
  for i in $(seq 1 60); do
    if ! service_running paas-router && [ "$i" -gt 4 ]; then
      break
    fi
    revision="$(sed -n 's/^[[:space:]]*"revision":[[:space:]]*\([0-9][0-9]*\).*/\1/p' "$dir/routes.json" 2>/dev/null | head -n 1)"
    # JSON ({"revision": N, "unbound": [...]}); a bare number from older routers reads too.
    applied="$(sed -n 's/^[[:space:]]*"revision":[[:space:]]*\([0-9][0-9]*\).*/\1/p;t;s/^\([0-9][0-9]*\)$/\1/p' "$dir/applied" 2>/dev/null | head -n 1 || true)"
    if started_now paas-router && ! [ "$dir/applied" -nt "$(fingerprint_file paas-router)" ]; then
      applied=""
    fi
    if [ -n "$revision" ] && [ -n "$applied" ] && [ "$applied" -ge "$revision" ] && service_running paas-router; then
      detail "serving routing snapshot revision $applied"
      return 0
    fi
    sleep 0.5
  done
  show_service_log paas-router
  fail "paas-router did not apply $dir/routes.json within 30 s"
}

# nginx-light is there for the static buildpack, whose containers run the host's /usr/sbin/nginx
# (host stack). Debian starts the package's own nginx service on port 80, which paas-router needs.
stop_host_nginx() {
  if has_systemd; then
    if systemctl is-enabled --quiet nginx.service 2>/dev/null || systemctl is-active --quiet nginx.service; then
      systemctl disable --now --quiet nginx.service
      detail "nginx.service stopped and disabled (apps' nginx runs in their containers)"
    fi
  elif [ -s /run/nginx.pid ] && kill -0 "$(cat /run/nginx.pid)" 2>/dev/null && [ -x /etc/init.d/nginx ]; then
    /etc/init.d/nginx stop >/dev/null || fail "could not stop the host's nginx (/etc/init.d/nginx stop): it holds port 80"
    update-rc.d nginx disable >/dev/null 2>&1 || true
    detail "host nginx stopped and disabled (apps' nginx runs in their containers)"
  fi
}

# The router binds its ports as apps need them and retries a taken one every 5 s, so a port held by
# another server is only a warning here; it is what keeps http://APP.$PAAS_DOMAIN from answering.
check_router_ports() {
  local http https port owner
  http="$(config_value PAAS_HTTP_PORT)"
  https="$(config_value PAAS_HTTPS_PORT)"
  step "Checking the router's ports ${http:-80} and ${https:-443}"
  stop_host_nginx
  for port in "${http:-80}" "${https:-443}"; do
    owner="$(ss -Hltnp "sport = :$port" 2>/dev/null | grep -o 'users:(("[^"]*"' | head -n 1 | cut -d'"' -f2 || true)"
    if [ -n "$owner" ] && [ "$owner" != paas-router ]; then
      warn "port $port is held by $owner: paas-router cannot serve apps there until it is free (or set PAAS_HTTP_PORT / PAAS_HTTPS_PORT in $CONFIG_FILE)"
    else
      detail "port $port: ${owner:-free}"
    fi
  done
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

# The first administrator's dashboard password: random, kept in $PAAS_ROOT/admin-password (0600, root only) and
# set once. It reaches paasd on stdin (paas users:passwd --password-stdin), never on a command line `ps` shows.
admin_password_file() {
  local root
  root="$(config_value PAAS_ROOT)"
  echo "${root:-$DATA_DIR}/admin-password"
}

create_admin_password() {
  step "Dashboard login"
  local file tmp
  file="$(admin_password_file)"
  if [ -s "$file" ]; then
    detail "unchanged: the admin password is in $file"
    return 0
  fi
  if "$INSTALL_DIR/paas" users:list --format json | grep -q '"name":"admin","role":"admin"[^}]*"hasPassword":true'; then
    detail "admin already has a password (not in $file); set a new one with: paas users:passwd admin"
    return 0
  fi
  # mktemp makes the file 0600; the password is written there before anything reads it.
  tmp="$(mktemp "$file.XXXXXX")"
  head -c 18 /dev/urandom | base64 | tr '+/' '-_' >"$tmp"
  if ! "$INSTALL_DIR/paas" users:passwd admin --password-stdin <"$tmp" >/dev/null; then
    rm -f "$tmp"
    fail "could not set the admin password"
  fi
  mv -f "$tmp" "$file"
  detail "set a random password for admin, kept in $file (mode 0600)"
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
  local urls api domain port site
  urls="$(config_value PAAS_API_URLS)"
  api="${urls%%[;, ]*}"
  domain="$(config_value PAAS_DOMAIN)"
  port="$(config_value PAAS_HTTP_PORT)"
  site="hello.$domain"
  if [ "$port" != 80 ]; then site="$site:$port"; fi
  cat <<EOF
       First deploy (as root or a member of the paas group): the static sample of this checkout,
       pushed over HTTP with an API token (README.md, "First deploy", also shows SSH):
         paas apps:create hello
         cp -r $SOURCE_DIR/tests/apps/static-app /tmp/hello && cd /tmp/hello
         git init -q -b main && git add -A
         git -c user.name=you -c user.email=you@example.com commit -q -m 'First deploy'
         git remote add paas "http://x:\$(paas tokens:create hello-push)@${api#http://}/git/hello.git"
         git push paas main
         curl http://$site/
       Where $domain names do not resolve to this host:
         curl -H 'Host: hello.$domain' http://127.0.0.1${site#"hello.$domain"}/
       Dashboard: ${api%/}/  (user admin, password: sudo cat $(admin_password_file))
         From another machine: ssh -L ${api##*:}:127.0.0.1:${api##*:} root@THIS-HOST, then open http://127.0.0.1:${api##*:}/
         More users: paas users:add NAME [--role admin|developer]; paas apps:grant APP NAME
       Configuration: $CONFIG_FILE   Logs: $LOG_DIR   Data: $DATA_DIR
       Processes: $(if has_systemd; then echo "systemctl status paasd paas-router"; else echo "pids in $RUN_DIR/paasd.pid and $RUN_DIR/paas-router.pid"; fi)
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
  setup_ssh
  migrate
  start_service paasd
  wait_paasd
  check_router_ports
  start_service paas-router
  wait_router
  create_default_stack
  create_admin_password
  link_cli
  next_steps
}

main "$@"

# shellcheck shell=bash
# Reserves the host id range of the containers' user namespace: a "paas:START:65536" line in
# /etc/subuid and /etc/subgid (shadow-utils' format), START chosen past every range and uid in use.
# Sourced by docker-free-install.sh and tests/run.sh; safe to run twice (an existing line is kept).
# runc, run as root, ignores these files: the line is the host's record that the range is Paas's.

PAAS_SUBID_USER="${PAAS_SUBID_USER:-paas}"
PAAS_SUBID_COUNT=65536

# Prints the start of USER's range in FILE, if any.
subid_start() {
  local file="$1" user="$2"
  [ -f "$file" ] || return 0
  awk -F: -v u="$user" '$1 == u && NF == 3 { print $2; exit }' "$file"
}

# Prints the first id at or above 100000 (useradd's SUB_UID_MIN) past every range in both files
# and every uid/gid in /etc/passwd and /etc/group (nobody's 65534 and above aside).
subid_free_start() {
  local end
  end="$(cat /etc/subuid /etc/subgid 2>/dev/null | awk -F: 'NF == 3 && $2 + $3 > m { m = $2 + $3 } END { print m + 0 }')"
  end="$(awk -F: -v m="$end" '$3 < 65534 && $3 + 1 > m { m = $3 + 1 } END { print m }' /etc/passwd /etc/group)"
  if [ "$end" -lt 100000 ]; then end=100000; fi
  echo "$end"
}

ensure_subordinate_ids() {
  local uid_start gid_start start file
  uid_start="$(subid_start /etc/subuid "$PAAS_SUBID_USER")"
  gid_start="$(subid_start /etc/subgid "$PAAS_SUBID_USER")"
  if [ -n "$uid_start" ] && [ -n "$gid_start" ]; then
    printf '       %s\n' "$PAAS_SUBID_USER has uids from $uid_start and gids from $gid_start (/etc/subuid, /etc/subgid)"
    return 0
  fi
  start="$(subid_free_start)"
  for file in /etc/subuid /etc/subgid; do
    if [ -z "$(subid_start "$file" "$PAAS_SUBID_USER")" ]; then
      touch "$file"
      printf '%s:%s:%s\n' "$PAAS_SUBID_USER" "$start" "$PAAS_SUBID_COUNT" >>"$file"
    fi
  done
  printf '       %s\n' "reserved ids $start-$((start + PAAS_SUBID_COUNT - 1)) for $PAAS_SUBID_USER in /etc/subuid and /etc/subgid"
}

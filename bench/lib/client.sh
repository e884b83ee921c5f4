# shellcheck shell=bash
# How the deploy benchmark talks to its paasd and router: the published CLI on paasd's socket,
# the API over TCP with a token (the JSON `paas ps:report APP --format json` prints, without
# starting a .NET process on every poll), git, and requests through paas-router.

paas() {
  PAAS_SOCKET="$SOCKET" "$WORK/bin/paas" "$@"
}

# git without the user's or the system's config, never asking for a password.
quiet_git() {
  GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null GIT_TERMINAL_PROMPT=0 git "$@"
}

commit_all() {
  local dir="$1" message="$2"
  quiet_git -C "$dir" add --all
  quiet_git -C "$dir" -c user.name=bench -c user.email=bench@paas.test commit --quiet --allow-empty -m "$message"
}

# A work repo of an app at $2 with the files of $3 (a dir), committed; prints the push remote.
new_repo() {
  local app="$1" dir="$2" files="$3"
  mkdir -p "$dir"
  cp -R "$files/." "$dir/"
  quiet_git -C "$dir" init --quiet --initial-branch=main
  commit_all "$dir" "first"
  echo "http://x:$TOKEN@127.0.0.1:$API_PORT/git/$app.git"
}

# `paas ps:report APP --format json`, from the API route the CLI reads.
processes() {
  curl -fsS --max-time 5 -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$API_PORT/api/v1/apps/$1/ps"
}

# The app's latest deployment: "status total-seconds phase=seconds ...", total from its creation
# to its end as paasd recorded them.
last_deploy() {
  local json created finished
  json="$(processes "$1" | jq -c '.deployments[0]')"
  [ "$json" != null ] || { echo "none 0"; return 0; }
  created="$(jq -r '.createdAt' <<<"$json")"
  finished="$(jq -r '.finishedAt // empty' <<<"$json")"
  printf '%s %s %s\n' "$(jq -r '.status' <<<"$json")" \
    "$(if [ -n "$finished" ]; then seconds "$(epoch "$created")" "$(epoch "$finished")"; else echo 0; fi)" \
    "$(jq -r '[.phases[] | "\(.name)=\(.seconds)"] | join(" ")' <<<"$json")"
}

# Instances of APP: "total running" (every row, retiring ones too; and those running).
instance_counts() {
  processes "$1" | jq -r '"\(.instances | length) \([.instances[] | select(.state == "running")] | length)"'
}

# Waits until APP has exactly $2 instances, all running (retired ones gone), up to $3 seconds.
wait_instances() {
  local app="$1" want="$2" limit="${3:-120}" counts started
  started="$(now)"
  while :; do
    counts="$(instance_counts "$app")"
    [ "$counts" = "$want $want" ] && return 0
    if awk -v s="$(seconds "$started" "$(now)")" -v l="$limit" 'BEGIN { exit !(s > l) }'; then
      processes "$app" | jq -c '.instances[] | {dyno, state, release}' >&2
      fail "$app: not $want running instances within $limit s (total and running: $counts)"
    fi
    sleep 0.5
  done
}

# One request through the router for APP.DOMAIN; the body, or a failure for a non-2xx answer.
through_router() {
  curl -fsS --max-time 5 -H "Host: $1.$DOMAIN" "http://127.0.0.1:$HTTP_PORT${2:-/}"
}

# $2 requests on one connection through the router (round robin over the backends): the distinct
# DYNO values of the answers, one a line.
dynos_answering() {
  local app="$1" count="$2" urls=()
  for _ in $(seq 1 "$count"); do urls+=("http://127.0.0.1:$HTTP_PORT/"); done
  curl -sS --max-time 10 -H "Host: $app.$DOMAIN" "${urls[@]}" 2>/dev/null | grep -o 'dyno=[a-z]*\.[0-9]*' | sort -u || true
}

set_default_wait() {
  paas checks:set --global default-wait "$1" >/dev/null
}

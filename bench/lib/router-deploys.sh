# shellcheck shell=bash
# The deploy benchmark's measurements through paas-router (issue 10): a push of the static sample
# until the new release answers, a zero-downtime redeploy of two web instances, and a scale-out
# from 1 to 10 instances until all 10 answer. Each at Dokku's default-wait (10 s, the checks'
# own wait) and at default-wait 0, so what the deploy itself costs shows apart from the wait.

# The sample the redeploy and scale-out use: like tests/Paas.Push.Tests/Deploys/VersionedApp.cs, a
# threaded Python server on $PORT (Procfile buildpack, nothing to compile) answering with its DYNO.
write_dyno_app() {
  local dir="$1"
  mkdir -p "$dir/bin"
  echo 'web: bin/web' >"$dir/Procfile"
  cat >"$dir/bin/web" <<'EOF'
#!/usr/bin/env python3
import os, signal, sys, http.server

class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'

    def do_GET(self):
        data = ('dyno=%s\n' % os.environ.get('DYNO', '')).encode()
        self.send_response(200)
        self.send_header('Content-Type', 'text/plain')
        self.send_header('Content-Length', str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass

class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

signal.signal(signal.SIGTERM, lambda *args: sys.exit(0))
Server(('0.0.0.0', int(os.environ['PORT'])), Handler).serve_forever()
EOF
  chmod 0755 "$dir/bin/web"
}

# Records the deploy paasd ran last for $1 under the figure prefix $2: its total and each phase.
record_deploy() {
  local app="$1" key="$2" status total phases phase
  read -r status total phases <<<"$(last_deploy "$app")"
  [ "$status" = succeeded ] || fail "$app: the last deploy is $status"
  record "$key.deploy" "$total"
  for phase in $phases; do record "$key.${phase%%=*}" "${phase#*=}"; done
  DEPLOY_TOTAL="$total"
  DEPLOY_PHASES="$phases"
}

# Pushes $1 (a work repo) to $2 for app $3 and polls the router (every 50 ms) from the push's start
# until an answer contains $4: the new release serves. Records under $5: first200 (push start to
# that answer), push (push start to its end), build (paasd's Took line), deploy and its phases.
served_push() {
  local dir="$1" remote="$2" app="$3" expect="$4" key="$5" log="$WORK/$3.$5.log"
  local started pid body served="" ended="" took
  started="$(now)"
  quiet_git -C "$dir" push --quiet "$remote" main >"$log" 2>&1 &
  pid=$!
  while :; do
    body="$(through_router "$app" 2>/dev/null || true)"
    if [[ "$body" == *"$expect"* ]]; then
      served="$(now)"
      break
    fi
    if [ -z "$ended" ] && ! kill -0 "$pid" 2>/dev/null; then ended="$(now)"; fi
    # The push has ended: the routes should serve by now (the deploy waited for the router).
    if [ -n "$ended" ] && [ "$(seconds "$ended" "$(now)" | cut -d . -f 1)" -ge 10 ]; then break; fi
    sleep 0.05
  done
  wait "$pid" || { cat "$log" >&2; fail "git push of $app failed"; }
  [ -n "$ended" ] || ended="$(now)"
  [ -n "$served" ] || fail "$app: the router did not answer with '$expect' within 10 s of the push's end (last answer: ${body:-none})"
  took="$(sed -n 's/^remote: *Took \([0-9.]*\)s:.*/\1/p' "$log" | tail -n 1)"
  record "$key.first200" "$(seconds "$started" "$served")"
  record "$key.push" "$(seconds "$started" "$ended")"
  record "$key.build" "${took:-0}"
  record_deploy "$app" "$key"
  detail "$(printf '%-7s first 200 %6ss  push %6ss  build %5ss  deploy %5ss (%s)' "${key##*.}" \
    "$(seconds "$started" "$served")" "$(seconds "$started" "$ended")" "${took:-?}" "$DEPLOY_TOTAL" "$DEPLOY_PHASES")"
}

static_section() {
  local wait run app dir remote
  for wait in $WAITS; do
    set_default_wait "$wait"
    step "Static sample through the router, default-wait $wait s ($RUNS runs; load $(load_average))"
    for run in $(seq 1 "$RUNS"); do
      app="static-w$wait-$run"
      paas apps:create "$app" >/dev/null
      dir="$WORK/work/$app"
      remote="$(new_repo "$app" "$dir" "$ROOT/tests/apps/static-app")"
      served_push "$dir" "$remote" "$app" "Hello from the static sample" "static.w$wait.first"
      # A changed commit: the answer must come from the new release.
      sed -i "s|<h1>.*</h1>|<h1>Changed in run $run</h1>|" "$dir/index.html"
      commit_all "$dir" "changed"
      served_push "$dir" "$remote" "$app" "Changed in run $run" "static.w$wait.second"
      # Its containers go now, not while the next run is measured.
      paas apps:destroy "$app" --force >/dev/null
    done
  done
}

# The dyno app, deployed at web=2 with old instances retiring 2 s after a switch (instead of 60),
# so that each measured run starts from two running instances and nothing else.
create_dyno_app() {
  local app="$1" dir="$WORK/work/$1" remote
  step "Creating $app (Python server answering its DYNO) at web=2"
  paas apps:create "$app" >/dev/null
  write_dyno_app "$WORK/dyno-app"
  remote="$(new_repo "$app" "$dir" "$WORK/dyno-app")"
  quiet_git -C "$dir" push --quiet "$remote" main >"$WORK/$app.push.log" 2>&1 \
    || { cat "$WORK/$app.push.log" >&2; fail "git push of $app failed"; }
  paas checks:set "$app" wait-to-retire 2 >/dev/null
  paas ps:scale "$app" web=2 >/dev/null
  wait_instances "$app" 2
}

redeploy_section() {
  local app="$1" wait run started ended dynos
  for wait in $WAITS; do
    set_default_wait "$wait"
    step "Redeploy (ps:restart) of $app at web=2, default-wait $wait s ($RUNS runs; load $(load_average))"
    for run in $(seq 1 "$RUNS"); do
      wait_instances "$app" 2
      started="$(now)"
      paas ps:restart "$app" >"$WORK/$app.restart.log" 2>&1 || { cat "$WORK/$app.restart.log" >&2; fail "ps:restart $app failed"; }
      ended="$(now)"
      dynos="$(dynos_answering "$app" 6 | wc -l)"
      [ "$dynos" -eq 2 ] || fail "$app: $dynos instances answer through the router after the restart, not 2"
      record "redeploy.w$wait.total" "$(seconds "$started" "$ended")"
      record "redeploy.w$wait.beyond" "$(minus "$(seconds "$started" "$ended")" "$wait")"
      record_deploy "$app" "redeploy.w$wait"
      detail "$(printf 'run %d: ps:restart %6ss, beyond the wait %5ss; deploy %5ss (%s)' "$run" \
        "$(seconds "$started" "$ended")" "$(minus "$(seconds "$started" "$ended")" "$wait")" "$DEPLOY_TOTAL" "$DEPLOY_PHASES")"
    done
  done
}

# ps:scale web=1 -> 10, polled every 100 ms: the API until 10 instances run (checked, so routed),
# and the router until 10 distinct DYNO values have answered.
scale_section() {
  local app="$1" wait run started running_at served_at counts dyno first_start last_start
  paas ps:scale "$app" web=1 >/dev/null
  for wait in $WAITS; do
    set_default_wait "$wait"
    step "Scale-out of $app web=1 -> 10, default-wait $wait s ($RUNS runs; load $(load_average))"
    for run in $(seq 1 "$RUNS"); do
      wait_instances "$app" 1
      declare -A seen=()
      running_at=""
      served_at=""
      started="$(now)"
      paas ps:scale "$app" web=10 >/dev/null
      while [ -z "$running_at" ] || [ -z "$served_at" ]; do
        if [ -z "$running_at" ]; then
          counts="$(instance_counts "$app" || echo "0 0")"
          [ "${counts#* }" -ge 10 ] && running_at="$(now)"
        fi
        if [ -z "$served_at" ]; then
          while read -r dyno; do [ -n "$dyno" ] && seen["$dyno"]=1; done < <(dynos_answering "$app" 20)
          [ "${#seen[@]}" -ge 10 ] && served_at="$(now)"
        fi
        [ "$(seconds "$started" "$(now)" | cut -d . -f 1)" -lt 180 ] \
          || fail "$app: not 10 instances serving within 180 s (running ${counts:-?}, answering ${#seen[@]})"
        sleep 0.1
      done
      # When the 9 new containers started (paasd's startedAt, same clock): how the starts spread.
      read -r first_start last_start <<<"$(processes "$app" | jq -r '[.instances[] | select(.dyno != "web.1") | .startedAt] | sort | "\(first) \(last)"')"
      record "scale.w$wait.first-start" "$(seconds "$started" "$(epoch "$first_start")")"
      record "scale.w$wait.last-start" "$(seconds "$started" "$(epoch "$last_start")")"
      record "scale.w$wait.running" "$(seconds "$started" "$running_at")"
      record "scale.w$wait.served" "$(seconds "$started" "$served_at")"
      record "scale.w$wait.beyond" "$(minus "$(seconds "$started" "$served_at")" "$wait")"
      detail "$(printf 'run %d: new containers started %ss-%ss, 10 running after %6ss, 10 dynos answered after %6ss' "$run" \
        "$(seconds "$started" "$(epoch "$first_start")")" "$(seconds "$started" "$(epoch "$last_start")")" \
        "$(seconds "$started" "$running_at")" "$(seconds "$started" "$served_at")")"
      unset seen
      paas ps:scale "$app" web=1 >/dev/null
    done
  done
}

# The figures of the sections that ran, as "median (min-max, n=runs)" seconds.
router_results() {
  local wait push figure
  if [[ " $SECTIONS " == *" static "* ]]; then
    detail "static sample: first 200 through the router, the push, its build and deploy (phases)"
    for wait in $WAITS; do
      for push in first second; do
        for figure in first200 push build deploy start checks switch; do
          detail "$(printf '  %-32s %s' "default-wait $wait, $push, $figure" "$(summary "static.w$wait.$push.$figure")")"
        done
      done
    done
  fi
  if [[ " $SECTIONS " == *" redeploy "* ]]; then
    detail "redeploy at web=2 (ps:restart): total, beyond the wait, the deploy and its phases"
    for wait in $WAITS; do
      for figure in total beyond deploy start checks switch; do
        detail "$(printf '  %-32s %s' "default-wait $wait, $figure" "$(summary "redeploy.w$wait.$figure")")"
      done
    done
  fi
  if [[ " $SECTIONS " == *" scale "* ]]; then
    detail "scale-out web=1 -> 10: first and last new container started, 10 running, 10 DYNOs answered, beyond the wait"
    for wait in $WAITS; do
      for figure in first-start last-start running served beyond; do
        detail "$(printf '  %-32s %s' "default-wait $wait, $figure" "$(summary "scale.w$wait.$figure")")"
      done
    done
  fi
}

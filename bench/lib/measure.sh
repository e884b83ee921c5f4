# shellcheck shell=bash
# Clock, figures and the machine's load for the deploy benchmark. Figures are kept by name in
# FIGURES (name -> space-separated seconds, one per run) and summed up as median, min and max.

declare -gA FIGURES=()

now() { date +%s.%N; }

# Seconds from $1 to $2 (timestamps from now), two decimals.
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

# $1 - $2 - ..., two decimals.
minus() {
  local first="$1"
  shift
  awk -v a="$first" -v rest="$*" 'BEGIN { n = split(rest, r, " "); for (i = 1; i <= n; i++) a -= r[i]; printf "%.2f", a }'
}

# An ISO 8601 time as epoch seconds (for paasd's createdAt/finishedAt).
epoch() { date -d "$1" +%s.%N; }

record() { FIGURES["$1"]+="${FIGURES["$1"]:+ }$2"; }

# "median min max (n runs)" of a recorded figure; "-" when nothing was recorded.
summary() {
  local values="${FIGURES["$1"]:-}"
  if [ -z "$values" ]; then
    echo "-"
    return 0
  fi
  tr ' ' '\n' <<<"$values" | sort -g | awk '
    { v[NR] = $1 }
    END {
      median = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
      printf "%.2f (%.2f-%.2f, n=%d)", median, v[1], v[NR], NR
    }'
}

# The median alone, for sums of medians in the report.
median() {
  local values="${FIGURES["$1"]:-}"
  [ -n "$values" ] || { echo "-"; return 0; }
  tr ' ' '\n' <<<"$values" | sort -g | awk '{ v[NR] = $1 } END { printf "%.2f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

load_average() { cut -d ' ' -f 1-3 /proc/loadavg; }

# The machine is shared: before measuring, wait (up to BENCH_QUIET_WAIT seconds, checking every
# 30 s) until the 1-minute load average is at most BENCH_MAX_LOAD, then measure anyway and say so.
wait_for_quiet() {
  local max="${BENCH_MAX_LOAD:-3}" budget="${BENCH_QUIET_WAIT:-1200}" waited=0 one
  while :; do
    one="$(cut -d ' ' -f 1 /proc/loadavg)"
    if awk -v l="$one" -v m="$max" 'BEGIN { exit !(l <= m) }'; then
      detail "load average $(load_average) (1-minute at most $max): measuring"
      return 0
    fi
    if [ "$waited" -ge "$budget" ]; then
      detail "load average $(load_average) still above $max after ${waited} s of waiting: measuring anyway"
      return 0
    fi
    detail "load average $(load_average) above $max: waiting (${waited} s of ${budget} s so far)"
    sleep 30
    waited=$((waited + 30))
  done
}

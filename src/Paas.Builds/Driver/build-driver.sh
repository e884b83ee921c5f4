#!/usr/bin/env bash
# The build driver: herokuish's `buildpack-build`, run by Paas's build runner as the only process
# of the build container, as the unprivileged app user (uid 1000). It follows the plan the runner
# wrote to $PLAN, prints what users see on stdout/stderr with Dokku's prefixes, and writes what
# the runner needs (buildpacks tried and used, the failed step, the release YAML, a Procfile the
# buildpacks generated) to $RESULTS, never to stdout: the build's output is the user's to shape.
#
# Plan lines, fields separated by the ASCII unit separator (0x1f, so empty fields survive `read`):
# `mode detect|explicit`, then per buildpack `builtin DIR` or
# `remote URL REF FALLBACK_DIR CLONE_TIMEOUT_SECONDS`.
set -uo pipefail

# Lower-case and not readonly: config vars and buildpacks' export files may set any upper-case
# name (BUILD_DIR included), which must neither clash with these nor abort the driver.
paas_build_dir=/tmp/build paas_cache_dir=/tmp/cache paas_env_dir=/tmp/env paas_builtin_dir=/tmp/buildpacks
paas_plan=/tmp/paas/driver/plan paas_results=/tmp/paas/results paas_work_dir=/tmp/buildpacks-work
paas_exit_none_detected=65 paas_exit_fetch_failed=66 paas_exit_compile_failed=67 paas_exit_release_failed=68 paas_exit_bad_plan=69
paas_max_procfile_bytes=65536

step() { echo "-----> $*"; }
detail() { echo "       $*"; }
error() { echo " !     $*" >&2; }
# One tab-separated line per fact; tabs and newlines inside a field (a detect's output) become spaces.
result() {
  local fields=() field IFS=$'\t'
  for field in "$@"; do fields+=("${field//[$'\t\n']/ }"); done
  echo "${fields[*]}" >>"$paas_results/status"
}

# Config vars reach the build's environment as in Dokku (which evals them from /app/.env), read
# from the env dir without eval; the variables Heroku's export_env_dir refuses stay out, and so do
# those that would change how bash itself runs the driver.
export_env_dir() {
  local paas_file paas_name paas_value
  for paas_file in "$paas_env_dir"/*; do
    [[ -f "$paas_file" ]] || continue
    paas_name="${paas_file##*/}"
    [[ "$paas_name" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || continue
    [[ "$paas_name" =~ ^(PATH|GIT_DIR|CPATH|CPPATH|LD_PRELOAD|LIBRARY_PATH|HOME|STACK|BASH_ENV|ENV|SHELLOPTS|BASHOPTS|IFS|paas_.*)$ ]] && continue
    IFS= read -r -d '' paas_value <"$paas_file"
    export "$paas_name=$paas_value"
  done
}

# Heroku's .slugignore: gitignore-like patterns (no negation) removed before any buildpack runs.
apply_slugignore() {
  local pattern
  [[ -f "$paas_build_dir/.slugignore" && ! -L "$paas_build_dir/.slugignore" ]] || return 0
  step "Removing files listed in .slugignore"
  while IFS= read -r pattern || [[ -n "$pattern" ]]; do
    pattern="${pattern%$'\r'}"
    pattern="${pattern#"${pattern%%[![:space:]]*}"}"
    pattern="${pattern%"${pattern##*[![:space:]]}"}"
    [[ -z "$pattern" || "$pattern" == \#* ]] && continue
    pattern="${pattern%/}"
    if [[ "$pattern" == */* ]]; then
      find "$paas_build_dir" -mindepth 1 -path "$paas_build_dir/${pattern#/}" -prune -exec rm -rf {} +
    else
      find "$paas_build_dir" -mindepth 1 -name "$pattern" -prune -exec rm -rf {} +
    fi
  done <"$paas_build_dir/.slugignore"
}

# The name users see: NN-name directories drop their ordering prefix.
display_name() {
  local name="${1##*/}"
  [[ "$name" =~ ^[0-9]+[-_](.+)$ ]] && name="${BASH_REMATCH[1]}"
  echo "$name"
}

# Fetches URL (a git repo at REF, or a .tgz/.tar.gz/.tar) into DIR inside this container (never on
# the host), within TIMEOUT seconds (0: no limit but the build's own).
fetch() {
  local url="$1" ref="$2" dir="$3" timeout="$4" limit=()
  local untar=(tar -x -C "$dir")
  [[ "$timeout" != 0 ]] && limit=(timeout "$timeout")
  [[ "$url" == *.tar ]] || untar+=(-z)
  if [[ "$url" =~ \.(tgz|tar\.gz|tar)$ ]]; then
    mkdir -p "$dir" && "${limit[@]}" curl --fail --silent --show-error --location --retry 2 -- "$url" | "${untar[@]}"
  elif [[ -z "$ref" ]]; then
    GIT_TERMINAL_PROMPT=0 "${limit[@]}" git clone --quiet --depth 1 -- "$url" "$dir"
  else
    GIT_TERMINAL_PROMPT=0 "${limit[@]}" git clone --quiet --depth 1 --branch "$ref" -- "$url" "$dir" 2>/dev/null \
      || { rm -rf "$dir" && GIT_TERMINAL_PROMPT=0 "${limit[@]}" git clone --quiet -- "$url" "$dir" && git -C "$dir" checkout --quiet --detach "$ref" --; }
  fi
}

# Fills the arrays `paas_paths` and `paas_names` from the plan: built-ins as they are, remote ones cloned.
fetch_buildpacks() {
  local kind url ref fallback timeout dir index=0
  while IFS=$'\x1f' read -r kind url ref fallback timeout; do
    case "$kind" in
      mode) paas_mode="$url" ;;
      builtin)
        paas_paths+=("$paas_builtin_dir/$url")
        paas_names+=("$(display_name "$url")")
        ;;
      remote)
        index=$((index + 1))
        dir="$paas_work_dir/remote-$index"
        step "Fetching buildpack $url${ref:+#$ref}"
        # stdin is the plan: keep git, ssh and curl off it.
        if fetch "$url" "$ref" "$dir" "$timeout" </dev/null; then
          paas_paths+=("$dir")
          paas_names+=("$url")
        elif [[ -n "$fallback" ]]; then
          detail "Cannot fetch $url here; using the built-in $(display_name "$fallback") buildpack, its Paas equivalent"
          paas_paths+=("$paas_builtin_dir/$fallback")
          paas_names+=("$(display_name "$fallback")")
        else
          error "Cannot fetch buildpack $url${ref:+ at $ref}: check the URL and that the build can reach it"
          result failed fetch "$url" 1
          exit "$paas_exit_fetch_failed"
        fi
        ;;
      *)
        error "Internal error: unreadable build plan line '$kind'"
        exit "$paas_exit_bad_plan"
        ;;
    esac
  done <"$paas_plan"
}

# Detect mode: the first built-in whose bin/detect exits 0 wins (its first line of output names
# the app's framework); none matching lists each tried.
select_by_detection() {
  local i label
  for i in "${!paas_paths[@]}"; do
    result tried "${paas_names[$i]}"
    if label="$("${paas_paths[$i]}/bin/detect" "$paas_build_dir" 2>/dev/null)"; then
      label="${label%%$'\n'*}"
      paas_selected=("$i")
      paas_labels=("${label:-${paas_names[$i]}}")
      return 0
    fi
  done
  error "No buildpack detected this app as one it can build. Tried, in order:"
  for i in "${!paas_names[@]}"; do error "  ${paas_names[$i]}"; done
  error "Add a Procfile, or choose a buildpack with a .buildpacks file or \`paas config:set APP BUILDPACK_URL=...\`"
  exit "$paas_exit_none_detected"
}

# Explicit list: every buildpack runs; bin/detect only names it (herokuish runs it with `|| true`).
select_all() {
  local i label
  for i in "${!paas_paths[@]}"; do
    label="$("${paas_paths[$i]}/bin/detect" "$paas_build_dir" 2>/dev/null)" || true
    label="${label%%$'\n'*}"
    paas_selected+=("$i")
    paas_labels+=("${label:-${paas_names[$i]}}")
  done
}

# A buildpack may write $BP_DIR/export for the next ones: built-ins are mounted read-only, so each
# runs from a writable copy.
writable_copy() {
  local source="$1" copy
  [[ "$source" == "$paas_builtin_dir"/* ]] || { echo "$source"; return; }
  copy="$paas_work_dir/${source##*/}"
  rm -rf "$copy" && cp -R "$source" "$copy" && echo "$copy"
}

compile_all() {
  local n i dir code
  for n in "${!paas_selected[@]}"; do
    i="${paas_selected[$n]}"
    if ((${#paas_selected[@]} > 1)); then
      step "${paas_labels[$n]} app detected (buildpack $((n + 1)) of ${#paas_selected[@]}: ${paas_names[$i]})"
    else
      step "${paas_labels[$n]} app detected"
    fi
    result used "${paas_names[$i]}" "${paas_labels[$n]}"
    dir="$(writable_copy "${paas_paths[$i]}")" || { error "Cannot copy buildpack ${paas_names[$i]}"; exit "$paas_exit_fetch_failed"; }
    (cd "$paas_build_dir" && "$dir/bin/compile" "$paas_build_dir" "$paas_cache_dir" "$paas_env_dir")
    code=$?
    if ((code != 0)); then
      error "Failed to compile app with buildpack ${paas_names[$i]} (exit $code)"
      result failed compile "${paas_names[$i]}" "$code"
      exit "$paas_exit_compile_failed"
    fi
    if [[ -f "$dir/export" ]]; then
      # shellcheck source=/dev/null
      source "$dir/export"
    fi
    paas_last_dir="$dir"
    paas_last_name="${paas_names[$i]}"
  done
}

release() {
  if ! "$paas_last_dir/bin/release" "$paas_build_dir" "$paas_cache_dir" >"$paas_results/release.yml"; then
    error "bin/release of buildpack $paas_last_name failed"
    result failed release "$paas_last_name" 1
    exit "$paas_exit_release_failed"
  fi
  if [[ -f "$paas_build_dir/Procfile" && ! -L "$paas_build_dir/Procfile" ]]; then
    head -c "$paas_max_procfile_bytes" "$paas_build_dir/Procfile" >"$paas_results/Procfile"
  fi
}

main() {
  paas_mode="" paas_paths=() paas_names=() paas_selected=() paas_labels=() paas_last_dir="" paas_last_name=""
  : >"$paas_results/status"
  mkdir -p "$paas_work_dir" "$paas_cache_dir"
  export_env_dir
  export APP_DIR=/app HOME=/app REQUEST_ID="build-$RANDOM" CURL_CONNECT_TIMEOUT=30 CURL_TIMEOUT=180
  cd "$paas_build_dir" || exit "$paas_exit_bad_plan"
  apply_slugignore
  fetch_buildpacks
  case "$paas_mode" in
    detect) select_by_detection ;;
    explicit) select_all ;;
    *) error "Internal error: build plan without a mode"; exit "$paas_exit_bad_plan" ;;
  esac
  compile_all
  release
}

main "$@"

#!/usr/bin/env bash
# Output and config helpers shared by the built-in buildpacks. Each buildpack carries its own
# identical copy (a buildpack is a self-contained directory; BuildpackLibraryTests keeps them equal).

# Dokku/Heroku output: steps, 7-space details, warnings on stdout, errors on stderr.
step() { printf -- '-----> %s\n' "$*"; }
detail() { printf '       %s\n' "$*"; }
warn() { printf ' !     %s\n' "$@"; }
fail() {
  printf ' !     %s\n' "$@" >&2
  exit 1
}

# Indents a command's output as details, line by line as it comes (never buffered to the end),
# without its blank lines.
indent() { sed -u -e '/^[[:space:]]*$/d' -e 's/^/       /'; }

# Exports the app's config vars (one file per variable in ENV_DIR) into the compile
# environment, like Heroku's export_env_dir. The denylist is Heroku's plus the variables that
# change how bash itself runs: a config var must not redirect the build's own tools.
export_env_dir() {
  local env_dir="$1" file name
  local denylist='^(PATH|GIT_DIR|CPATH|CPPATH|LD_PRELOAD|LIBRARY_PATH|BASH_ENV|ENV|SHELLOPTS|BASHOPTS)$'
  [ -d "$env_dir" ] || return 0
  for file in "$env_dir"/*; do
    [ -f "$file" ] || continue
    name="${file##*/}"
    [[ "$name" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || continue
    [[ "$name" =~ $denylist ]] && continue
    export "$name=$(cat "$file")"
  done
}

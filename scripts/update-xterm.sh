#!/bin/sh
# Vendors xterm.js and its fit addon into the dashboard from the npm registry (`npm pack`), so the
# console page needs no CDN: the ES module builds, the stylesheet and each package's LICENSE land in
# web/Paas.Dashboard/wwwroot/lib/xterm/. Run it from anywhere; commit what it changes.
#   scripts/update-xterm.sh [XTERM_VERSION [FIT_VERSION]]
set -eu

XTERM_VERSION="${1:-6.0.0}"
FIT_VERSION="${2:-0.11.0}"
HERE="$(cd "$(dirname "$0")/.." && pwd)"
DEST="$HERE/web/Paas.Dashboard/wwwroot/lib/xterm"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

cd "$WORK"
npm pack --silent "@xterm/xterm@$XTERM_VERSION" "@xterm/addon-fit@$FIT_VERSION" >/dev/null
mkdir xterm fit
tar xzf "xterm-xterm-$XTERM_VERSION.tgz" -C xterm
tar xzf "xterm-addon-fit-$FIT_VERSION.tgz" -C fit

mkdir -p "$DEST"
rm -f "$DEST"/*
cp xterm/package/lib/xterm.mjs xterm/package/css/xterm.css "$DEST/"
cp xterm/package/LICENSE "$DEST/LICENSE.xterm"
cp fit/package/lib/addon-fit.mjs "$DEST/"
cp fit/package/LICENSE "$DEST/LICENSE.addon-fit"
# The source maps are referenced from the modules but not shipped: drop the reference.
sed -i '/^\/\/# sourceMappingURL=/d' "$DEST/xterm.mjs" "$DEST/addon-fit.mjs"
printf '@xterm/xterm %s\n@xterm/addon-fit %s\n' "$XTERM_VERSION" "$FIT_VERSION" > "$DEST/VERSIONS"
echo "xterm.js $XTERM_VERSION and addon-fit $FIT_VERSION are in $DEST"

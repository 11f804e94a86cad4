#!/usr/bin/env bash
# code-server's @vscode/ripgrep postinstall downloads rg from GitHub, which is unreachable offline.
# It first looks in a cache under $TMPDIR (or /tmp), so we put Debian's rg (same 13.0.0) there.
set -euo pipefail

RG_BIN="${RG_BIN:-/usr/bin/rg}"
CACHE_DIR="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11"
ARCHIVE="$CACHE_DIR/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"

if [ ! -x "$RG_BIN" ]; then
  echo "seedRipgrep: $RG_BIN not found (apt-get install ripgrep)" >&2
  exit 1
fi
if [ -s "$ARCHIVE" ] && tar -tzf "$ARCHIVE" | grep -qx rg; then
  echo "seedRipgrep: cache already present: $ARCHIVE"
  exit 0
fi

mkdir -p "$CACHE_DIR"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$RG_BIN" "$work/rg"
chmod 755 "$work/rg"
# Write to a temp name first so a concurrent install never sees a half-written archive.
# The postinstall extracts the archive into its own bin/, so rg sits at the archive root.
tar -czf "$ARCHIVE.partial" -C "$work" rg
mv "$ARCHIVE.partial" "$ARCHIVE"
echo "seedRipgrep: wrote $ARCHIVE"

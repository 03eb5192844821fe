#!/usr/bin/env bash
# Makes sure the Salesforce CLI the conformance tests run is on this machine: @salesforce/cli as pinned
# by scripts/sf-cli/package-lock.json, installed with `npm ci` into a cache folder (reinstalled when the
# lockfile changes), and a Node 22 to run it on (fetch-node22.sh; the CLI needs Node >= 22). Idempotent
# and quick once cached. Prints two lines: the Node 22 binary, then the CLI's entry script (bin/run.js).
#   CALLBUDGET_SF_CLI_DIR   cache folder (default ~/.cache/callbudget/sf-cli; delete it to reinstall)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

cache="${CALLBUDGET_SF_CLI_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/callbudget/sf-cli}"
lockfile="$here/sf-cli/package-lock.json"
entry="$cache/node_modules/@salesforce/cli/bin/run.js"

node22="$(bash "$here/fetch-node22.sh")"
wanted="$(sha256sum "$lockfile" | cut -d' ' -f1)"

if [ "$(cat "$cache/.lockfile-sha256" 2>/dev/null)" != "$wanted" ] || [ ! -f "$entry" ]; then
  echo "ensure-sf-cli: installing @salesforce/cli (pinned by scripts/sf-cli/package-lock.json) into $cache" >&2
  # Install beside the cache and swap it in, so an interrupted install never looks complete.
  staging="$cache.installing-$$"
  rm -rf "$staging"
  mkdir -p "$staging"
  trap 'rm -rf "$staging"' EXIT
  cp "$here/sf-cli/package.json" "$lockfile" "$staging/"
  # npm runs on Node 22 too, so the CLI's engines (node >= 22) are met; no install scripts run.
  if ! PATH="$(dirname "$node22"):$PATH" npm ci --prefix "$staging" --ignore-scripts --no-audit --no-fund --loglevel=error >&2; then
    echo "ensure-sf-cli: npm ci failed; is the npm registry ($(npm config get registry)) reachable?" >&2
    exit 1
  fi
  echo "$wanted" >"$staging/.lockfile-sha256"
  rm -rf "$cache"
  mv "$staging" "$cache"
  trap - EXIT
fi

echo "$node22"
echo "$entry"

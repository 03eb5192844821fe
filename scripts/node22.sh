#!/usr/bin/env bash
# Runs the vitest suite on Node 22 whatever Node this machine has (the binary comes from
# fetch-node22.sh, which documents its cache and settings). Extra arguments go to `vitest run`.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! node22="$(bash scripts/fetch-node22.sh)"; then
  echo "node22: without Node 22, run: node node_modules/vitest/vitest.mjs run" >&2
  exit 1
fi
echo "node22: running vitest on Node $("$node22" --version)" >&2
# First on PATH too, so anything the tests spawn as `node` is Node 22 as well.
export PATH="$(dirname "$node22"):$PATH"
exec "$node22" node_modules/vitest/vitest.mjs run "$@"

#!/usr/bin/env bash
# Makes sure the binaries the test run needs are on this machine: redis-server (integration tests)
# and Debian's Chromium (e2e). Installs them with apt-get when root; otherwise says how, and stops.
set -euo pipefail

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
if [ "${CALLBUDGET_SKIP_BROWSER:-}" != "1" ]; then
  [ -x /usr/bin/chromium ] || missing+=(chromium)
fi
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-binaries: installing ${missing[*]} with apt-get" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi

echo "ensure-binaries: missing ${missing[*]}." >&2
echo "Install them with: sudo apt-get install -y ${missing[*]}   (Debian/Ubuntu)" >&2
echo "Chromium must be Debian's, at /usr/bin/chromium; the tests never download a browser." >&2
exit 1

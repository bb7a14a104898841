#!/usr/bin/env bash
# Installs everything Mapboard needs on a fresh Debian machine with Node.js 20: pnpm, the workspace's
# dependencies and, with --with-test-tools, what the test suite needs (Chromium, poppler, running services).
# Safe to run again: each step is skipped when its result is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

with_test_tools=false
[ "${1:-}" = "--with-test-tools" ] && with_test_tools=true

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version)" != "12.21.0" ]; then
  echo "==> installing pnpm 12.21.0"
  as_root npm install -g pnpm@12.21.0 --silent
fi

echo "==> installing dependencies"
# better-sqlite3 compiles against the Node headers that ship with the system Node.
export npm_config_nodedir="${npm_config_nodedir:-/usr}"
pnpm install --frozen-lockfile

if $with_test_tools; then
  missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "==> installing ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi

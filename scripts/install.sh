#!/usr/bin/env bash
# Installs everything Mapboard needs on a fresh Debian machine with Node.js 20: pnpm, the workspace's
# dependencies and, with --with-test-tools, what the test suite needs (Chromium, poppler, and PostgreSQL and
# Redis running on 127.0.0.1).
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
  # The PostgreSQL store's tests and the cluster's need both services (decision 0045).
  fresh_postgres=false
  if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ -z "$(ls /etc/postgresql 2>/dev/null)" ]; then
    missing+=(postgresql)
    fresh_postgres=true
  fi
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "==> installing ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi

  # Started here when installed but stopped (no service manager starts them on every machine).
  pg_version="$(ls /etc/postgresql | sort -V | tail -n 1)"
  if $fresh_postgres; then
    # A test machine's PostgreSQL trusts loopback, as the tests connect without a password.
    echo "==> letting loopback connect to the new PostgreSQL $pg_version without a password"
    as_root sed -i -E 's/^(host[[:space:]]+all[[:space:]]+all[[:space:]]+(127\.0\.0\.1\/32|::1\/128)[[:space:]]+)[a-z0-9-]+$/\1trust/' \
      "/etc/postgresql/$pg_version/main/pg_hba.conf"
    # The package may have started it already, with the old rules.
    as_root pg_ctlcluster --skip-systemctl-redirect "$pg_version" main reload 2>/dev/null || true
  fi
  if ! pg_isready -q -h 127.0.0.1; then
    echo "==> starting PostgreSQL $pg_version"
    as_root pg_ctlcluster --skip-systemctl-redirect "$pg_version" main start || true
  fi
  if ! redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then
    echo "==> starting Redis"
    as_root mkdir -p /var/lib/redis /var/log/redis
    as_root redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
      --dir /var/lib/redis --logfile /var/log/redis/ci.log
  fi
  for _ in $(seq 1 60); do
    pg_isready -q -h 127.0.0.1 && redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && break
    sleep 0.5
  done
  pg_isready -h 127.0.0.1 || { echo "PostgreSQL did not start on 127.0.0.1:5432" >&2; exit 1; }
  redis-cli -h 127.0.0.1 ping >/dev/null || { echo "Redis did not start on 127.0.0.1:6379" >&2; exit 1; }
  if $fresh_postgres; then
    # The database the environment promises (`test`), for tools that expect it.
    as_root runuser -u postgres -- psql -h 127.0.0.1 -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'test'" \
      | grep -q 1 || as_root runuser -u postgres -- createdb -h 127.0.0.1 test
  fi
fi

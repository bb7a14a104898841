#!/usr/bin/env bash
# Runs the whole test suite, installing first whatever the tests need (Chromium for the browser tests).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh --with-test-tools
exec pnpm test

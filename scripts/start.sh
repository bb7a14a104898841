#!/usr/bin/env bash
# Quick start: install what is missing, build the web app and start Mapboard. Prints the URL to open.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
exec pnpm start

#!/usr/bin/env bash
# `pnpm bench`: the server comparison (src/main.ts, which takes every option given), then the cost of the
# permission checks (src/gateCost.ts), the record export (src/exportCost.ts), the flood (src/floodCost.ts) and
# two instances against one (src/clusterCost.ts; it skips, saying why, without PostgreSQL and Redis).
# --quick shortens each; --no-write keeps docs/benchmarks.md as it is.
set -euo pipefail
cd "$(dirname "$0")"
node --import tsx src/main.ts "$@"
gate_args=()
for arg in "$@"; do
  case "$arg" in
    --quick) gate_args+=(--edits 500) ;;
    --no-write) gate_args+=(--no-write) ;;
  esac
done
node --import tsx src/gateCost.ts "${gate_args[@]}"
export_args=()
for arg in "$@"; do
  case "$arg" in
    --quick | --no-write) export_args+=("$arg") ;;
  esac
done
node --import tsx src/exportCost.ts "${export_args[@]}"
# The flood and the cluster take the same two options as the export.
node --import tsx src/floodCost.ts "${export_args[@]}"
node --import tsx src/clusterCost.ts "${export_args[@]}"

#!/usr/bin/env bash
# Instructions per tools/call (callgrind; node --single-threaded, so V8 compiles and collects on the
# measured thread and no helper thread adds noise) for two core
# builds: total(2N calls) - total(N calls), over N. Usage (from benchmarks/):
#   bash scripts/middleware-callgrind.sh <before core dist dir> [N=20000] [eras="2025 2026"]
set -euo pipefail
before="$1"; n="${2:-20000}"; eras="${3:-2025 2026}"
out="$(mktemp -d)"
total() { # build era calls -> instruction total
  valgrind --tool=callgrind --callgrind-out-file="$out/cg.%p" node --single-threaded scripts/middleware-calls.mjs "$1" "$2" "$3" 2>&1 \
    | sed -n 's/.*Collected : \([0-9]*\).*/\1/p' | tail -1
}
for era in $eras; do
  for build in "$before" after; do
    one=$(total "$build" "$era" "$n"); two=$(total "$build" "$era" $((2 * n)))
    echo "$era era, $( [ "$build" = after ] && echo after || echo before ): $(( (two - one) / n )) instructions per call"
  done
done
rm -rf "$out"

#!/usr/bin/env bash
# Instructions per POST tools/call through serve() (callgrind; node --single-threaded, so V8
# compiles and collects on the measured thread) for two @chuk-mcp/http builds:
# total(2N requests) - total(N requests), over N. Usage (from benchmarks/):
#   bash scripts/post-callgrind.sh <before http dist dir> [N=5000] [eras="2025 2026"]
# The "before" dist is packages/http/dist built at the base commit, copied under
# benchmarks/.tmp/ (ignored) so its imports resolve.
set -euo pipefail
before="$1"; n="${2:-5000}"; eras="${3:-2025 2026}"
out="$(mktemp -d)"
total() { # build era calls -> instruction total
  valgrind --tool=callgrind --callgrind-out-file="$out/cg.%p" node --single-threaded scripts/post-calls.mjs "$1" "$2" "$3" 2>&1 \
    | sed -n 's/.*Collected : \([0-9]*\).*/\1/p' | tail -1
}
for era in $eras; do
  for build in "$before" after; do
    one=$(total "$build" "$era" "$n"); two=$(total "$build" "$era" $((2 * n)))
    echo "$era era, $( [ "$build" = after ] && echo after || echo before ): $(( (two - one) / n )) instructions per request"
  done
done
rm -rf "$out"

#!/usr/bin/env bash
# Instructions per tools/call with one policy installed (callgrind; node --single-threaded, so V8
# compiles and collects on the measured thread): total(2N calls) - total(N calls), over N.
# Usage (from benchmarks/): bash scripts/policies-callgrind.sh [N=2000] [era=2025] [variants...]
set -euo pipefail
n="${1:-2000}"; era="${2:-2025}"; shift $(( $# > 2 ? 2 : $# ))
variants=("$@"); [ ${#variants[@]} -eq 0 ] && variants=(none token-bucket sliding-window cache-hit token-bucket-redis sliding-window-redis cache-hit-redis)
out="$(mktemp -d)"
total() { # variant calls -> instruction total
  valgrind --tool=callgrind --callgrind-out-file="$out/cg.%p" node --single-threaded scripts/policies-calls.mjs "$1" "$era" "$2" 2>&1 \
    | sed -n 's/.*Collected : \([0-9]*\).*/\1/p' | tail -1
}
for variant in "${variants[@]}"; do
  one=$(total "$variant" "$n"); two=$(total "$variant" $((2 * n)))
  echo "$era era, $variant: $(( (two - one) / n )) instructions per call (N=$n)"
done
rm -rf "$out"

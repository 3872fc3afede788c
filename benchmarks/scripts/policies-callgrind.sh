#!/usr/bin/env bash
# Instructions per tools/call with one policy installed (callgrind; node --single-threaded, so V8
# compiles and collects on the measured thread). scripts/policies-calls.mjs calls os.loadavg()
# before and after its measured loop; --dump-before=*GetLoadAvg* dumps the counters there, so the
# second dump holds exactly the N calls: its total over N is one call.
# Usage (from benchmarks/): bash scripts/policies-callgrind.sh [N=2000] [era=2025] [variants...]
set -euo pipefail
n="${1:-2000}"; era="${2:-2025}"; shift $(( $# > 2 ? 2 : $# ))
variants=("$@"); [ ${#variants[@]} -eq 0 ] && variants=(none token-bucket sliding-window cache-hit token-bucket-redis sliding-window-redis cache-hit-redis)
for variant in "${variants[@]}"; do
  out="$(mktemp -d)"
  valgrind --tool=callgrind --dump-before='*GetLoadAvg*' --callgrind-out-file="$out/cg" node --single-threaded scripts/policies-calls.mjs "$variant" "$era" "$n" >/dev/null 2>&1
  total=$(sed -n 's/^summary: \([0-9]*\).*/\1/p;s/^totals: \([0-9]*\).*/\1/p' "$out/cg.2" | head -1)
  echo "$era era, $variant: $(( total / n )) instructions per call (N=$n)"
  rm -rf "$out"
done

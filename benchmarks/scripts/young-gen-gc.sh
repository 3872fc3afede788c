#!/usr/bin/env bash
# What the stdio young-generation cap does to garbage collection, per Node binary: the in-process
# stdio workload of scripts/tricks-calls.mjs (S one-at-a-time requests, two floods of F) with the
# cap at 16 MB and off, under --trace-gc. Prints scavenges and mark-compacts (counts do not depend
# on the machine's load; the summed pause times do), the young generation's size and the RSS at
# the end.
#
# Usage (from benchmarks/): bash scripts/young-gen-gc.sh "<node> …" [build=after] [S=1000] [F=100000]
set -euo pipefail
nodes="$1"; build="${2:-after}"; s="${3:-1000}"; f="${4:-100000}"
for node in $nodes; do
  for cap in 16 off; do
    trace="$("$node" --trace-gc scripts/tricks-calls.mjs stdio "$build" "$s" "$f" "$cap" 2>&1)"
    scavenges=$(grep -c "Scavenge" <<<"$trace" || true)
    marks=$(grep -c "Mark-Compact" <<<"$trace" || true)
    pause=$(grep "Scavenge" <<<"$trace" | sed -n 's/.*MB, \([0-9.]*\) \/.*/\1/p' | awk '{ sum += $1 } END { printf "%.0f", sum }')
    sizes=$(grep -o "new_space=.*" <<<"$trace")
    echo "node=$("$node" -v) cap=$cap scavenges=$scavenges mark_compacts=$marks scavenge_ms=$pause $sizes"
  done
done

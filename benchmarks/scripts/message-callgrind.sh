#!/usr/bin/env bash
# Instructions per tools/call through the engine's text entries (callgrind; node --single-threaded,
# so V8 compiles and collects on the measured thread and no helper thread adds noise) for several
# core builds in the same run. scripts/message-calls.mjs calls os.loadavg() right before and after
# the measured calls and callgrind dumps its counts there (--dump-before=*GetLoadAvg*): the second
# dump is the N measured messages alone, so one run per cell and no start-up or warm-up in it.
# Usage (from benchmarks/):
#   bash scripts/message-callgrind.sh "<core dist dir> ... after" [N=5000] [eras="2025 2026"] [entries="handleText dispatchText http"]
# `after` is the workspace's @chuk-mcp/core; a dist dir is another build (e.g. `git worktree add
# /tmp/old <commit>`, build packages/core there, pass /tmp/old/packages/core/dist). WARMUP (default
# 10000) messages run first in every run.
set -euo pipefail
builds="$1"; n="${2:-5000}"; eras="${3:-2025 2026}"; entries="${4:-handleText dispatchText http}"
out="$(mktemp -d)"
for era in $eras; do
  for entry in $entries; do
    for build in $builds; do
      rm -f "$out"/cg*
      valgrind --tool=callgrind --dump-before='*GetLoadAvg*' --callgrind-out-file="$out/cg" \
        node --single-threaded scripts/message-calls.mjs "$build" "$era" "$entry" "$n" >/dev/null 2>&1
      measured=$(sed -n 's/^totals: \([0-9]*\).*/\1/p' "$out/cg.2")
      echo "$era era, $entry, $build: $(( measured / n )) instructions per message"
    done
  done
done
rm -rf "$out"

#!/usr/bin/env bash
# Instructions per message (callgrind; node --single-threaded, so V8 compiles and collects on the
# measured thread and no helper thread adds noise) of builds with and without each speed trick,
# on each given Node binary. Runs scripts/tricks-calls.mjs, whose phases end in os.loadavg():
# --dump-before=*GetLoadAvg* writes each phase's instructions to a file of its own, so one process
# gives the first flood, the second flood and the engine calls without its start-up. Start-up runs
# uninstrumented (--instr-atstart=no; the script turns instrumentation on with callgrind_control).
#
# Usage (from benchmarks/, after preparing the builds as benchmarks/README.md "Speed tricks" says):
#   bash scripts/tricks-callgrind.sh "<node> …" "<stdio builds> …" "<engine builds> …" [S] [F] [jobs] > totals.txt
#   node scripts/tricks-summary.mjs totals.txt
# stdio: S one-at-a-time requests, then two floods of F pipelined ones; engine: S warm-up calls, then F.
# Prints one line per phase: node, path, build, phase number, messages, instructions.
set -euo pipefail
nodes="$1"; stdio_builds="$2"; engine_builds="$3"; s="${4:-1000}"; f="${5:-3000}"; jobs="${6:-4}"
out="$(mktemp -d)"
{
  for node in $nodes; do
    for build in $stdio_builds; do echo "$node stdio $build $s $f"; done
    for build in $engine_builds; do echo "$node engine $build $s $f"; done
  done
} > "$out/jobs"
run() { # out node path build sequential messages
  local dir
  dir="$(mktemp -d -p "$1")"
  CALLGRIND_INSTR_ON=1 valgrind --tool=callgrind --instr-atstart=no --dump-before='*GetLoadAvg*' --callgrind-out-file="$dir/cg" \
    "$2" --single-threaded scripts/tricks-calls.mjs "$3" "$4" "$5" "$6" off > "$dir/log" 2>&1
  for part in "$dir"/cg.*; do
    echo "node=$("$2" -v) path=$3 build=$4 phase=${part##*.} messages=$6 total=$(sed -n 's/^totals: //p' "$part")"
  done
  rm -rf "$dir"
}
export -f run
xargs -P "$jobs" -L 1 bash -c 'run "$@"' _ "$out" < "$out/jobs"
rm -rf "$out"

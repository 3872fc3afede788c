#!/usr/bin/env bash
# Prepares the builds scripts/tricks-callgrind.sh compares (run from benchmarks/ after `pnpm build`):
# packages/{core,stdio}/.ab/base = today's dist, and one build per speed trick with the trick taken
# out as the plainest code would have it:
#   nolater   native promises: scripts/tricks/no-later.patch applied to core's src, built, reverted
#   noparser  MessageParser.parse() is JSON.parse
#   nowarm    serveStdio does not call warmLineDecoder()
#   noslice   the next slice is queued only when a slice stopped on its budget (no queueSliceIf(false))
# The .ab directories are scratch (not committed); delete them when done.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
core="$root/packages/core"; stdio="$root/packages/stdio"
rm -rf "$core/.ab" "$stdio/.ab"; mkdir -p "$core/.ab" "$stdio/.ab"
cp -r "$core/dist" "$core/.ab/base"; cp -r "$stdio/dist" "$stdio/.ab/base"

git -C "$root" apply "$root/benchmarks/scripts/tricks/no-later.patch"
trap 'git -C "$root" apply -R "$root/benchmarks/scripts/tricks/no-later.patch"' EXIT
(cd "$core" && pnpm exec tsc -p tsconfig.build.json --outDir .ab/nolater)
git -C "$root" apply -R "$root/benchmarks/scripts/tricks/no-later.patch"
trap - EXIT

cp -r "$core/.ab/base" "$core/.ab/noparser"
sed -i 's/^    parse(text) {$/    parse(text) {\n        return JSON.parse(text);/' "$core/.ab/noparser/message-parser.js"
grep -q "return JSON.parse(text);" "$core/.ab/noparser/message-parser.js"

cp -r "$stdio/.ab/base" "$stdio/.ab/nowarm"
sed -i '/^    warmLineDecoder();$/d' "$stdio/.ab/nowarm/serve-stdio.js"
! grep -q "^    warmLineDecoder();" "$stdio/.ab/nowarm/serve-stdio.js"

cp -r "$stdio/.ab/base" "$stdio/.ab/noslice"
node -e '
const fs = require("node:fs");
const file = process.argv[1];
const text = fs.readFileSync(file, "utf8")
  .replace("function queueSliceIf(more) {\n        if (!more || sliceQueued)", "function queueSlice() {\n        if (sliceQueued)")
  .replace("queueSliceIf(budget === 0 && !exhausted);", "if (budget === 0 && !exhausted)\n            queueSlice();")
  .replace("queueSliceIf(true);", "queueSlice();");
if (text.includes("queueSliceIf")) throw new Error("serve-stdio.js changed: update the noslice edit in tricks-builds.sh");
fs.writeFileSync(file, text);
' "$stdio/.ab/noslice/serve-stdio.js"

for build in nowarm noslice; do ln -sfn base "$core/.ab/$build"; done
for build in nolater noparser; do ln -sfn base "$stdio/.ab/$build"; done
echo "builds ready: base nolater noparser nowarm noslice"

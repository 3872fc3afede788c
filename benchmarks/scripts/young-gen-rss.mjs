#!/usr/bin/env node
/**
 * The stdio young-generation cap in a real server process (servers/stdio-chuk.mjs on a pipe, where
 * the cap is on by default): RSS after a pipelined flood and peak RSS, with the cap and with it
 * turned off by `--semi-space-growth-factor=2` (V8's default value, which makes the cap stand down).
 * Run it with each Node binary to compare versions:
 *
 *   <node> scripts/young-gen-rss.mjs [requests=100000] [warm-up flood=20000]
 */
import { measureStdioServer } from "../src/stdio-suite.mjs";

const [requestsText = "100000", warmupText = "20000"] = process.argv.slice(2);
for (const nodeArgs of [[], ["--semi-space-growth-factor=2"]]) {
  const result = await measureStdioServer({
    file: "stdio-chuk.mjs",
    requests: Number(requestsText),
    warmup: Number(warmupText),
    sequential: 500,
    timeoutMs: 300_000,
    nodeArgs,
  });
  process.stdout.write(
    `${process.version} ${nodeArgs.length === 0 ? "cap 16 MB" : "cap off  "}: RSS after the flood ${result.rssAfterFloodMb.toFixed(1)} MB, peak ${result.peakRssMb.toFixed(1)} MB\n`,
  );
}

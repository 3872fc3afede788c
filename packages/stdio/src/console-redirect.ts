import { format } from "node:util";
import type { Writable } from "node:stream";

type ConsoleMethod = "log" | "info" | "debug";
const REDIRECTED: readonly ConsoleMethod[] = ["log", "info", "debug"];

/**
 * Points `console.log`, `console.info` and `console.debug` at `target` (stderr) and returns
 * a function that puts the originals back.
 *
 * On stdio, stdout carries only JSON-RPC: one stray `console.log` from a tool would corrupt
 * the stream for the client, so while serving those methods write to stderr instead.
 * `console.warn` and `console.error` already write to stderr and are left alone.
 */
export function redirectConsoleToStderr(target: Writable): () => void {
  const originals = new Map<ConsoleMethod, (...data: unknown[]) => void>();
  for (const method of REDIRECTED) {
    originals.set(method, console[method]);
    console[method] = (...data: unknown[]): void => {
      target.write(`${format(...data)}\n`);
    };
  }
  let restored = false;
  return () => {
    if (restored) return;
    restored = true;
    for (const [method, original] of originals) console[method] = original;
  };
}

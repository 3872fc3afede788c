/**
 * The POST path runs one way: transport.ts hands a body to post.ts, and post.ts (with every
 * module it imports, types included) never reaches back into transport.ts.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const sourceDirectory = new URL("../src/", import.meta.url);

/** Relative imports (value and type) of one source file, as paths under src/. */
function importsOf(file: string): string[] {
  const text = readFileSync(new URL(file, sourceDirectory), "utf8");
  const directory = file.includes("/") ? file.slice(0, file.lastIndexOf("/") + 1) : "";
  const found: string[] = [];
  for (const match of text.matchAll(/(?:import|export)\s[^;]*?from\s+"(\.{1,2}\/[^"]+)"/g)) {
    const target = new URL(`${directory}${(match[1] as string).replace(/\.js$/, ".ts")}`, sourceDirectory).pathname;
    found.push(target.slice(sourceDirectory.pathname.length));
  }
  return found;
}

/** Every source file `entry` reaches through relative imports. */
function closureOf(entry: string): Set<string> {
  const seen = new Set<string>([entry]);
  const queue = [entry];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const next of importsOf(file)) {
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  return seen;
}

describe("the POST path's direction", () => {
  it("post.ts and everything it imports never import transport.ts", () => {
    const reached = closureOf("post.ts");
    expect(reached.has("session-registry.ts")).toBe(true);
    expect(reached.has("send-reply.ts")).toBe(true);
    expect([...reached].filter((file) => file === "transport.ts" || file === "handler.ts" || file.startsWith("node/"))).toEqual([]);
  });

  it("transport.ts is what hands the body to post.ts", () => {
    expect(importsOf("transport.ts")).toContain("post.ts");
  });
});

// Measures what a user installs: size on disk and package count of chuk-mcp, of
// @chuk-mcp/core + @chuk-mcp/stdio (from a local verdaccio holding this checkout's packages)
// and of the official SDK / fastmcp (from npm). Writes benchmarks/INSTALL-SIZE.md.
// Run from the monorepo root after `pnpm build`: `pnpm --filter @chuk-mcp/e2e-registry install-size`.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { MONOREPO, publishAll, run, startRegistry } from "./registry.mjs";

const cases = [
  ["chuk-mcp", ["chuk-mcp"]],
  ["@chuk-mcp/core + @chuk-mcp/stdio", ["@chuk-mcp/core", "@chuk-mcp/stdio"]],
  ["@modelcontextprotocol/sdk (v1, official)", ["@modelcontextprotocol/sdk"]],
  ["@modelcontextprotocol/server (v2, official)", ["@modelcontextprotocol/server"]],
  ["fastmcp", ["fastmcp"]],
];
const registry = await startRegistry();
const rows = [];
try {
  publishAll(registry);
  for (const [label, packages] of cases) {
    const directory = join(registry.directory, `case-${rows.length}`);
    mkdirSync(directory);
    writeFileSync(join(directory, "package.json"), JSON.stringify({ name: "size-case", private: true }));
    run("npm", ["install", "--omit=dev", ...packages], { cwd: directory, env: registry.env });
    const lock = JSON.parse(readFileSync(join(directory, "package-lock.json"), "utf8"));
    const installed = Object.keys(lock.packages).filter((path) => path !== "");
    const bytes = Number(run("du", ["-sb", join(directory, "node_modules")]).split("\t")[0]);
    const has = (name) => installed.some((path) => path.endsWith(`node_modules/${name}`));
    const heavy = ["hono", "ioredis", "jose", "unstorage", "h3", "chokidar", "zod", "express"].filter(has);
    rows.push({ label, count: installed.length, megabytes: (bytes / 1e6).toFixed(1), heavy: heavy.join(", ") || "none" });
    process.stderr.write(`install-size: ${label}: ${installed.length} packages, ${(bytes / 1e6).toFixed(1)} MB\n`);
  }
} finally {
  await registry.stop();
}
const table = rows.map((row) => `| ${row.label} | ${row.count} | ${row.megabytes} | ${row.heavy} |`).join("\n");
writeFileSync(
  join(MONOREPO, "benchmarks", "INSTALL-SIZE.md"),
  `# What a user installs

\`npm install --omit=dev <packages>\` into an empty folder; size is \`du -sb node_modules\`,
packages are \`package-lock.json\` entries. Ours come from a local verdaccio holding this
checkout's packages, the others from registry.npmjs.org. Produced by
\`apps/e2e-registry/src/install-size.mjs\` on ${new Date().toISOString().slice(0, 10)}.

| Install | Packages | MB on disk | Heavy dependencies present |
| --- | --- | --- | --- |
${table}

A stdio-only server that installs \`chuk-mcp\` gets the HTTP and auth stacks too (hono,
ioredis, jose, unstorage...), although \`run()\` loads them only when HTTP or auth is used.
\`@chuk-mcp/core\` + \`@chuk-mcp/stdio\` is the floor. Proposed fix: make \`@chuk-mcp/auth\`,
\`@chuk-mcp/sessions\` (and, for stdio-only users, \`@chuk-mcp/http\`) optional peer
dependencies of \`chuk-mcp\` (\`peerDependenciesMeta.optional\`), keep the lazy \`import()\`
and turn a missing one into a UsageError that names the package to install.
`,
);

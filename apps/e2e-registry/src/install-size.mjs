// Measures what a user installs: size on disk and package count of chuk-mcp (stdio), of
// chuk-mcp + @chuk-mcp/http, of chuk-mcp with auth and Redis sessions, of @chuk-mcp/core + @chuk-mcp/stdio (from a local verdaccio holding this checkout's packages)
// and of the official SDK / fastmcp (from npm). Writes benchmarks/INSTALL-SIZE.md.
// Run from the monorepo root after `pnpm build`: `pnpm --filter @chuk-mcp/e2e-registry install-size`.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { MONOREPO, publishAll, run, startRegistry } from "./registry.mjs";

const cases = [
  ["chuk-mcp (stdio)", ["chuk-mcp"]],
  ["chuk-mcp + @chuk-mcp/http", ["chuk-mcp", "@chuk-mcp/http"]],
  ["chuk-mcp + http + auth + sessions", ["chuk-mcp", "@chuk-mcp/http", "@chuk-mcp/auth", "@chuk-mcp/sessions"]],
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
// Sections written by hand below the table (e.g. "From npm create to a first answer") are kept.
const target = join(MONOREPO, "benchmarks", "INSTALL-SIZE.md");
const previous = existsSync(target) ? readFileSync(target, "utf8") : "";
const kept = previous.includes("\n## ") ? previous.slice(previous.indexOf("\n## ")) : "";
const table = rows.map((row) => `| ${row.label} | ${row.count} | ${row.megabytes} | ${row.heavy} |`).join("\n");
writeFileSync(
  target,
  `# What a user installs

\`npm install --omit=dev <packages>\` into an empty folder; size is \`du -sb node_modules\`,
packages are \`package-lock.json\` entries. Ours come from a local verdaccio holding this
checkout's packages, the others from registry.npmjs.org. Produced by
\`apps/e2e-registry/src/install-size.mjs\` on ${new Date().toISOString().slice(0, 10)}.

| Install | Packages | MB on disk | Heavy dependencies present |
| --- | --- | --- | --- |
${table}

\`chuk-mcp\` depends only on \`@chuk-mcp/core\`, \`@chuk-mcp/stdio\` and jiti (TypeScript
entry files for the CLI); \`@chuk-mcp/http\`, \`@chuk-mcp/auth\` and \`@chuk-mcp/sessions\` are
optional peer dependencies that \`run()\` imports only when HTTP, authentication or Redis
sessions are used (a missing one exits 2 naming the \`npm install\` to run). So a stdio
server pays for stdio only, and each feature adds its own stack: HTTP brings Hono, auth
brings jose, oauth4webapi and unstorage, Redis sessions bring ioredis.
\`@chuk-mcp/core\` + \`@chuk-mcp/stdio\` is the floor.
${kept}`,
);

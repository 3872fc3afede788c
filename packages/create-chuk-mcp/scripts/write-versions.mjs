// Writes dist/versions.json: the versions a generated project pins, read from this monorepo
// when create-chuk-mcp is built (so a release pins the versions released with it).
import { readdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";

const packagesRoot = new URL("../../", import.meta.url);
const monorepoRoot = new URL("../../../", import.meta.url);
const readJson = (url) => JSON.parse(readFileSync(url, "utf8"));

const packages = {};
for (const folder of readdirSync(packagesRoot)) {
  const file = new URL(`${folder}/package.json`, packagesRoot);
  if (!existsSync(file)) continue;
  const manifest = readJson(file);
  if (manifest.private === true || manifest.name === "create-chuk-mcp") continue;
  packages[manifest.name] = manifest.version;
}

// Tool ranges: the ones the monorepo builds and tests itself with.
const root = readJson(new URL("package.json", monorepoRoot));
const core = readJson(new URL("core/package.json", packagesRoot));
const vercelApp = readJson(new URL("apps/vercel/package.json", monorepoRoot));
const tools = {
  typescript: root.devDependencies.typescript,
  vitest: root.devDependencies.vitest,
  "@types/node": root.devDependencies["@types/node"],
  "@modelcontextprotocol/sdk": core.devDependencies["@modelcontextprotocol/sdk"],
  esbuild: vercelApp.devDependencies.esbuild,
};
for (const [name, range] of Object.entries(tools)) {
  if (typeof range !== "string") throw new Error(`write-versions: no version range found for ${name}`);
}
if (packages["chuk-mcp"] === undefined) throw new Error("write-versions: packages/chuk-mcp/package.json not found");

writeFileSync(new URL("../dist/versions.json", import.meta.url), `${JSON.stringify({ packages, tools }, null, 2)}\n`);

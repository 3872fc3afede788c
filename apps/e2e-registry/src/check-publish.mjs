// Packs every public package the way `pnpm publish` would (workspace: ranges resolved),
// then lints each tarball with publint (--strict: warnings fail) and Are the Types Wrong
// (esm-only profile: our packages are ESM-only on purpose, so CommonJS `require` of them is
// not a goal). Also fails on files that must not ship: source maps, tests, ../src references.
// Run from the monorepo root after `pnpm build`: `pnpm check:publish`.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MONOREPO, publicPackages } from "./registry.mjs";

const started = Date.now();
const bin = (name) => join(MONOREPO, "node_modules", ".bin", name);
const destination = mkdtempSync(join(tmpdir(), "chuk-mcp-pack-"));
const problems = [];

function exec(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, encoding: "utf8" });
  return { ok: result.status === 0, output: `${result.stdout ?? ""}${result.stderr ?? ""}`.trim() };
}

try {
  for (const { name, directory } of publicPackages()) {
    const before = new Set(readdirSync(destination));
    const packed = exec("pnpm", ["pack", "--pack-destination", destination], directory);
    if (!packed.ok) {
      problems.push(`${name}: pnpm pack failed\n${packed.output}`);
      continue;
    }
    const tarball = join(destination, readdirSync(destination).find((file) => !before.has(file)));
    const listing = exec("tar", ["-tzf", tarball], destination).output.split("\n");
    // templates/ are whole projects, their tests included.
    const unwanted = listing.filter((file) => !file.startsWith("package/templates/") && /\.map$|\.test\.[jt]s$|^package\/src\//.test(file));
    if (unwanted.length > 0) problems.push(`${name}: ships files it should not: ${unwanted.join(", ")}`);
    if (!listing.includes("package/LICENSE")) problems.push(`${name}: the tarball has no LICENSE`);
    if (!listing.includes("package/README.md")) problems.push(`${name}: the tarball has no README.md`);
    const publint = exec(bin("publint"), ["run", tarball, "--strict"], destination);
    if (!publint.ok) problems.push(`${name}: publint\n${publint.output}`);
    const attw = exec(bin("attw"), [tarball, "--profile", "esm-only", "--format", "ascii"], destination);
    if (!attw.ok) problems.push(`${name}: attw\n${attw.output}`);
    process.stderr.write(`check:publish ${name}: ${publint.ok && attw.ok && unwanted.length === 0 ? "clean" : "PROBLEMS"} (${listing.length} files)\n`);
  }
} finally {
  rmSync(destination, { recursive: true, force: true });
}
for (const problem of problems) process.stderr.write(`\n${problem}\n`);
process.stderr.write(`check:publish: ${problems.length === 0 ? "clean" : `${problems.length} problem(s)`} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
process.exitCode = problems.length === 0 ? 0 : 1;

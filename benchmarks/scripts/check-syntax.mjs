// `build` for a package with nothing to compile: syntax-check every harness and
// server file with `node --check`, so a broken file fails the build step in CI.
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const files = ["src", "servers", "scripts", "proxy", "test/fixtures"].flatMap((directory) =>
  readdirSync(path.join(root, directory))
    .filter((name) => name.endsWith(".mjs"))
    .map((name) => path.join(root, directory, name)),
);
for (const file of files) execFileSync(process.execPath, ["--check", file], { stdio: "inherit" });
process.stdout.write(`syntax ok: ${files.length} files\n`);

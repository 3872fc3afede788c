// Type checks every ```ts / ```typescript sample in docs/**/*.md (not the generated api/):
// each sample becomes a module in docs/.samples/ and one `tsc --noEmit` checks them all
// against the workspace packages (docs/package.json depends on each one). A fence written
// ```ts no-check is skipped: use it only for fragments that cannot stand alone.
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

const docs = fileURLToPath(new URL("../", import.meta.url));
const out = `${docs}.samples/`;
const SKIP_FOLDERS = new Set(["api", "node_modules", ".vitepress", ".samples", "public", "scripts", "test"]);

function markdownFiles(directory) {
  const files = [];
  for (const name of readdirSync(directory).sort()) {
    if (SKIP_FOLDERS.has(name)) continue;
    const path = `${directory}${name}`;
    if (statSync(path).isDirectory()) files.push(...markdownFiles(`${path}/`));
    else if (name.endsWith(".md")) files.push(path);
  }
  return files;
}

/** @returns {{ file: string, line: number, code: string, skip: boolean }[]} */
export function extractSamples(markdown, file) {
  const samples = [];
  const lines = markdown.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const open = /^(\s*)(`{3,})(ts|typescript)\b(.*)$/.exec(lines[index]);
    if (!open) continue;
    const body = [];
    let end = index + 1;
    while (end < lines.length && !lines[end].startsWith(`${open[1]}${open[2]}`)) body.push(lines[end++].slice(open[1].length));
    samples.push({ file, line: index + 1, code: body.join("\n"), skip: /\bno-check\b/.test(open[4]) });
    index = end;
  }
  return samples;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) checkSamples();

function checkSamples() {
const started = performance.now();
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const origins = new Map();
let skipped = 0;
for (const file of markdownFiles(docs)) {
  for (const sample of extractSamples(readFileSync(file, "utf8"), file.slice(docs.length))) {
    if (sample.skip) {
      skipped++;
      continue;
    }
    const name = `${sample.file.replace(/\.md$/, "").replace(/[^a-zA-Z0-9]+/g, "_")}_L${sample.line}.ts`;
    // Each sample is its own module (top-level await allowed), checked as a user would write it.
    writeFileSync(`${out}${name}`, `${sample.code}\nexport {};\n`);
    origins.set(name, sample);
  }
}
writeFileSync(
  `${out}tsconfig.json`,
  JSON.stringify({
    extends: "../../tsconfig.base.json",
    compilerOptions: { noEmit: true, types: ["node"], noUnusedLocals: false, declaration: false, declarationMap: false, sourceMap: false },
    // workerd's `cloudflare:sockets` (a Workers sample imports it): the Cloudflare app's declaration.
    include: ["*.ts", "../../apps/cloudflare/src/cloudflare-sockets.d.ts"],
  }),
);
const tsc = fileURLToPath(new URL("../node_modules/typescript/bin/tsc", import.meta.url));
let failed = false;
try {
  execFileSync(process.execPath, [tsc, "-p", `${out}tsconfig.json`, "--pretty", "false"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
} catch (error) {
  failed = true;
  const output = `${error.stdout ?? ""}${error.stderr ?? ""}`;
  // Point each error at the Markdown file and line the sample came from.
  for (const line of output.split("\n").filter(Boolean)) {
    const match = /^(?:\.samples\/)?([^(]+\.ts)\((\d+),(\d+)\): (.*)$/.exec(line.replace(out, ""));
    const origin = match && origins.get(match[1]);
    console.error(origin ? `${origin.file}:${origin.line + Number(match[2])}:${match[3]}: ${match[4]}` : line);
  }
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (failed) {
  console.error(`[docs] [samples] type errors in the samples above (${origins.size} checked); fix the sample, or mark a fragment \`\`\`ts no-check`);
  process.exit(1);
}
console.error(`[docs] [samples] ${origins.size} ts samples type-check (${skipped} marked no-check) in ${seconds} s`);
}

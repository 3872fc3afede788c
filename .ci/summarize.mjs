// Adds up the vitest JSON reports of every workspace package into one closing line.
// The folders come from pnpm-workspace.yaml, so a new workspace entry (docs/, benchmarks/)
// is counted without editing this file.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

/** The workspace's package folders: `- "packages/*"` lists a group's children, `- "docs"` one folder. */
function workspaceFolders() {
  const folders = [];
  for (const line of readFileSync("pnpm-workspace.yaml", "utf8").split("\n")) {
    const match = /^\s*-\s*["']?([^"'#\s]+)["']?\s*$/.exec(line);
    if (match === null) continue;
    const pattern = match[1];
    if (pattern.endsWith("/*")) {
      const group = pattern.slice(0, -2);
      if (existsSync(group)) for (const child of readdirSync(group).sort()) folders.push(join(group, child));
    } else {
      folders.push(pattern);
    }
  }
  return folders;
}

let passed = 0;
let failed = 0;
let skipped = 0;
for (const folder of workspaceFolders()) {
  const file = join(folder, ".vitest-report.json");
  if (!existsSync(file)) continue;
  const report = JSON.parse(readFileSync(file, "utf8"));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  console.log(`${folder}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);

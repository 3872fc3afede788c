// The public packages and their entry points, read from each package.json's exports map
// (dist/x.d.ts is built from src/x.ts), so a new package or subpath is documented and
// resolvable in the sample check without editing these scripts.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("../../", import.meta.url));

export function publicPackages() {
  const packages = [];
  for (const folder of readdirSync(`${root}packages`).sort()) {
    const manifestPath = `${root}packages/${folder}/package.json`;
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
    if (manifest.private) continue;
    const entries = [];
    for (const [subpath, target] of Object.entries(manifest.exports ?? { ".": manifest.types })) {
      const types = typeof target === "string" ? target : target?.types;
      if (typeof types !== "string" || !types.endsWith(".d.ts")) continue;
      const source = types.replace(/^\.\/dist\//, "src/").replace(/\.d\.ts$/, ".ts");
      if (!existsSync(`${root}packages/${folder}/${source}`)) continue;
      const importName = subpath === "." ? manifest.name : `${manifest.name}/${subpath.replace(/^\.\//, "")}`;
      entries.push({ importName, source: `packages/${folder}/${source}` });
    }
    packages.push({ folder, name: manifest.name, description: manifest.description ?? "", entries });
  }
  return packages;
}

/** TypeDoc names a module after its path relative to the common base ("core/src/testing"). */
export function typedocModuleName(source) {
  return source.replace(/^packages\//, "").replace(/\.ts$/, "").replace(/\/index$/, "");
}

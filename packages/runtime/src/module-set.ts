/**
 * The local tool modules a runtime has loaded, with what each registered and a hash of its
 * file, so a reload re-imports only the modules whose files changed (jiti's caches are off)
 * and removes what a dropped or changed module had registered.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { ConfigError } from "./config/config-error.js";
import type { ModuleReference } from "./config/resolve-config.js";
import type { YamlSource } from "./config/yaml-source.js";
import { importModule, moduleCandidates, MODULE_EXTENSIONS, resolveModule } from "./module-loader.js";
import { captureRegistrations, registerAgain, type CapturedDefinition, type RuntimeServer } from "./runtime-server.js";

interface LoadedModule {
  hash: string;
  captured: CapturedDefinition[];
}

/** What {@link ModuleSet.apply} changed. */
export interface ModuleChanges {
  loaded: string[];
  reloaded: string[];
  removed: string[];
}

function hashFile(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

function where(reference: ModuleReference, source: YamlSource | undefined, file: string | undefined) {
  const at = source?.locate(reference.path);
  return { file: file ?? "(config)", line: at?.line, column: at?.column, path: reference.path.join(".") };
}

/** Resolves every reference to a file, in order, without duplicates; a missing one is a ConfigError naming its line. */
export function resolveModuleFiles(references: readonly ModuleReference[], source: YamlSource | undefined, file: string | undefined): Map<string, ModuleReference> {
  const files = new Map<string, ModuleReference>();
  for (const reference of references) {
    const resolved = resolveModule(reference);
    if (resolved === undefined) {
      const tried = moduleCandidates(reference).filter((candidate) => MODULE_EXTENSIONS.some((extension) => candidate.endsWith(extension)) && !candidate.includes("index."));
      throw new ConfigError("module_failed", [
        { ...where(reference, source, file), message: `module "${reference.module}" not found; looked for ${tried.slice(0, 4).join(", ")}${tried.length > 4 ? ", ..." : ""} (.ts, .mts, .js, .mjs)` },
      ]);
    }
    // Like Python's module cache: a module named twice (modules_to_import and mcp_servers) loads once.
    if (!files.has(resolved)) files.set(resolved, reference);
  }
  return files;
}

/** The loaded modules of one runtime. */
export class ModuleSet {
  private readonly modules = new Map<string, LoadedModule>();

  constructor(private readonly server: RuntimeServer) {}

  /** Files loaded now, in load order. */
  files(): string[] {
    return [...this.modules.keys()];
  }

  /**
   * Brings the loaded set in line with `references`: unloads modules no longer named,
   * re-imports those whose file changed, imports new ones. If one fails, what this call
   * changed is undone (the previous definitions are registered again) and a ConfigError
   * naming the config line is thrown.
   */
  async apply(references: readonly ModuleReference[], source: YamlSource | undefined, file: string | undefined): Promise<ModuleChanges> {
    const wanted = resolveModuleFiles(references, source, file);
    const changes: ModuleChanges = { loaded: [], reloaded: [], removed: [] };
    const undo: (() => void)[] = [];
    try {
      for (const [path, loaded] of [...this.modules]) {
        if (wanted.has(path)) continue;
        this.unload(path, loaded, undo);
        changes.removed.push(path);
      }
      for (const [path, reference] of wanted) {
        const previous = this.modules.get(path);
        const hash = hashFile(path);
        if (previous !== undefined && previous.hash === hash) continue;
        if (previous !== undefined) this.unload(path, previous, undo);
        let captured: CapturedDefinition[];
        try {
          captured = await captureRegistrations(this.server, () => importModule(path));
        } catch (cause) {
          const message = cause instanceof Error ? cause.message.split("\n")[0] : String(cause);
          throw new ConfigError("module_failed", [{ ...where(reference, source, file), message: `module "${reference.module}" (${path}) failed to load: ${message}` }], { cause });
        }
        this.modules.set(path, { hash, captured });
        undo.push(() => {
          for (const item of captured) item.handle.remove();
          this.modules.delete(path);
        });
        (previous === undefined ? changes.loaded : changes.reloaded).push(path);
      }
      return changes;
    } catch (error) {
      for (const step of undo.reverse()) step();
      throw error;
    }
  }

  private unload(path: string, loaded: LoadedModule, undo: (() => void)[]): void {
    for (const item of loaded.captured) item.handle.remove();
    this.modules.delete(path);
    undo.push(() => this.modules.set(path, { hash: loaded.hash, captured: registerAgain(this.server, loaded.captured) }));
  }
}

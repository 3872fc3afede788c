/**
 * Polls files for changes (`reload.watch` / `--watch`). Stat polling, not `fs.watch`:
 * editors that save by writing a new file and renaming it over the old one keep working, and
 * it behaves the same on every platform and in containers with bind mounts.
 */
import { unwatchFile, watchFile, type Stats } from "node:fs";

/** Watches `files()` (asked again after every change, so newly loaded modules are watched too). */
export function watchFiles(files: () => string[], onChange: () => Promise<unknown> | void, options: { intervalMs?: number; debounceMs?: number } = {}): { close(): void } {
  const intervalMs = options.intervalMs ?? 300;
  const debounceMs = options.debounceMs ?? 200;
  const watched = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const listener = (now: Stats, before: Stats): void => {
    if (now.mtimeMs === before.mtimeMs && now.size === before.size && now.ino === before.ino) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      void Promise.resolve(onChange()).finally(refresh);
    }, debounceMs);
  };
  const refresh = (): void => {
    const wanted = new Set(files());
    for (const file of watched) {
      if (wanted.has(file)) continue;
      unwatchFile(file, listener);
      watched.delete(file);
    }
    for (const file of wanted) {
      if (watched.has(file)) continue;
      watchFile(file, { interval: intervalMs, persistent: false }, listener);
      watched.add(file);
    }
  };
  refresh();
  return {
    close: () => {
      clearTimeout(timer);
      for (const file of watched) unwatchFile(file, listener);
      watched.clear();
    },
  };
}

/**
 * A named collection of definitions with a version that bumps on every change, so list
 * pages can be serialized once and reused until the next change.
 */

/** An entry the registry can list. */
export interface RegistryEntry {
  readonly key: string;
  enabled: boolean;
  /** The object as it appears in the list result. */
  listing: Record<string, unknown>;
}

/** Named definitions of one kind (tools, resources, templates or prompts). */
export class Registry<Entry extends RegistryEntry> {
  private readonly entries = new Map<string, Entry>();
  private enabledCache: Entry[] | undefined;
  private readonly derived = new Map<string, unknown>();
  /** Bumped on every change; list caches compare against it. */
  version = 0;
  /** Serialized list pages keyed by `${era}:${offset}`; cleared on change. */
  readonly pages = new Map<string, { result: Record<string, unknown>; text: string }>();

  constructor(private readonly onChange: () => void) {}

  get(key: string): Entry | undefined {
    return this.entries.get(key);
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  get size(): number {
    return this.entries.size;
  }

  set(entry: Entry): void {
    this.entries.set(entry.key, entry);
    this.changed();
  }

  delete(key: string): boolean {
    const removed = this.entries.delete(key);
    if (removed) this.changed();
    return removed;
  }

  /** Enabled entries in registration order (cached until the next change). */
  enabled(): Entry[] {
    this.enabledCache ??= [...this.entries.values()].filter((entry) => entry.enabled);
    return this.enabledCache;
  }

  /** A value computed from the entries once per registry version (e.g. the auth-gated tools). */
  memo<T>(name: string, compute: (enabled: Entry[]) => T): T {
    if (this.derived.has(name)) return this.derived.get(name) as T;
    const value = compute(this.enabled());
    this.derived.set(name, value);
    return value;
  }

  /** Call after mutating an entry in place. */
  changed(): void {
    this.version++;
    this.enabledCache = undefined;
    this.derived.clear();
    this.pages.clear();
    this.onChange();
  }
}

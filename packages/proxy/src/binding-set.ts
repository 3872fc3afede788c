/**
 * Keeps one kind of definition (tools, prompts, resources or templates) registered on the
 * downstream server in step with a desired set, touching only what changed. Every
 * registration, update and removal emits list_changed through core.
 */
import type { DefinitionHandle } from "@chuk-mcp/core";
import { describeFailure } from "./errors.js";

/** A definition the proxy wants registered under `key`. */
export interface DesiredBinding<Definition> {
  /** The upstream server that owns it. */
  owner: string;
  /** Changes whenever the listing changes (JSON of the upstream item). */
  signature: string;
  definition: Definition;
  /** Registers a simpler variant when core rejects `definition` (e.g. a schema it cannot compile). */
  fallback?: () => Definition;
}

interface Bound<Definition> {
  owner: string;
  signature: string;
  handle: DefinitionHandle<Definition>;
}

/** Result of one {@link BindingSet.apply}. */
export interface ApplyReport {
  /** Keys that a local (non-proxied) definition already holds. */
  takenLocally: string[];
  /** Keys that could not be registered at all, with the reason. */
  rejected: { key: string; owner: string; reason: string }[];
}

/** The registered subset of one kind. */
export class BindingSet<Definition> {
  private readonly bound = new Map<string, Bound<Definition>>();

  constructor(private readonly register: (definition: Definition) => DefinitionHandle<Definition>) {}

  /** Keys registered now, with their owning server. */
  entries(): [string, string][] {
    return [...this.bound].map(([key, value]) => [key, value.owner]);
  }

  owner(key: string): string | undefined {
    return this.bound.get(key)?.owner;
  }

  /**
   * Removes what is no longer wanted, updates what changed (or whose owner is in `force`)
   * and registers what is new.
   */
  apply(desired: Map<string, DesiredBinding<Definition>>, force: ReadonlySet<string>): ApplyReport {
    const report: ApplyReport = { takenLocally: [], rejected: [] };
    for (const [key, bound] of [...this.bound]) {
      if (!desired.has(key)) {
        bound.handle.remove();
        this.bound.delete(key);
      }
    }
    for (const [key, want] of desired) {
      const bound = this.bound.get(key);
      if (bound !== undefined && bound.owner === want.owner && bound.signature === want.signature && !force.has(want.owner)) continue;
      try {
        if (bound !== undefined) {
          this.update(bound, want);
        } else {
          this.bound.set(key, { owner: want.owner, signature: want.signature, handle: this.create(want) });
        }
      } catch (error) {
        if ((error as { code?: string }).code === "duplicate_name") report.takenLocally.push(key);
        else report.rejected.push({ key, owner: want.owner, reason: describeFailure(error) });
      }
    }
    return report;
  }

  private create(want: DesiredBinding<Definition>): DefinitionHandle<Definition> {
    try {
      return this.register(want.definition);
    } catch (error) {
      if ((error as { code?: string }).code === "duplicate_name" || want.fallback === undefined) throw error;
      return this.register(want.fallback());
    }
  }

  private update(bound: Bound<Definition>, want: DesiredBinding<Definition>): void {
    try {
      bound.handle.update(want.definition as Partial<Definition>);
    } catch (error) {
      if (want.fallback === undefined) throw error;
      bound.handle.update(want.fallback() as Partial<Definition>);
    }
    bound.owner = want.owner;
    bound.signature = want.signature;
  }

  /** Removes everything this set registered. */
  clear(): void {
    for (const bound of this.bound.values()) bound.handle.remove();
    this.bound.clear();
  }
}

/**
 * A registration target that keeps what the fixtures register, plus a request context that
 * answers client asks the way a 2026-07-28 engine would on the first round: every
 * elicit/sample/listRoots call is recorded, then rejected with an input-required signal.
 * Lets the fixture tests run the real handlers without an engine.
 */
import type {
  FixtureContext,
  FixtureHost,
  PromptDefinition,
  ResourceDefinition,
  ResourceTemplateDefinition,
  ToolDefinition,
} from "../src/host.js";

export interface Toggled {
  enabled: boolean;
}

export class RecordingHost implements FixtureHost {
  readonly tools = new Map<string, ToolDefinition & Toggled>();
  readonly resources = new Map<string, ResourceDefinition>();
  readonly templates = new Map<string, ResourceTemplateDefinition>();
  readonly prompts = new Map<string, PromptDefinition & Toggled>();

  tool(definition: ToolDefinition) {
    if (this.tools.has(definition.name)) throw new Error(`duplicate tool ${definition.name}`);
    const entry = { ...definition, enabled: true };
    this.tools.set(definition.name, entry);
    return handle(entry, () => this.tools.delete(definition.name));
  }
  resource(definition: ResourceDefinition) {
    this.resources.set(definition.uri, definition);
  }
  resourceTemplate(definition: ResourceTemplateDefinition) {
    this.templates.set(definition.uriTemplate, definition);
  }
  prompt(definition: PromptDefinition) {
    if (this.prompts.has(definition.name)) throw new Error(`duplicate prompt ${definition.name}`);
    const entry = { ...definition, enabled: true };
    this.prompts.set(definition.name, entry);
    return handle(entry, () => this.prompts.delete(definition.name));
  }
  toolNamed(name: string): ToolDefinition {
    const tool = this.tools.get(name);
    if (tool === undefined) throw new Error(`no tool ${name}`);
    return tool;
  }
}

function handle(entry: Toggled, remove: () => void) {
  return {
    remove,
    disable: () => {
      entry.enabled = false;
    },
    enable: () => {
      entry.enabled = true;
    },
  };
}

export interface Ask {
  method: "elicitation/create" | "sampling/createMessage" | "roots/list";
  key: string | undefined;
  params: Record<string, unknown>;
}

export class InputRequiredSignal extends Error {}

export interface RecordingContext extends FixtureContext {
  asks: Ask[];
  logs: Array<{ level: string; data: unknown }>;
  progress: FixtureContext["progress"] & { calls: Array<[number, number | undefined]> };
}

/**
 * A context whose asks are answered from `answers` (by key) when present, and otherwise
 * recorded and rejected with `InputRequiredSignal`.
 */
export function recordingContext(options: { capabilities?: Record<string, unknown>; answers?: Record<string, unknown> } = {}): RecordingContext {
  const asks: Ask[] = [];
  const logs: Array<{ level: string; data: unknown }> = [];
  const progressCalls: Array<[number, number | undefined]> = [];
  const answers = options.answers ?? {};
  const ask = <T>(method: Ask["method"], params: Record<string, unknown>, key: string | undefined): Promise<T> => {
    if (key !== undefined && key in answers) return Promise.resolve(answers[key] as T);
    asks.push({ method, key, params });
    return Promise.reject(new InputRequiredSignal(`${method} ${key ?? ""}`));
  };
  const progress = Object.assign(
    async (value: number, total?: number) => {
      progressCalls.push([value, total]);
    },
    { calls: progressCalls },
  );
  return {
    clientCapabilities: options.capabilities ?? { elicitation: {}, sampling: {}, roots: {} },
    asks,
    logs,
    progress,
    log: async (level, data) => {
      logs.push({ level, data });
    },
    elicit: (params, askOptions) => ask("elicitation/create", params, askOptions?.key),
    sample: (params, askOptions) => ask("sampling/createMessage", params, askOptions?.key),
    listRoots: (askOptions) => ask("roots/list", {}, askOptions?.key),
  };
}

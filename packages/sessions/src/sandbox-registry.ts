import { resolveNamespace, resolveSandboxRegistryTtl, type Namespace, type NamespaceOptions } from "./namespace.js";
import type { RedisConnection } from "./redis-connection.js";

export interface SandboxRegistryOptions extends NamespaceOptions {
  connection: RedisConnection;
  /** Seconds a registration lives without a refresh. Default: env `SANDBOX_REGISTRY_TTL`, else 86 400. */
  ttlSeconds?: number;
  now?: () => number;
}

/** What an instance says about itself in the registry. */
export interface SandboxRegistration {
  sandboxId: string;
  registeredAt: number;
  info: Record<string, unknown>;
}

/**
 * Announces this runtime instance in Redis under
 * `{ENVIRONMENT}:{DEPLOYMENT_ID}:sbx:registry:{sandboxId}` with a TTL, so other instances
 * and operators can see which sandboxes are alive. Call {@link register} periodically
 * (well inside the TTL) to stay listed.
 */
export class SandboxRegistry {
  readonly namespace: Namespace;
  readonly ttlSeconds: number;
  private readonly connection: RedisConnection;
  private readonly now: () => number;

  constructor(options: SandboxRegistryOptions) {
    this.connection = options.connection;
    this.namespace = resolveNamespace(options);
    this.ttlSeconds = options.ttlSeconds ?? resolveSandboxRegistryTtl(options.env);
    this.now = options.now ?? Date.now;
  }

  private key(sandboxId: string): string {
    return `${this.namespace.prefix}registry:${sandboxId}`;
  }

  async register(info: Record<string, unknown> = {}): Promise<SandboxRegistration> {
    const registration: SandboxRegistration = { sandboxId: this.namespace.sandboxId, registeredAt: this.now(), info };
    const text = JSON.stringify(registration);
    await this.connection.run("sandbox register", (client) => client.set(this.key(registration.sandboxId), text, "EX", this.ttlSeconds));
    return registration;
  }

  async lookup(sandboxId: string): Promise<SandboxRegistration | undefined> {
    const text = await this.connection.run("sandbox lookup", (client) => client.get(this.key(sandboxId)));
    return text === null ? undefined : (JSON.parse(text) as SandboxRegistration);
  }

  /** Remaining seconds of a registration, or `undefined` when it is not registered. */
  async remainingTtl(sandboxId: string = this.namespace.sandboxId): Promise<number | undefined> {
    const ttl = await this.connection.run("sandbox ttl", (client) => client.ttl(this.key(sandboxId)));
    return ttl >= 0 ? ttl : undefined;
  }

  async unregister(): Promise<void> {
    await this.connection.run("sandbox unregister", (client) => client.del(this.key(this.namespace.sandboxId)));
  }
}

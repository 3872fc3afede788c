/**
 * Platform modules the docs' samples import but no npm package here types: the part of workerd's
 * `cloudflare:sockets` a Worker passes to `@chuk-mcp/cloud/workers` (a real Worker project gets
 * the full types from @cloudflare/workers-types).
 */
declare module "cloudflare:sockets" {
  export interface Socket {
    readonly readable: ReadableStream<Uint8Array>;
    readonly writable: WritableStream<Uint8Array>;
    readonly opened: Promise<unknown>;
    readonly closed: Promise<void>;
    close(): Promise<void>;
  }
  export function connect(address: string | { hostname: string; port: number }, options?: { secureTransport?: "off" | "on" | "starttls"; allowHalfOpen?: boolean }): Socket;
}

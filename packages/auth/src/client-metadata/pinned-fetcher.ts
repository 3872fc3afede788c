/**
 * The Node fetcher: resolve the host (`dns.lookup` with `all: true`), check every address,
 * then connect to the checked address only (a custom `lookup` hands `http`/`https` that one
 * address), keeping the host name for SNI, certificate checks and `Host`. A DNS answer that
 * changes between the check and the connection (rebinding) cannot redirect the request.
 * Node modules come from `process.getBuiltinModule`, so importing this file stays runtime-neutral.
 */
import type * as Dns from "node:dns";
import type * as Http from "node:http";
import { isIpLiteral } from "./address-ranges.js";
import { MetadataFetchError, resolveAndCheck, type HostResolver, type MetadataDocumentFetcher } from "./fetcher.js";

interface NodeModules {
  dns: typeof Dns;
  http: typeof Http;
  https: typeof import("node:https");
}

function nodeModules(): NodeModules | undefined {
  const getBuiltinModule = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule;
  if (typeof getBuiltinModule !== "function") return undefined;
  try {
    const dns = getBuiltinModule("node:dns") as typeof Dns | undefined;
    const http = getBuiltinModule("node:http") as typeof Http | undefined;
    const https = getBuiltinModule("node:https") as typeof import("node:https") | undefined;
    return dns && http && https ? { dns, http, https } : undefined;
  } catch {
    return undefined;
  }
}

/** True where the pinned fetcher can run (Node ≥ 20.16, Bun, Deno with Node built-ins). */
export function pinnedFetchAvailable(): boolean {
  return nodeModules() !== undefined;
}

/** The system resolver: every address `dns.lookup` knows for a name (hosts file included). */
export function systemHostResolver(): HostResolver {
  const modules = nodeModules();
  if (!modules) throw new MetadataFetchError("no system resolver on this runtime");
  return {
    async resolve(hostname) {
      const answers = await modules.dns.promises.lookup(hostname, { all: true, verbatim: true });
      return answers.map((answer) => answer.address);
    },
  };
}

function familyOf(address: string): 4 | 6 {
  return address.includes(":") ? 6 : 4;
}

/** A fetcher that pins each connection to the address it checked. */
export function createPinnedMetadataFetcher(options: { resolver?: HostResolver } = {}): MetadataDocumentFetcher {
  const modules = nodeModules();
  if (!modules) throw new MetadataFetchError("the pinned metadata fetcher needs Node's http, https and dns modules");
  const resolver = options.resolver ?? systemHostResolver();
  return async (request) => {
    const addresses = await resolveAndCheck(request.url, resolver, request.allowInternalHosts);
    const address = addresses[0] as string;
    const literal = isIpLiteral(request.url.hostname.replace(/^\[|\]$/g, ""));
    const client = request.url.protocol === "https:" ? modules.https : modules.http;
    return new Promise((resolve, reject) => {
      let settled = false;
      const finish = (error: Error | undefined, value?: { body: string; cacheControl: string | undefined }): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (error) {
          outgoing.destroy();
          reject(error);
        } else resolve(value!);
      };
      const outgoing = client.request(
        request.url,
        {
          method: "GET",
          agent: false,
          headers: { accept: "application/json", "user-agent": "chuk-mcp-auth (client metadata)" },
          ...(literal
            ? {}
            : {
                servername: request.url.hostname,
                lookup: ((_host: string, lookupOptions: { all?: boolean }, callback: (...args: unknown[]) => void) => {
                  if (lookupOptions.all) callback(null, [{ address, family: familyOf(address) }]);
                  else callback(null, address, familyOf(address));
                }) as unknown as Http.RequestOptions["lookup"],
              }),
        },
        (response) => {
          if (response.statusCode !== 200) return finish(new MetadataFetchError(`document answered HTTP ${response.statusCode}`));
          const declared = Number(response.headers["content-length"] ?? "0");
          if (declared > request.maxBytes) return finish(new MetadataFetchError(`document declares ${declared} bytes`));
          const chunks: Buffer[] = [];
          let total = 0;
          response.on("data", (chunk: Buffer) => {
            total += chunk.byteLength;
            if (total > request.maxBytes) return finish(new MetadataFetchError(`document is larger than ${request.maxBytes} bytes`));
            chunks.push(chunk);
          });
          response.on("end", () => {
            try {
              const body = new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
              const cacheControl = response.headers["cache-control"];
              finish(undefined, { body, cacheControl: typeof cacheControl === "string" ? cacheControl : undefined });
            } catch (error) {
              finish(error as Error);
            }
          });
          response.on("error", (error) => finish(error));
        },
      );
      const timer = setTimeout(() => finish(new MetadataFetchError(`no complete answer within ${request.timeoutMs} ms`)), request.timeoutMs);
      outgoing.on("error", (error) => finish(error));
      outgoing.end();
    });
  };
}

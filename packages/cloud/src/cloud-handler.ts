/**
 * `getCloudHandler(server)`: the entry point the platform this code runs on expects, chosen by
 * {@link detectProvider}. Export `handler` the way the platform wants it (see the README table).
 */
import { azureHandler, type AzureHttpHandler } from "./azure.js";
import { cloudflareHandler, type WorkerModule } from "./cloudflare.js";
import { detectProvider, isBun, isDeno } from "./detect.js";
import { readEnvironment, type CloudEnvironment } from "./environment.js";
import { resolveTarget, type AdapterOptions, type AdapterTarget } from "./fetch-target.js";
import { gcfHandler, type GcfHandler } from "./gcf.js";
import { lambdaHandler, type LambdaHandler, type LambdaHandlerOptions } from "./lambda/lambda-handler.js";
import { netlifyHandler, type NetlifyFunction } from "./netlify.js";
import { vercelHandler, type VercelHandlers } from "./vercel.js";

/** The platform-specific entry point, tagged with its provider. */
export type CloudHandler =
  | { readonly provider: "aws-lambda"; readonly handler: LambdaHandler }
  | { readonly provider: "vercel"; readonly handler: VercelHandlers }
  | { readonly provider: "netlify"; readonly handler: NetlifyFunction }
  | { readonly provider: "cloudflare"; readonly handler: WorkerModule<unknown> }
  | { readonly provider: "gcp"; readonly handler: GcfHandler }
  | { readonly provider: "azure"; readonly handler: AzureHttpHandler }
  | { readonly provider: "deno-deploy" | "deno" | "bun" | "local"; readonly handler: { fetch(request: Request): Promise<Response> } };

/** Options of {@link getCloudHandler}: the adapter options, plus the Lambda ones. */
export interface CloudHandlerOptions extends LambdaHandlerOptions {
  /** Environment to detect from; default the process's. */
  readonly env?: CloudEnvironment;
}

/**
 * Detects the platform and builds its handler for `target`.
 * @example const { handler } = getCloudHandler(server); export default handler;
 */
export function getCloudHandler(target: AdapterTarget, options: CloudHandlerOptions = {}): CloudHandler {
  const provider = detectProvider(options.env ?? readEnvironment());
  const adapter: AdapterOptions = options;
  switch (provider) {
    case "aws-lambda":
      return { provider, handler: lambdaHandler(target, options) };
    case "vercel":
      return { provider, handler: vercelHandler(target, adapter) };
    case "netlify":
      return { provider, handler: netlifyHandler(target, adapter) };
    case "cloudflare":
      return { provider, handler: cloudflareHandler(target, adapter) };
    case "gcp":
      return { provider, handler: gcfHandler(target, adapter) };
    case "azure":
      return { provider, handler: azureHandler(target, adapter) };
    default: {
      const resolved = resolveTarget(target, adapter);
      const local = provider ?? (isDeno() ? "deno" : isBun() ? "bun" : "local");
      return { provider: local, handler: { fetch: (request) => resolved.fetch(request) } };
    }
  }
}

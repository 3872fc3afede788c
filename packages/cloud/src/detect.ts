/**
 * Where is this code running? Each check reads the variables the platform documents as set
 * on every instance (see the package README for the sources); Workers, Deno and Bun are
 * recognised by their globals. Vercel and Netlify functions run on AWS Lambda and carry its
 * variables too, so they are checked before Lambda.
 */
import { environmentValue, readEnvironment, type CloudEnvironment } from "./environment.js";

/** The platforms `@chuk-mcp/cloud` recognises. */
export type CloudProvider = "vercel" | "netlify" | "aws-lambda" | "gcp" | "azure" | "cloudflare" | "deno-deploy" | "deno" | "bun";

/** The `provider` of a plain process (a laptop, a VM, a container with none of the markers). */
export type LocalProvider = "local";

interface RuntimeGlobals {
  navigator?: { userAgent?: string };
  Deno?: { version?: { deno?: string } };
  Bun?: { version?: string };
  process?: { versions?: { node?: string } };
  EdgeRuntime?: string;
  Netlify?: unknown;
}

function globals(): RuntimeGlobals {
  return globalThis as RuntimeGlobals;
}

function has(environment: CloudEnvironment, ...names: string[]): boolean {
  return names.some((name) => environmentValue(environment, name) !== undefined);
}

/** AWS Lambda: `AWS_LAMBDA_FUNCTION_NAME` / `AWS_EXECUTION_ENV=AWS_Lambda_*` / `LAMBDA_TASK_ROOT`. */
export function isLambda(environment: CloudEnvironment = readEnvironment()): boolean {
  if (isVercel(environment) || isNetlify(environment)) return false;
  const execution = environmentValue(environment, "AWS_EXECUTION_ENV");
  return has(environment, "AWS_LAMBDA_FUNCTION_NAME", "LAMBDA_TASK_ROOT") || (execution !== undefined && execution.startsWith("AWS_Lambda_"));
}

/** Vercel (Node and Edge functions): `VERCEL=1` or `VERCEL_ENV`. */
export function isVercel(environment: CloudEnvironment = readEnvironment()): boolean {
  return has(environment, "VERCEL", "VERCEL_ENV");
}

/** Netlify Functions / Edge Functions: the `Netlify` global, `NETLIFY=true` or `NETLIFY_DEV`. */
export function isNetlify(environment: CloudEnvironment = readEnvironment()): boolean {
  return globals().Netlify !== undefined || environmentValue(environment, "NETLIFY") === "true" || has(environment, "NETLIFY_DEV", "NETLIFY_IMAGES_CDN_DOMAIN");
}

/**
 * Google Cloud: Cloud Run services and Cloud Functions gen 2 (`K_SERVICE`, `FUNCTION_TARGET`),
 * Cloud Functions gen 1 on the older runtimes (`FUNCTION_NAME` with `GCP_PROJECT`).
 */
export function isGcf(environment: CloudEnvironment = readEnvironment()): boolean {
  return has(environment, "K_SERVICE", "FUNCTION_TARGET") || (has(environment, "FUNCTION_NAME") && has(environment, "GCP_PROJECT", "FUNCTION_REGION"));
}

/** Azure Functions (`FUNCTIONS_WORKER_RUNTIME`) and App Service hosts (`WEBSITE_SITE_NAME`). */
export function isAzure(environment: CloudEnvironment = readEnvironment()): boolean {
  return has(environment, "FUNCTIONS_WORKER_RUNTIME", "WEBSITE_SITE_NAME", "AZURE_FUNCTIONS_ENVIRONMENT");
}

/** Cloudflare Workers (`navigator.userAgent === "Cloudflare-Workers"`) and Pages builds (`CF_PAGES=1`). */
export function isCloudflare(environment: CloudEnvironment = readEnvironment()): boolean {
  return globals().navigator?.userAgent === "Cloudflare-Workers" || environmentValue(environment, "CF_PAGES") === "1";
}

/** Deno, locally or on Deno Deploy (the `Deno` global). */
export function isDeno(): boolean {
  return typeof globals().Deno?.version?.deno === "string";
}

/** Deno Deploy: `DENO_DEPLOYMENT_ID` (set on every deployment). */
export function isDenoDeploy(environment: CloudEnvironment = readEnvironment()): boolean {
  return isDeno() && has(environment, "DENO_DEPLOYMENT_ID");
}

/** Bun (the `Bun` global). */
export function isBun(): boolean {
  return typeof globals().Bun?.version === "string";
}

/** The serverless or hosted platform this code runs on, or `undefined` for a plain process. */
export function detectProvider(environment: CloudEnvironment = readEnvironment()): CloudProvider | undefined {
  if (isCloudflare(environment)) return "cloudflare";
  if (isVercel(environment)) return "vercel";
  if (isNetlify(environment)) return "netlify";
  if (isLambda(environment)) return "aws-lambda";
  if (isGcf(environment)) return "gcp";
  if (isAzure(environment)) return "azure";
  if (isDenoDeploy(environment)) return "deno-deploy";
  return undefined;
}

/**
 * Whether this code runs on a cloud platform (not Deno or Bun on a plain machine).
 * @see detectProvider
 */
export function isCloud(environment: CloudEnvironment = readEnvironment()): boolean {
  return detectProvider(environment) !== undefined;
}

/** The JavaScript runtime: `workerd`, `deno`, `bun`, `edge-runtime` or `node`. */
export function detectRuntime(): "workerd" | "deno" | "bun" | "edge-runtime" | "node" | "unknown" {
  const runtime = globals();
  if (runtime.navigator?.userAgent === "Cloudflare-Workers") return "workerd";
  if (isDeno()) return "deno";
  if (isBun()) return "bun";
  if (typeof runtime.EdgeRuntime === "string") return "edge-runtime";
  if (typeof runtime.process?.versions?.node === "string") return "node";
  return "unknown";
}

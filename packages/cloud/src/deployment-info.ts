/**
 * `getDeploymentInfo()`: what the platform says about this deployment, read from the same
 * documented variables as the detection functions. Fields a platform does not publish are
 * left out rather than guessed.
 */
import { detectProvider, detectRuntime, isBun, isDeno, type CloudProvider, type LocalProvider } from "./detect.js";
import { environmentValue, readEnvironment, type CloudEnvironment } from "./environment.js";

/** Facts about the current deployment. */
export interface DeploymentInfo {
  /** Platform, or `"local"` when none is detected. */
  readonly provider: CloudProvider | LocalProvider;
  /** Product on that platform: `lambda`, `cloud-run`, `cloud-functions`, `functions`, `workers`, … */
  readonly service: string;
  /** JavaScript runtime: `node`, `workerd`, `deno`, `bun`, `edge-runtime`. */
  readonly runtime: string;
  readonly region?: string;
  readonly memoryMb?: number;
  readonly functionName?: string;
  readonly functionVersion?: string;
  /** Deployment environment where the platform names it (`production`, `preview`, …). */
  readonly environment?: string;
  /** Deployment or revision identifier. */
  readonly deploymentId?: string;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function positiveInteger(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  const value = Number(text);
  return value > 0 ? value : undefined;
}

function put<K extends keyof DeploymentInfo>(info: Mutable<DeploymentInfo>, key: K, value: DeploymentInfo[K] | undefined): void {
  if (value !== undefined) info[key] = value;
}

/**
 * Describes where this code runs.
 * @example getDeploymentInfo() // { provider: "aws-lambda", service: "lambda", region: "eu-west-1", memoryMb: 1024, … }
 */
export function getDeploymentInfo(environment: CloudEnvironment = readEnvironment()): DeploymentInfo {
  const value = (name: string): string | undefined => environmentValue(environment, name);
  const provider = detectProvider(environment);
  const info: Mutable<DeploymentInfo> = { provider: provider ?? "local", service: "process", runtime: detectRuntime() };
  switch (provider) {
    case "aws-lambda":
      info.service = "lambda";
      put(info, "region", value("AWS_REGION") ?? value("AWS_DEFAULT_REGION"));
      put(info, "memoryMb", positiveInteger(value("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")));
      put(info, "functionName", value("AWS_LAMBDA_FUNCTION_NAME"));
      put(info, "functionVersion", value("AWS_LAMBDA_FUNCTION_VERSION"));
      break;
    case "vercel":
      info.service = info.runtime === "edge-runtime" ? "edge-functions" : "functions";
      put(info, "region", value("VERCEL_REGION"));
      put(info, "environment", value("VERCEL_ENV"));
      put(info, "deploymentId", value("VERCEL_DEPLOYMENT_ID"));
      break;
    case "netlify":
      info.service = isDeno() ? "edge-functions" : "functions";
      put(info, "region", value("AWS_REGION"));
      put(info, "environment", value("CONTEXT"));
      put(info, "deploymentId", value("DEPLOY_ID"));
      put(info, "functionName", value("SITE_NAME"));
      break;
    case "gcp": {
      const isFunction = value("FUNCTION_TARGET") !== undefined || value("FUNCTION_NAME") !== undefined;
      info.service = isFunction ? "cloud-functions" : "cloud-run";
      put(info, "region", value("FUNCTION_REGION") ?? value("GOOGLE_CLOUD_REGION"));
      put(info, "functionName", value("K_SERVICE") ?? value("FUNCTION_NAME"));
      put(info, "deploymentId", value("K_REVISION"));
      put(info, "memoryMb", positiveInteger(value("FUNCTION_MEMORY_MB")));
      break;
    }
    case "azure":
      info.service = value("FUNCTIONS_WORKER_RUNTIME") !== undefined ? "functions" : "app-service";
      put(info, "region", value("REGION_NAME"));
      put(info, "functionName", value("WEBSITE_SITE_NAME"));
      put(info, "environment", value("AZURE_FUNCTIONS_ENVIRONMENT"));
      put(info, "deploymentId", value("WEBSITE_INSTANCE_ID"));
      break;
    case "cloudflare":
      info.service = value("CF_PAGES") === "1" ? "pages" : "workers";
      break;
    case "deno-deploy":
      info.service = "deploy";
      put(info, "region", value("DENO_REGION"));
      put(info, "deploymentId", value("DENO_DEPLOYMENT_ID"));
      break;
    case undefined:
      if (isDeno()) info.service = "deno";
      else if (isBun()) info.service = "bun";
      break;
  }
  return info;
}

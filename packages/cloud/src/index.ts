/**
 * `@chuk-mcp/cloud`: where am I running (`isLambda()`, `getDeploymentInfo()`, …) and adapters
 * that turn each platform's HTTP event into a `Request` for `@chuk-mcp/http`'s portable
 * `fetch` handler and the `Response` back. Runtime-neutral: no `node:` imports, no code
 * generation. Redis-backed sessions for Node functions live at `@chuk-mcp/cloud/node`.
 */
export { readEnvironment } from "./environment.js";
export type { CloudEnvironment } from "./environment.js";
export { isCloud, isLambda, isGcf, isAzure, isVercel, isNetlify, isCloudflare, isDeno, isDenoDeploy, isBun, detectProvider, detectRuntime } from "./detect.js";
export type { CloudProvider, LocalProvider } from "./detect.js";
export { getDeploymentInfo } from "./deployment-info.js";
export type { DeploymentInfo } from "./deployment-info.js";
export { getCloudHandler } from "./cloud-handler.js";
export type { CloudHandler, CloudHandlerOptions } from "./cloud-handler.js";
export { resolveTarget, serverlessHttpOptions } from "./fetch-target.js";
export type { AdapterOptions, AdapterTarget, FetchHandler, ResolvedTarget } from "./fetch-target.js";
export { CloudAdapterError } from "./errors.js";
export type { CloudErrorCode } from "./errors.js";
export { lambdaHandler } from "./lambda/lambda-handler.js";
export type { LambdaHandler, LambdaHandlerOptions } from "./lambda/lambda-handler.js";
export { eventToRequest } from "./lambda/event-to-request.js";
export type { TranslatedEvent } from "./lambda/event-to-request.js";
export { toLambdaResult } from "./lambda/response-to-result.js";
export { eventKind } from "./lambda/events.js";
export type { LambdaEventKind, LambdaHttpEvent, LambdaHttpResult } from "./lambda/events.js";
export type { AwsLambdaGlobal, HttpResponseMetadata, LambdaResponseStream } from "./lambda/streaming.js";
export { vercelHandler } from "./vercel.js";
export type { VercelHandlers } from "./vercel.js";
export { cloudflareHandler } from "./cloudflare.js";
export type { WorkerExecutionContext, WorkerModule, WorkerTargetFactory } from "./cloudflare.js";
export { netlifyHandler } from "./netlify.js";
export type { NetlifyFunction } from "./netlify.js";
export { gcfHandler } from "./gcf.js";
export type { GcfHandler, GcfRequest, GcfResponse } from "./gcf.js";
export { azureHandler } from "./azure.js";
export type { AzureHttpHandler, AzureHttpRequest, AzureHttpResponseInit } from "./azure.js";
export { serveDeno } from "./deno.js";
export type { DenoServeOptions, DenoServer } from "./deno.js";
export { serveBun } from "./bun.js";
export type { BunServeOptions, BunServer } from "./bun.js";

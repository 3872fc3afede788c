import { describe, expect, it } from "vitest";
import { getDeploymentInfo } from "./deployment-info.js";
import { detectProvider, isAzure, isCloud, isCloudflare, isGcf, isLambda, isNetlify, isVercel } from "./detect.js";

describe("detection from each platform's documented variables", () => {
  it("recognises AWS Lambda and reads region, memory and function name", () => {
    const env = { AWS_LAMBDA_FUNCTION_NAME: "mcp", AWS_EXECUTION_ENV: "AWS_Lambda_nodejs22.x", AWS_REGION: "eu-west-1", AWS_LAMBDA_FUNCTION_MEMORY_SIZE: "1024", AWS_LAMBDA_FUNCTION_VERSION: "$LATEST", LAMBDA_TASK_ROOT: "/var/task" };
    expect(isLambda(env)).toBe(true);
    expect(getDeploymentInfo(env)).toMatchObject({ provider: "aws-lambda", service: "lambda", region: "eu-west-1", memoryMb: 1024, functionName: "mcp", functionVersion: "$LATEST" });
  });

  it("recognises Lambda from AWS_EXECUTION_ENV alone", () => {
    expect(isLambda({ AWS_EXECUTION_ENV: "AWS_Lambda_nodejs20.x" })).toBe(true);
    expect(isLambda({ AWS_EXECUTION_ENV: "AWS_ECS_FARGATE" })).toBe(false);
  });

  it("calls a Vercel function Vercel although it also carries Lambda's variables", () => {
    const env = { VERCEL: "1", VERCEL_ENV: "preview", VERCEL_REGION: "iad1", AWS_LAMBDA_FUNCTION_NAME: "x", AWS_REGION: "us-east-1" };
    expect(isVercel(env)).toBe(true);
    expect(isLambda(env)).toBe(false);
    expect(getDeploymentInfo(env)).toMatchObject({ provider: "vercel", region: "iad1", environment: "preview" });
  });

  it("calls a Netlify function Netlify although it runs on Lambda", () => {
    const env = { NETLIFY: "true", CONTEXT: "production", SITE_NAME: "my-site", AWS_LAMBDA_FUNCTION_NAME: "x" };
    expect(isNetlify(env)).toBe(true);
    expect(detectProvider(env)).toBe("netlify");
    expect(getDeploymentInfo(env)).toMatchObject({ environment: "production", functionName: "my-site" });
  });

  it("tells Cloud Run from Cloud Functions gen 2 and recognises gen 1", () => {
    expect(getDeploymentInfo({ K_SERVICE: "api", K_REVISION: "api-00002" })).toMatchObject({ provider: "gcp", service: "cloud-run", functionName: "api", deploymentId: "api-00002" });
    expect(getDeploymentInfo({ K_SERVICE: "mcp", FUNCTION_TARGET: "mcp", FUNCTION_SIGNATURE_TYPE: "http" })).toMatchObject({ service: "cloud-functions" });
    expect(isGcf({ FUNCTION_NAME: "mcp", GCP_PROJECT: "p", FUNCTION_REGION: "us-central1" })).toBe(true);
    expect(isGcf({ FUNCTION_NAME: "mcp" })).toBe(false);
  });

  it("recognises Azure Functions and reads the site name and region", () => {
    const env = { FUNCTIONS_WORKER_RUNTIME: "node", WEBSITE_SITE_NAME: "mcp-app", REGION_NAME: "West Europe" };
    expect(isAzure(env)).toBe(true);
    expect(getDeploymentInfo(env)).toMatchObject({ provider: "azure", service: "functions", functionName: "mcp-app", region: "West Europe" });
  });

  it("recognises a Cloudflare Pages build from CF_PAGES", () => {
    expect(isCloudflare({ CF_PAGES: "1" })).toBe(true);
    expect(getDeploymentInfo({ CF_PAGES: "1" })).toMatchObject({ provider: "cloudflare", service: "pages" });
  });

  it("reports a plain Node process as local, ignoring empty variables", () => {
    const env = { AWS_LAMBDA_FUNCTION_NAME: "", HOME: "/root" };
    expect(isCloud(env)).toBe(false);
    expect(getDeploymentInfo(env)).toEqual({ provider: "local", service: "process", runtime: "node" });
  });

  it("ignores a memory size that is not a positive integer", () => {
    expect(getDeploymentInfo({ AWS_LAMBDA_FUNCTION_NAME: "x", AWS_LAMBDA_FUNCTION_MEMORY_SIZE: "lots" }).memoryMb).toBeUndefined();
  });
});

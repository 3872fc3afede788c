import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { CreateError } from "./create-error.js";

/** A project template: a folder under `templates/` in this package. */
export interface TemplateInfo {
  readonly name: string;
  readonly description: string;
  /** Absolute path of the template's folder. */
  readonly directory: string;
  /** The last "next step" printed after creation: a package script and what it does. */
  readonly nextStep: { readonly script: string; readonly note: string };
  /** What the generated README covers, for the line printed after creation. */
  readonly readme: string;
}

interface TemplateEntry {
  readonly description: string;
  readonly nextStep: { readonly script: string; readonly note: string };
  readonly readme: string;
  /** Why it is not shipped yet, when its folder is absent. */
  readonly waitsFor?: string;
}

// Each entry is a folder in templates/. A template is available when its folder ships;
// the others are listed so their names get a clear "not yet" instead of "unknown".
const CATALOG = new Map<string, TemplateEntry>([
  ["server", { description: "TypeScript MCP server (stdio + Streamable HTTP), tests, Dockerfile", nextStep: { script: "start", note: "stdio; add -- --http --port 8000 for HTTP" }, readme: "the Claude Desktop, Cursor and VS Code configuration" }],
  ["runtime", { description: "YAML-configured gateway (a local tool module + a proxied server) on @chuk-mcp/runtime", nextStep: { script: "start", note: "stdio; edit config.yaml to add servers" }, readme: "the config.yaml keys and the desktop-client configuration" }],
  ["lambda", { description: "AWS Lambda function (API Gateway, Function URL, ALB) on @chuk-mcp/cloud, with serverless.yml", nextStep: { script: "deploy", note: "serverless deploy, with AWS credentials in the environment" }, readme: "how to deploy and call it" }],
  ["vercel", { description: "Vercel function (Edge or Node) on @chuk-mcp/cloud, with vercel.json", nextStep: { script: "deploy", note: "vercel deploy" }, readme: "how to run it locally, deploy and call it" }],
  ["cloudflare", { description: "Cloudflare Worker on @chuk-mcp/cloud, with wrangler.toml", nextStep: { script: "deploy", note: "wrangler deploy" }, readme: "how to run it locally, deploy and call it" }],
]);

export const DEFAULT_TEMPLATE = "server";

const TEMPLATES_ROOT = new URL("../templates/", import.meta.url);

function folderOf(name: string, root: URL): string {
  return fileURLToPath(new URL(`${name}/`, root));
}

/** The templates this version of create-chuk-mcp ships, default first. */
export function listTemplates(root: URL = TEMPLATES_ROOT): TemplateInfo[] {
  const templates: TemplateInfo[] = [];
  for (const [name, entry] of CATALOG) {
    const directory = folderOf(name, root);
    if (existsSync(directory)) templates.push({ name, description: entry.description, directory, nextStep: entry.nextStep, readme: entry.readme });
  }
  return templates;
}

/**
 * Looks a template up by name.
 * @throws {CreateError} `unknown_template` for a name not in the catalog, `template_unavailable`
 *   for one this version does not ship yet.
 */
export function resolveTemplate(name: string, root: URL = TEMPLATES_ROOT): TemplateInfo {
  const available = listTemplates(root);
  const names = available.map((template) => template.name).join(", ");
  const entry = CATALOG.get(name);
  if (entry === undefined) {
    throw new CreateError("unknown_template", `unknown template '${name}'; available templates: ${names}`);
  }
  const found = available.find((template) => template.name === name);
  if (found === undefined) {
    const reason = entry.waitsFor === undefined ? "" : ` (it needs ${entry.waitsFor}, not released yet)`;
    throw new CreateError("template_unavailable", `template '${name}' is not available in this version of create-chuk-mcp${reason}; available templates: ${names}`);
  }
  return found;
}

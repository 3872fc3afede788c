import { basename, extname } from "node:path";

/** What a client config needs to launch the server the way `chuk-mcp dev` runs it. */
export interface ClientConfigInput {
  /** Server key in the client's config. */
  readonly name: string;
  /** Absolute path of the server module. */
  readonly file: string;
  /** The MCP endpoint when the server serves HTTP. */
  readonly url?: string;
}

/** A config key: the package name without scope, else the file name, in lower-case-dashes. */
export function configKey(packageName: string | undefined, file: string): string {
  const base = packageName?.replace(/^@[^/]+\//, "") ?? basename(file, extname(file));
  return base.toLowerCase().replace(/[^a-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "") || "my-server";
}

/**
 * The Claude Desktop / Cursor (`mcpServers`) and VS Code (`servers`) snippets for this file:
 * stdio launches `npx chuk-mcp run <file>` (absolute path: clients start it from elsewhere),
 * HTTP points at the URL.
 */
export function clientConfigText(input: ClientConfigInput): string {
  const launch = { command: "npx", args: ["-y", "chuk-mcp", "run", input.file] };
  const desktop = { mcpServers: { [input.name]: input.url === undefined ? launch : { url: input.url } } };
  const vscode = { servers: { [input.name]: input.url === undefined ? { type: "stdio", ...launch } : { type: "http", url: input.url } } };
  return [
    "Claude Desktop (claude_desktop_config.json) / Cursor (.cursor/mcp.json):",
    JSON.stringify(desktop, null, 2),
    "VS Code (.vscode/mcp.json):",
    JSON.stringify(vscode, null, 2),
    "",
  ].join("\n");
}

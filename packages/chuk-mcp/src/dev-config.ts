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
 * The Claude Desktop, Cursor (`mcpServers`) and VS Code (`servers`) snippets for this file:
 * stdio launches `npx chuk-mcp run <file>` (absolute path: clients start it from elsewhere);
 * HTTP points Cursor and VS Code at the URL and Claude Desktop at `npx mcp-remote <url>`
 * (its config file launches commands only).
 */
export function clientConfigText(input: ClientConfigInput): string {
  const launch = { command: "npx", args: ["-y", "chuk-mcp", "run", input.file] };
  const block = (title: string, value: unknown) => `${title}\n${JSON.stringify(value, null, 2)}`;
  if (input.url === undefined) {
    return [
      block("Claude Desktop (claude_desktop_config.json) / Cursor (.cursor/mcp.json):", { mcpServers: { [input.name]: launch } }),
      block("VS Code (.vscode/mcp.json):", { servers: { [input.name]: { type: "stdio", ...launch } } }),
      "",
    ].join("\n");
  }
  return [
    block("Claude Desktop (claude_desktop_config.json):", { mcpServers: { [input.name]: { command: "npx", args: ["-y", "mcp-remote", input.url] } } }),
    block("Cursor (.cursor/mcp.json):", { mcpServers: { [input.name]: { url: input.url } } }),
    block("VS Code (.vscode/mcp.json):", { servers: { [input.name]: { type: "http", url: input.url } } }),
    "",
  ].join("\n");
}

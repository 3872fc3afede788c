/** The `chuk-mcp-proxy --help` text. */
export const HELP_TEXT = `chuk-mcp-proxy: one MCP endpoint in front of many MCP servers.

Usage:
  chuk-mcp-proxy [options] [upstreams...]

Upstreams (each repeatable; NAME: letters, digits, '-'; starts with a letter):
  --stdio NAME --command CMD [--cwd DIR] [--env K=V]... [-- ARGS...]
        Start CMD as a child process speaking MCP over stdio. Everything after "--" is
        passed to CMD, up to the next --stdio, --http or --sse (or "---"); put proxy
        options such as --port before "--" (a warning names any that land after it).
  --http NAME --url URL [--header K:V]... [--bearer TOKEN]
        Connect to a Streamable HTTP server.
  --sse NAME --url URL [--api-key KEY] [--header K:V]...
        Connect to a legacy HTTP+SSE server.

Naming:
  --namespace NS          Prefix of proxied names, "NS.server.tool" (default "proxy";
                          --namespace "" gives "server.tool").
  --openai-compatible     Also expose "server_tool" names matching ^[a-zA-Z0-9_-]{1,64}$.
  --only-openai-tools     Expose only the "server_tool" names.
  --keep-root-aliases     Also expose bare upstream names (first server wins).

Configuration:
  --config FILE           YAML or JSON file with a "servers" map and any option below;
                          flags add to it. \${ENV_VAR} references are expanded.
  --start-timeout MS      Per-server start timeout (default 30000).
  --call-timeout MS       Per-call timeout (default 60000).

Serving downstream:
  --port N                Serve Streamable HTTP on port N (0 picks a free port) at /mcp.
  --host HOST             Interface for --port (default 127.0.0.1).
  (without --port the proxy serves MCP over its own stdin/stdout)
  --auth bearer|none      bearer: every request needs "Authorization: Bearer <JWT>", checked
                          with JWT_SECRET_KEY (HS256 secret, or a PEM public key with
                          JWT_ALGORITHM) or --jwks-url. Default none.
  --jwks-url URL          Verify tokens against this JWKS (RS256/ES256/EdDSA).
  --jwt-issuer ISS        Required "iss" (default: env JWT_ISSUER).
  --jwt-audience AUD      Required "aud" (default: env JWT_AUDIENCE, else --resource-url).
  --resource-url URL      This endpoint's public URL (RFC 8707 resource, RFC 9728 metadata).
  --allowed-host NAME     Also accept this Host header (repeatable). Host and Origin are
                          checked on every bind; loopback names are always accepted, so a
                          public bind (--host 0.0.0.0) needs the names clients use.
  --allowed-origin URL    Accept browser requests from this Origin (repeatable).
  --exit-on-start-failure all|any|never
                          Exit 1 when all upstreams (default), any upstream, or never fail
                          to start. Failed ones are retried and shown in /health/upstreams.

Other:
  --log-level LEVEL       debug | info | warning | error (default warning); logs go to stderr.
  --help, -h              Show this help.
  --version, -v           Show the version.

Examples:
  chuk-mcp-proxy --stdio fs --command npx -- -y @modelcontextprotocol/server-filesystem /tmp
  chuk-mcp-proxy --http search --url http://127.0.0.1:9000/mcp --bearer "$TOKEN" --port 8080
  chuk-mcp-proxy --config proxy.yaml --openai-compatible
`;

/**
 * Fixtures that exercise the Streamable HTTP transport rather than the engine:
 * `test_reconnection` closes its own POST SSE stream mid-call so the client has to resume
 * over GET with `Last-Event-ID` (SEP-1699), and `test_custom_header` carries an
 * `x-mcp-header` input property whose `Mcp-Param-Region` header core validates (SEP-2243).
 *
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#resumability-and-redelivery
 * @see https://modelcontextprotocol.io/specification/draft/basic/transports#server-behavior-for-custom-headers
 */
import { delay, type FixtureHost } from "./host.js";

/** What `test_reconnection` needs from the transport: `@chuk-mcp/http`'s `handler.closeRequestStream`. */
export interface StreamControl {
  closeRequestStream(sessionId: string, requestId: string | number): boolean;
}

/**
 * A `StreamControl` bound after the server starts listening (the fixtures are registered
 * before the HTTP handler exists). Until bound, closing a stream does nothing.
 */
export class LateStreamControl implements StreamControl {
  private target: StreamControl | undefined;

  bind(target: StreamControl): void {
    this.target = target;
  }

  closeRequestStream(sessionId: string, requestId: string | number): boolean {
    return this.target?.closeRequestStream(sessionId, requestId) ?? false;
  }
}

export const RECONNECTION_TEXT = "Reconnection test completed successfully";
export const CUSTOM_HEADER_TOOL = "test_custom_header";

/** Registers the transport-level fixtures; `streams` lets `test_reconnection` close its stream. */
export function registerHttpFixtures(host: FixtureHost, streams?: StreamControl): void {
  host.tool({
    name: "test_reconnection",
    description:
      "Closes its SSE stream mid-call, then answers after a moment, so the client must resume with GET + Last-Event-ID (SEP-1699)",
    input: { type: "object", properties: {} },
    handler: async (_args, context) => {
      // Only 2025 sessions can resume; a stateless request keeps its stream.
      if (streams !== undefined && context.sessionId !== undefined && context.requestId !== undefined) {
        streams.closeRequestStream(context.sessionId, context.requestId);
      }
      await delay(300);
      return RECONNECTION_TEXT;
    },
  });
  host.tool({
    name: CUSTOM_HEADER_TOOL,
    description: "Echoes its region; the region argument is mirrored into the Mcp-Param-Region header (SEP-2243)",
    input: {
      type: "object",
      properties: {
        region: { type: "string", description: "Where to route the call", "x-mcp-header": "Region" },
      },
      required: ["region"],
    },
    handler: async (args) => `Region: ${String(args.region)}`,
  });
}

import { afterEach, describe, expect, it } from "vitest";
import { RecordingHost, recordingContext } from "../test/recording-host.js";
import { registerFixtures } from "./fixtures.js";
import { CUSTOM_HEADER_TOOL, LateStreamControl, RECONNECTION_TEXT } from "./http-fixtures.js";
import { startConformanceServer } from "./server.js";

describe("test_reconnection", () => {
  it("closes its own stream when it runs in a session, then answers", async () => {
    const closed: Array<[string, string | number]> = [];
    const streams = new LateStreamControl();
    streams.bind({ closeRequestStream: (sessionId, requestId) => closed.push([sessionId, requestId]) > 0 });
    const host = new RecordingHost();
    registerFixtures(host, { streams });
    const result = await host.toolNamed("test_reconnection").handler({}, { ...recordingContext(), sessionId: "s-1", requestId: 7 });
    expect(result).toBe(RECONNECTION_TEXT);
    expect(closed).toEqual([["s-1", 7]]);
  });

  it("leaves a stateless request's stream alone", async () => {
    const streams = new LateStreamControl();
    let calls = 0;
    streams.bind({ closeRequestStream: () => ++calls > 0 });
    const host = new RecordingHost();
    registerFixtures(host, { streams });
    await host.toolNamed("test_reconnection").handler({}, { ...recordingContext(), requestId: 7 });
    expect(calls).toBe(0);
  });
});

describe(CUSTOM_HEADER_TOOL, () => {
  it("annotates a required string property with x-mcp-header", () => {
    const host = new RecordingHost();
    registerFixtures(host);
    const input = host.toolNamed(CUSTOM_HEADER_TOOL).input as { properties: Record<string, Record<string, unknown>>; required: string[] };
    expect(input.properties.region).toMatchObject({ type: "string", "x-mcp-header": "Region" });
    expect(input.required).toEqual(["region"]);
  });
});

describe("over HTTP (core + http, loopback)", () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  async function post(url: string, body: Record<string, unknown>, headers: Record<string, string>) {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(5000),
    });
    return { status: response.status, type: response.headers.get("content-type") ?? "", text: await response.text(), headers: response.headers };
  }

  const META = {
    "io.modelcontextprotocol/protocolVersion": "2026-07-28",
    "io.modelcontextprotocol/clientCapabilities": {},
  };

  function customHeaderCall(url: string, region: string, headers: Record<string, string>) {
    return post(
      url,
      { jsonrpc: "2.0", id: 5, method: "tools/call", params: { name: CUSTOM_HEADER_TOOL, arguments: { region }, _meta: META } },
      { "mcp-protocol-version": "2026-07-28", "mcp-method": "tools/call", "mcp-name": CUSTOM_HEADER_TOOL, ...headers },
    );
  }

  it("answers 400 + -32020 when Mcp-Param-Region disagrees, is missing or is bad Base64, and 200 when it agrees", async () => {
    const running = await startConformanceServer({ port: 0 });
    close = running.close;
    const good = await customHeaderCall(running.url, "Hello", { "mcp-param-region": "=?base64?SGVsbG8=?=" });
    expect(good.status).toBe(200);
    expect(JSON.parse(good.text).result.content[0].text).toBe("Region: Hello");
    const rejected: Record<string, string>[] = [{ "mcp-param-region": "=?base64?SGVsbG8?=" }, { "mcp-param-region": "Bye" }, {}];
    for (const headers of rejected) {
      const bad = await customHeaderCall(running.url, "Hello", headers);
      expect(bad.status).toBe(400);
      expect(JSON.parse(bad.text)).toMatchObject({ id: 5, error: { code: -32020 } });
    }
  });

  it("closes the test_reconnection POST stream after the priming event and delivers the result on GET with Last-Event-ID", async () => {
    const running = await startConformanceServer({ port: 0 });
    close = running.close;
    const init = await post(
      running.url,
      { jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "t", version: "1" } } },
      {},
    );
    const sessionId = init.headers.get("mcp-session-id") ?? "";
    expect(sessionId).not.toBe("");
    const session = { "mcp-session-id": sessionId, "mcp-protocol-version": "2025-11-25" };
    await post(running.url, { jsonrpc: "2.0", method: "notifications/initialized" }, session);
    const call = await post(running.url, { jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "test_reconnection", arguments: {} } }, session);
    expect(call.type).toContain("text/event-stream");
    expect(call.text).not.toContain(RECONNECTION_TEXT);
    const lastEventId = /^id: ?(.+)$/m.exec(call.text)?.[1]?.trim();
    expect(lastEventId).toBeTruthy();
    const resumed = await fetch(running.url, {
      headers: { accept: "text/event-stream", ...session, "last-event-id": lastEventId ?? "" },
      signal: AbortSignal.timeout(5000),
    });
    expect(resumed.status).toBe(200);
    const reader = resumed.body!.pipeThrough(new TextDecoderStream()).getReader();
    let seen = "";
    while (!seen.includes(RECONNECTION_TEXT)) {
      const { value, done } = await reader.read();
      if (done) break;
      seen += value;
    }
    await reader.cancel();
    expect(seen).toContain('"id":2');
    expect(seen).toContain(RECONNECTION_TEXT);
  });
});

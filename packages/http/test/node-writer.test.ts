import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterEach, describe, expect, it } from "vitest";
import { NodeResponseWriter } from "../src/node.js";

setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

let server: Server | undefined;

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** Serves one request through `answer` and returns what the client got. */
async function exchange(answer: (writer: NodeResponseWriter, response: ServerResponse) => void): Promise<{ status: number; body: string }> {
  server = createServer((_request, response) => answer(new NodeResponseWriter(response), response));
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const reply = await fetch(`http://127.0.0.1:${port}/`, { headers: { connection: "close" } });
  return { status: reply.status, body: await reply.text() };
}

describe("NodeResponseWriter", () => {
  it("answers once; later replies and abort listeners are ignored, and streaming is refused", async () => {
    const outcomes: string[] = [];
    const reply = await exchange((writer) => {
      writer.reply(201, { "content-type": "application/json" }, '{"ok":true}');
      writer.reply(500, {}, "second");
      writer.onAbort(() => outcomes.push("aborted"));
      try {
        writer.openStream(200, {});
      } catch (error) {
        outcomes.push((error as Error).message);
      }
    });
    expect(reply).toEqual({ status: 201, body: '{"ok":true}' });
    expect(outcomes).toEqual(["[chuk-mcp] [http] cannot open a stream: this request was already answered"]);
  });

  it("does not keep the response reachable once it has answered", async () => {
    let kept: NodeResponseWriter | undefined;
    let weak: WeakRef<ServerResponse> | undefined;
    await exchange((writer, response) => {
      kept = writer; // a handler context that outlives the request holds the writer
      weak = new WeakRef(response);
      writer.reply(200, {}, "done");
    });
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    server = undefined;
    for (let attempt = 0; attempt < 50 && weak?.deref() !== undefined; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      collectGarbage();
    }
    expect(kept).toBeInstanceOf(NodeResponseWriter);
    expect(weak?.deref()).toBeUndefined();
  });
});

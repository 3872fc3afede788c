import { describe, expect, it } from "vitest";
import { statusForStatelessAnswer } from "./post.js";

describe("statusForStatelessAnswer", () => {
  it("answers 200 for results, even when the result's text mentions \"error\"", () => {
    expect(statusForStatelessAnswer('{"jsonrpc":"2.0","id":1,"result":{}}')).toBe(200);
    expect(statusForStatelessAnswer('{"jsonrpc":"2.0","id":"a,\\"error\\":","result":{"content":[{"type":"text","text":"\\"error\\""}]}}')).toBe(200);
  });

  it("maps JSON-RPC error codes to the SEP-2575 statuses", () => {
    const error = (code: number, id = "7") => `{"jsonrpc":"2.0","id":${id},"error":{"code":${code},"message":"m"}}`;
    expect(statusForStatelessAnswer(error(-32601))).toBe(404);
    expect(statusForStatelessAnswer(error(-32602))).toBe(400);
    expect(statusForStatelessAnswer(error(-32600, '"x,\\"result\\":"'))).toBe(400);
    expect(statusForStatelessAnswer(error(-32603))).toBe(500);
    expect(statusForStatelessAnswer(error(-32002))).toBe(200);
  });

  it("falls back to parsing replies written in another key order", () => {
    expect(statusForStatelessAnswer('{"id":1,"jsonrpc":"2.0","error":{"code":-32601,"message":"m"}}')).toBe(404);
    expect(statusForStatelessAnswer('{"id":1,"jsonrpc":"2.0","result":{}}')).toBe(200);
  });
});

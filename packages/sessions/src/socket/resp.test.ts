import { describe, expect, it } from "vitest";
import { encodeCommand, RespErrorReply, RespProtocolError, RespReader } from "./resp.js";

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array) => new TextDecoder().decode(data);

describe("encodeCommand", () => {
  it("writes an array of bulk strings whose lengths count UTF-8 bytes", () => {
    expect(text(encodeCommand(["SET", "k", "héllo", "PX", 1500]))).toBe("*5\r\n$3\r\nSET\r\n$1\r\nk\r\n$6\r\nhéllo\r\n$2\r\nPX\r\n$4\r\n1500\r\n");
  });

  it("writes large integers without exponent notation and infinities as Redis spells them", () => {
    expect(text(encodeCommand(["ZADD", "z", 1_765_000_000_000, "m", Number.NEGATIVE_INFINITY]))).toBe("*5\r\n$4\r\nZADD\r\n$1\r\nz\r\n$13\r\n1765000000000\r\n$1\r\nm\r\n$4\r\n-inf\r\n");
  });
});

describe("RespReader", () => {
  it("parses every RESP2 reply type, including nulls and nested arrays", () => {
    const reader = new RespReader();
    reader.push(bytes("+OK\r\n:42\r\n$-1\r\n*-1\r\n$2\r\nv1\r\n*2\r\n*2\r\n$3\r\n1-0\r\n*2\r\n$1\r\nm\r\n$1\r\nx\r\n-ERR inner\r\n"));
    expect(reader.next()).toEqual({ value: "OK" });
    expect(reader.next()).toEqual({ value: 42 });
    expect(reader.next()).toEqual({ value: null });
    expect(reader.next()).toEqual({ value: null });
    expect(reader.next()).toEqual({ value: "v1" });
    const nested = reader.next()?.value as unknown[];
    expect(nested[0]).toEqual(["1-0", ["m", "x"]]);
    expect(nested[1]).toBeInstanceOf(RespErrorReply);
    expect((nested[1] as Error).message).toBe("ERR inner");
    expect(reader.next()).toBeUndefined();
  });

  it("waits for the rest of a reply split at any byte, multi-byte characters included", () => {
    const json = '{"a":"é€"}';
    const wire = bytes(`*2\r\n$${bytes(json).length}\r\n${json}\r\n:7\r\n`);
    for (let cut = 1; cut < wire.length; cut++) {
      const reader = new RespReader();
      reader.push(wire.slice(0, cut));
      expect(reader.next()).toBeUndefined();
      reader.push(wire.slice(cut));
      expect(reader.next()).toEqual({ value: [json, 7] });
    }
  });

  it("refuses a reply larger than its bound instead of buffering it", () => {
    const reader = new RespReader(64);
    expect(() => reader.push(bytes(`$100\r\n${"x".repeat(100)}\r\n`))).toThrow(RespProtocolError);
    const claims = new RespReader(64);
    claims.push(bytes("$1000000\r\n"));
    expect(() => claims.next()).toThrow(/invalid bulk string length/);
  });

  it("fails on bytes that are not RESP2, naming the byte", () => {
    const reader = new RespReader();
    reader.push(bytes("HTTP/1.1 400 Bad Request\r\n"));
    expect(() => reader.next()).toThrow(/unexpected reply type byte 0x48/);
    const badInteger = new RespReader();
    badInteger.push(bytes(":12abc\r\n"));
    expect(() => badInteger.next()).toThrow(/invalid integer/);
  });
});

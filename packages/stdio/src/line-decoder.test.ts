import { describe, expect, it } from "vitest";
import { LineDecoder, type LineItem } from "./line-decoder.js";

function drain(decoder: LineDecoder): LineItem[] {
  const items: LineItem[] = [];
  for (let item = decoder.next(); item !== undefined; item = decoder.next()) items.push(item);
  return items;
}

function lines(items: LineItem[]): string[] {
  return items.map((item) => (typeof item === "string" ? item : `<oversize ${item.limitBytes}>`));
}

describe("LineDecoder", () => {
  it("returns each newline-terminated line once", () => {
    const decoder = new LineDecoder({ maxLineBytes: 100 });
    decoder.push('{"a":1}\n{"b":2}\n');
    expect(lines(drain(decoder))).toEqual(['{"a":1}', '{"b":2}']);
  });

  it("joins a line split across many chunks", () => {
    const decoder = new LineDecoder({ maxLineBytes: 100 });
    for (const character of '{"split":true}') decoder.push(character);
    expect(drain(decoder)).toEqual([]);
    decoder.push("\n");
    expect(lines(drain(decoder))).toEqual(['{"split":true}']);
  });

  it("decodes a multi-byte character split between two chunks", () => {
    const decoder = new LineDecoder({ maxLineBytes: 100 });
    const bytes = Buffer.from('"héllo €"\n', "utf8");
    const euro = bytes.indexOf(0xe2);
    decoder.push(bytes.subarray(0, euro + 1));
    decoder.push(bytes.subarray(euro + 1));
    expect(lines(drain(decoder))).toEqual(['"héllo €"']);
  });

  it("strips a trailing carriage return from CRLF input", () => {
    const decoder = new LineDecoder({ maxLineBytes: 100 });
    decoder.push("one\r\ntwo\r");
    decoder.push("\n");
    expect(lines(drain(decoder))).toEqual(["one", "two"]);
  });

  it("skips empty and whitespace-only lines", () => {
    const decoder = new LineDecoder({ maxLineBytes: 100 });
    decoder.push("\n\n  \r\n\t\nx\n\n");
    expect(lines(drain(decoder))).toEqual(["x"]);
  });

  it("reports an oversize line once and resynchronises at its newline", () => {
    const decoder = new LineDecoder({ maxLineBytes: 8 });
    decoder.push("0123456789");
    decoder.push("abcdef");
    decoder.push("ghi\nok\n");
    expect(lines(drain(decoder))).toEqual(["<oversize 8>", "ok"]);
    expect(decoder.bufferedBytes).toBe(0);
  });

  it("reports an oversize line that arrives in a single chunk", () => {
    const decoder = new LineDecoder({ maxLineBytes: 4 });
    decoder.push("12345\n1234\n");
    expect(lines(drain(decoder))).toEqual(["<oversize 4>", "1234"]);
  });

  it("keeps memory bounded while discarding an endless line", () => {
    const decoder = new LineDecoder({ maxLineBytes: 1024 });
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const seen: LineItem[] = [];
    for (let index = 0; index < 200; index += 1) {
      decoder.push(chunk);
      seen.push(...drain(decoder));
      expect(decoder.bufferedBytes).toBeLessThanOrEqual(1024);
    }
    expect(lines(seen)).toEqual(["<oversize 1024>"]);
  });

  it("returns a final line without newline only after end()", () => {
    const decoder = new LineDecoder({ maxLineBytes: 100 });
    decoder.push("first\nlast");
    expect(lines(drain(decoder))).toEqual(["first"]);
    decoder.end();
    expect(lines(drain(decoder))).toEqual(["last"]);
    expect(decoder.next()).toBeUndefined();
  });

  it("can stop between lines of one chunk and continue later", () => {
    const decoder = new LineDecoder({ maxLineBytes: 100 });
    decoder.push("a\nb\nc\n");
    expect(decoder.next()).toBe("a");
    decoder.push("d\n");
    expect(lines(drain(decoder))).toEqual(["b", "c", "d"]);
  });

  it("drops everything on clear()", () => {
    const decoder = new LineDecoder({ maxLineBytes: 100 });
    decoder.push("a\npartial");
    decoder.clear();
    decoder.end();
    expect(decoder.next()).toBeUndefined();
    expect(decoder.bufferedBytes).toBe(0);
  });

  it("measures the limit in UTF-8 bytes, not characters", () => {
    const decoder = new LineDecoder({ maxLineBytes: 8 });
    decoder.push("éééé\nééééé\n€€\n€€€\n");
    // é is 2 bytes, € is 3: 8, 10, 6 and 9 bytes.
    expect(lines(drain(decoder))).toEqual(["éééé", "<oversize 8>", "€€", "<oversize 8>"]);
  });

  it("counts bytes of a line split across chunks, multi-byte characters included", () => {
    const decoder = new LineDecoder({ maxLineBytes: 8 });
    decoder.push("ééé");
    decoder.push("é\n");
    decoder.push("éé");
    decoder.push("ééé\nok\n");
    expect(lines(drain(decoder))).toEqual(["éééé", "<oversize 8>", "ok"]);
  });

  it("decodes a character split over three chunks in the middle of a pipelined batch", () => {
    const decoder = new LineDecoder({ maxLineBytes: 100 });
    const bytes = Buffer.from('{"a":1}\n{"euro":"€"}\n{"b":2}\n', "utf8");
    const euro = bytes.indexOf(0xe2);
    decoder.push(bytes.subarray(0, euro + 1));
    decoder.push(bytes.subarray(euro + 1, euro + 2));
    decoder.push(bytes.subarray(euro + 2));
    expect(lines(drain(decoder))).toEqual(['{"a":1}', '{"euro":"€"}', '{"b":2}']);
  });

  it("ends a final line cut inside a character with a replacement character", () => {
    const decoder = new LineDecoder({ maxLineBytes: 100 });
    const bytes = Buffer.from("last €", "utf8");
    decoder.push(bytes.subarray(0, bytes.length - 1));
    expect(drain(decoder)).toEqual([]);
    decoder.end();
    expect(lines(drain(decoder))).toEqual(["last \ufffd"]);
  });

  it("counts buffered bytes of queued and partly read chunks", () => {
    const decoder = new LineDecoder({ maxLineBytes: 100 });
    decoder.push("a\nbé\n");
    decoder.push(Buffer.from("cc", "utf8"));
    expect(decoder.bufferedBytes).toBe(8);
    expect(decoder.next()).toBe("a");
    expect(decoder.bufferedBytes).toBe(6);
    expect(decoder.next()).toBe("bé");
    expect(decoder.next()).toBeUndefined();
    expect(decoder.bufferedBytes).toBe(2);
  });
});

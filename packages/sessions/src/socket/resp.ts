/**
 * RESP2, the Redis wire protocol: commands go out as arrays of bulk strings, replies come back
 * as simple strings, errors, integers, bulk strings and arrays. Byte-exact (bulk lengths count
 * UTF-8 bytes) and incremental: {@link RespReader.next} returns `undefined` until a whole
 * reply has arrived, so replies split across socket chunks parse the same as whole ones.
 * @see https://redis.io/docs/latest/develop/reference/protocol-spec/
 */

/** An error reply (`-ERR …`); kept as a value inside arrays, thrown at the top level. */
export class RespErrorReply extends Error {
  constructor(message: string) {
    super(message);
    // The name ioredis gives Redis's own errors, so both runners map it to `store_failed`.
    this.name = "ReplyError";
  }
}

/** A reply value: string, number, `null`, an error reply, or an array of those. */
export type RespValue = string | number | null | RespErrorReply | RespValue[];

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const CR = 13;
const LF = 10;
const CRLF = new Uint8Array([CR, LF]);

/** Encodes one command (`["SET", key, value]`) as a RESP array of bulk strings. */
export function encodeCommand(args: readonly (string | number)[]): Uint8Array {
  const chunks: Uint8Array[] = [encoder.encode(`*${args.length}\r\n`)];
  for (const arg of args) {
    const part = encoder.encode(typeof arg === "number" ? formatNumber(arg) : arg);
    chunks.push(encoder.encode(`$${part.length}\r\n`), part, CRLF);
  }
  const out = new Uint8Array(chunks.reduce((size, chunk) => size + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return value > 0 ? "+inf" : "-inf";
  return Number.isInteger(value) ? value.toFixed(0) : String(value);
}

/** Thrown when the bytes are not RESP2 or a reply exceeds the size limit; the connection is unusable after it. */
export class RespProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RespProtocolError";
  }
}

type Parsed = { value: RespValue; end: number } | undefined;

/** Incremental reply parser with a bound on buffered bytes. */
export class RespReader {
  private buffer: Uint8Array = new Uint8Array(0);
  private start = 0;

  /** @param maxReplyBytes Largest reply (and buffer) accepted; beyond it the reader fails. */
  constructor(private readonly maxReplyBytes = 16 * 1024 * 1024) {}

  /** Appends bytes read from the socket. */
  push(chunk: Uint8Array): void {
    const rest = this.buffer.length - this.start;
    if (rest + chunk.length > this.maxReplyBytes) {
      throw new RespProtocolError(`a Redis reply exceeded ${this.maxReplyBytes} bytes`);
    }
    if (rest === 0) {
      this.buffer = chunk;
    } else {
      const joined = new Uint8Array(rest + chunk.length);
      joined.set(this.buffer.subarray(this.start), 0);
      joined.set(chunk, rest);
      this.buffer = joined;
    }
    this.start = 0;
  }

  /** The next complete reply, or `undefined` when more bytes are needed. */
  next(): { value: RespValue } | undefined {
    const parsed = this.parse(this.start, 0);
    if (parsed === undefined) return undefined;
    this.start = parsed.end;
    return { value: parsed.value };
  }

  private line(position: number): { text: string; end: number } | undefined {
    for (let index = position; index + 1 < this.buffer.length; index++) {
      if (this.buffer[index] === CR && this.buffer[index + 1] === LF) {
        return { text: decoder.decode(this.buffer.subarray(position, index)), end: index + 2 };
      }
    }
    return undefined;
  }

  private parse(position: number, depth: number): Parsed {
    if (position >= this.buffer.length) return undefined;
    if (depth > 16) throw new RespProtocolError("a Redis reply nests arrays deeper than 16 levels");
    const type = this.buffer[position];
    const header = this.line(position + 1);
    if (header === undefined) return undefined;
    switch (type) {
      case 0x2b: // +
        return { value: header.text, end: header.end };
      case 0x2d: // -
        return { value: new RespErrorReply(header.text), end: header.end };
      case 0x3a: // :
        return { value: this.integer(header.text), end: header.end };
      case 0x24: {
        // $
        const length = this.integer(header.text);
        if (length === -1) return { value: null, end: header.end };
        if (length < 0 || length > this.maxReplyBytes) throw new RespProtocolError(`invalid bulk string length ${header.text}`);
        const end = header.end + length;
        if (end + 2 > this.buffer.length) return undefined;
        if (this.buffer[end] !== CR || this.buffer[end + 1] !== LF) throw new RespProtocolError("a bulk string is not terminated by CRLF");
        return { value: decoder.decode(this.buffer.subarray(header.end, end)), end: end + 2 };
      }
      case 0x2a: {
        // *
        const count = this.integer(header.text);
        if (count === -1) return { value: null, end: header.end };
        if (count < 0 || count > this.maxReplyBytes / 4) throw new RespProtocolError(`invalid array length ${header.text}`);
        const items: RespValue[] = [];
        let end = header.end;
        for (let index = 0; index < count; index++) {
          const item = this.parse(end, depth + 1);
          if (item === undefined) return undefined;
          items.push(item.value);
          end = item.end;
        }
        return { value: items, end };
      }
      default:
        throw new RespProtocolError(`unexpected reply type byte 0x${(type ?? 0).toString(16)} (is this a Redis server speaking RESP2?)`);
    }
  }

  private integer(text: string): number {
    if (!/^-?[0-9]{1,19}$/.test(text)) throw new RespProtocolError(`invalid integer ${JSON.stringify(text.slice(0, 40))}`);
    return Number(text);
  }
}

/**
 * Splits a byte stream into newline-delimited messages.
 *
 * Each chunk is decoded to a string once (a `StringDecoder` carries a multi-byte UTF-8
 * character split across two chunks over to the next one), and lines are cut out of that
 * string. Decoding per chunk rather than per line saves a call into the runtime for every
 * message, about a sixth of what parsing a small request costs. The length limit is still
 * measured in bytes (what the pipe carries). Items are pulled one at a time with
 * {@link LineDecoder.next}, which lets the transport stop mid-chunk when it has to apply
 * backpressure.
 *
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#stdio
 */
import { StringDecoder } from "node:string_decoder";

/** Notice that a line was too long and was dropped. */
export interface OversizeLine {
  readonly kind: "oversize";
  readonly limitBytes: number;
}

/** One unit of input: a complete line (the string itself, no wrapper object per line), or an oversize notice. */
export type LineItem = string | OversizeLine;

const CARRIAGE_RETURN = 0x0d;
const SPACE = 0x20;
const DELETE = 0x7f;

/** A decoded line without its `\r`, or undefined when it is blank. */
function textItem(decoded: string): string | undefined {
  const text = decoded.charCodeAt(decoded.length - 1) === CARRIAGE_RETURN ? decoded.slice(0, -1) : decoded;
  // A line that starts with a visible ASCII character (every JSON message) is not blank: no trim() scan.
  const first = text.charCodeAt(0);
  if (!(first > SPACE && first < DELETE) && text.trim() === "") return undefined;
  return text;
}

/** Options for {@link LineDecoder}. */
export interface LineDecoderOptions {
  /** Longest accepted line in bytes, not counting the line ending. */
  readonly maxLineBytes: number;
}

/**
 * Incremental newline framing with a byte limit per line.
 * Empty and whitespace-only lines are skipped; a trailing `\r` (CRLF input) is removed.
 * An oversize line is reported once and then skipped up to its newline, so the stream
 * stays in sync and memory stays bounded by `maxLineBytes`.
 *
 * A returned line may share storage with the chunk it came from (V8 slices strings), so a
 * caller that keeps lines for long keeps their chunks (at most 64 KiB each from a pipe).
 */
export class LineDecoder {
  readonly #maxLineBytes: number;
  /** A UTF-16 unit is at most 3 UTF-8 bytes, so lines up to this many units need no byte count. */
  readonly #safeUnits: number;
  readonly #utf8 = new StringDecoder("utf8");
  readonly #queue: Array<Buffer | string> = [];
  #queuedBytes = 0;
  /** The decoded chunk being cut into lines, from `#offset` on. */
  #text = "";
  #offset = 0;
  #partial: string[] = [];
  #partialBytes = 0;
  #discarding = false;
  #ended = false;

  constructor(options: LineDecoderOptions) {
    this.#maxLineBytes = options.maxLineBytes;
    this.#safeUnits = Math.floor(options.maxLineBytes / 3);
  }

  /** Bytes received but not yet returned as lines (queued chunks plus the partial line). */
  get bufferedBytes(): number {
    const current = this.#offset < this.#text.length ? Buffer.byteLength(this.#text.slice(this.#offset), "utf8") : 0;
    return this.#queuedBytes + current + this.#partialBytes;
  }

  /** Adds a chunk of input. Buffers are decoded as UTF-8. */
  push(chunk: Buffer | string): void {
    if (this.#ended || chunk.length === 0) return;
    this.#queue.push(chunk);
    this.#queuedBytes += typeof chunk === "string" ? Buffer.byteLength(chunk, "utf8") : chunk.length;
  }

  /** Marks end of input: a final line without a newline is then returned by {@link next}. */
  end(): void {
    this.#ended = true;
  }

  /** Drops everything buffered; later calls to {@link next} return `undefined`. */
  clear(): void {
    this.#queue.length = 0;
    this.#queuedBytes = 0;
    this.#text = "";
    this.#offset = 0;
    this.#utf8.end();
    this.#resetPartial();
    this.#discarding = false;
  }

  /** Returns the next complete item, or `undefined` when more input is needed. */
  next(): LineItem | undefined {
    for (;;) {
      const text = this.#text;
      const start = this.#offset;
      const newline = start < text.length ? text.indexOf("\n", start) : -1;
      if (newline === -1) {
        if (start < text.length) {
          this.#offset = text.length;
          if (!this.#keepPartial(text.slice(start))) return this.#oversize();
        }
        if (!this.#decodeNextChunk()) return this.#flushAtEnd();
        continue;
      }
      this.#offset = newline + 1;
      if (this.#discarding) {
        this.#discarding = false;
        continue;
      }
      let item: LineItem | undefined;
      if (this.#partialBytes === 0) {
        // The common case, a whole line inside one chunk: a slice of the chunk's string.
        const units = newline - start;
        const line = text.slice(start, newline);
        item = units <= this.#safeUnits || Buffer.byteLength(line, "utf8") <= this.#maxLineBytes ? textItem(line) : this.#oversize();
      } else {
        item = this.#completeLine(text.slice(start, newline));
      }
      if (item !== undefined) return item;
    }
  }

  /** Moves on to the next queued chunk; false when there is none. */
  #decodeNextChunk(): boolean {
    const chunk = this.#queue.shift();
    this.#offset = 0;
    if (chunk === undefined) {
      this.#text = "";
      return false;
    }
    this.#queuedBytes -= typeof chunk === "string" ? Buffer.byteLength(chunk, "utf8") : chunk.length;
    this.#text = typeof chunk === "string" ? chunk : this.#utf8.write(chunk);
    return true;
  }

  /**
   * Keeps the start of a line that a later chunk ends. False when that makes the line too
   * long: it is then dropped up to its newline, and the caller reports it (once).
   */
  #keepPartial(rest: string): boolean {
    if (this.#discarding) return true;
    const bytes = Buffer.byteLength(rest, "utf8");
    if (this.#partialBytes + bytes > this.#maxLineBytes) {
      this.#resetPartial();
      this.#discarding = true;
      return false;
    }
    this.#partial.push(rest);
    this.#partialBytes += bytes;
    return true;
  }

  #oversize(): OversizeLine {
    return { kind: "oversize", limitBytes: this.#maxLineBytes };
  }

  #completeLine(piece: string): LineItem | undefined {
    if (this.#partialBytes + Buffer.byteLength(piece, "utf8") > this.#maxLineBytes) {
      this.#resetPartial();
      return this.#oversize();
    }
    // Only called with a partial line held (the whole-line case is sliced directly in next()).
    const line = this.#partial.join("") + piece;
    this.#resetPartial();
    return textItem(line);
  }

  #flushAtEnd(): LineItem | undefined {
    if (!this.#ended || this.#discarding) return undefined;
    const tail = this.#utf8.end();
    if (tail !== "" && !this.#keepPartial(tail)) return this.#oversize();
    if (this.#partialBytes === 0) return undefined;
    return this.#completeLine("");
  }

  #resetPartial(): void {
    this.#partial = [];
    this.#partialBytes = 0;
  }
}

/** Rounds of {@link warmLineDecoder}: enough for V8 to allocate feedback for the split-line paths (5 sufficed in a deoptimisation trace). */
const WARM_ROUNDS = 20;
let warmed = false;

/**
 * Runs the decoder's split-line paths (a line that ends in a later chunk) on a throwaway
 * decoder, once per process, so that V8 has type feedback for them before traffic comes.
 *
 * One-at-a-time traffic sends whole lines, so those paths first ran in the middle of the
 * first pipelined burst, where a 64 KiB chunk ends mid-line. The transport's optimised loop
 * inlines `next()`, and code that never ran is compiled as a deoptimisation exit: the loop was
 * thrown away and recompiled mid-burst, on the core that serves the traffic. With this, the
 * first 20,000-request flood after a one-at-a-time warm-up went from 0.41× to 0.61× of the
 * line-responder limit (benchmarks/README.md, eighth pass). Costs well under a millisecond.
 */
export function warmLineDecoder(): void {
  if (warmed) return;
  warmed = true;
  for (let round = 0; round < WARM_ROUNDS; round += 1) {
    const decoder = new LineDecoder({ maxLineBytes: 64 });
    decoder.push(Buffer.from('{"a":'));
    decoder.next();
    decoder.push(Buffer.from('1}\n{"b"'));
    decoder.next();
    decoder.next();
    decoder.push(Buffer.from(":2}\r\n"));
    decoder.next();
    decoder.next();
  }
}

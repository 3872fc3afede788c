/**
 * Splits a byte stream into newline-delimited messages.
 *
 * Works on bytes, not strings, so a multi-byte UTF-8 character split across two chunks is
 * decoded correctly, and so the length limit is measured in bytes (what the pipe carries).
 * Items are pulled one at a time with {@link LineDecoder.next}, which lets the transport stop
 * mid-chunk when it has to apply backpressure.
 *
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#stdio
 */

/** Notice that a line was too long and was dropped. */
export interface OversizeLine {
  readonly kind: "oversize";
  readonly limitBytes: number;
}

/** One unit of input: a complete line (the string itself, no wrapper object per line), or an oversize notice. */
export type LineItem = string | OversizeLine;

const NEWLINE = 0x0a;
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
 */
export class LineDecoder {
  readonly #maxLineBytes: number;
  readonly #queue: Buffer[] = [];
  #current: Buffer | undefined;
  #offset = 0;
  #partial: Buffer[] = [];
  #partialBytes = 0;
  #discarding = false;
  #ended = false;
  #queuedBytes = 0;

  constructor(options: LineDecoderOptions) {
    this.#maxLineBytes = options.maxLineBytes;
  }

  /** Bytes received but not yet returned as lines (queued chunks plus the partial line). */
  get bufferedBytes(): number {
    const current = this.#current === undefined ? 0 : this.#current.length - this.#offset;
    return this.#queuedBytes + current + this.#partialBytes;
  }

  /** Adds a chunk of input. Strings are encoded as UTF-8. */
  push(chunk: Buffer | string): void {
    if (this.#ended) return;
    const buffer = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
    if (buffer.length === 0) return;
    this.#queue.push(buffer);
    this.#queuedBytes += buffer.length;
  }

  /** Marks end of input: a final line without a newline is then returned by {@link next}. */
  end(): void {
    this.#ended = true;
  }

  /** Drops everything buffered; later calls to {@link next} return `undefined`. */
  clear(): void {
    this.#queue.length = 0;
    this.#queuedBytes = 0;
    this.#current = undefined;
    this.#offset = 0;
    this.#resetPartial();
    this.#discarding = false;
  }

  /** Returns the next complete item, or `undefined` when more input is needed. */
  next(): LineItem | undefined {
    for (;;) {
      if (this.#current === undefined) {
        const chunk = this.#queue.shift();
        if (chunk === undefined) return this.#flushAtEnd();
        this.#queuedBytes -= chunk.length;
        this.#current = chunk;
        this.#offset = 0;
      }
      const current = this.#current;
      const newline = current.indexOf(NEWLINE, this.#offset);
      if (newline === -1) {
        const rest = current.subarray(this.#offset);
        this.#current = undefined;
        if (this.#discarding) continue;
        if (this.#partialBytes + rest.length > this.#maxLineBytes) {
          this.#resetPartial();
          this.#discarding = true;
          return { kind: "oversize", limitBytes: this.#maxLineBytes };
        }
        this.#partial.push(rest);
        this.#partialBytes += rest.length;
        continue;
      }
      const start = this.#offset;
      this.#offset = newline + 1;
      if (this.#offset >= current.length) this.#current = undefined;
      if (this.#discarding) {
        this.#discarding = false;
        continue;
      }
      // The common case, a line inside one chunk, is decoded in place (no subarray, no concat).
      const item =
        this.#partialBytes === 0 && newline - start <= this.#maxLineBytes
          ? textItem(current.toString("utf8", start, newline))
          : this.#completeLine(current.subarray(start, newline));
      if (item !== undefined) return item;
    }
  }

  #completeLine(piece: Buffer): LineItem | undefined {
    if (this.#partialBytes + piece.length > this.#maxLineBytes) {
      this.#resetPartial();
      return { kind: "oversize", limitBytes: this.#maxLineBytes };
    }
    const bytes = this.#partial.length === 0 ? piece : Buffer.concat([...this.#partial, piece]);
    this.#resetPartial();
    return textItem(bytes.toString("utf8"));
  }

  #flushAtEnd(): LineItem | undefined {
    if (!this.#ended || this.#partialBytes === 0 || this.#discarding) return undefined;
    return this.#completeLine(Buffer.alloc(0));
  }

  #resetPartial(): void {
    this.#partial = [];
    this.#partialBytes = 0;
  }
}

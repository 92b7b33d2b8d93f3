/**
 * Splits bytes that arrive in chunks (file reads of any size) into lines at LF (0x0A), without decoding the whole
 * file into one string. A line may span any number of chunks: its pieces are carried over and joined once the LF
 * arrives. LF never occurs inside a multibyte UTF-8 sequence, so cutting at LF never cuts a character and each
 * line decodes on its own (a character split across two chunks is whole again in the joined line).
 *
 * Each line is handed on as `(buf, start, end, lineNo)`: the bytes `buf[start, end)` without the LF and without a
 * CR just before it (CRLF files), and its 1-based line number. No per-line copy is made unless the line spans
 * chunks; `buf` is only valid during the call.
 */
export type LineHandler = (buf: Buffer, start: number, end: number, lineNo: number) => void;

export class ByteLines {
  private carry: Buffer[] = [];
  private carryBytes = 0;
  private lineNo = 0;

  /**
   * @param onLine called for every complete line, in order
   * @param maxLineBytes a longer line throws {@link LineTooLong} (it could not be decoded into a string anyway)
   */
  constructor(
    private readonly onLine: LineHandler,
    private readonly maxLineBytes = 256 * 2 ** 20,
  ) {}

  /** Lines seen so far (the number of the last line handed on). */
  get lines(): number {
    return this.lineNo;
  }

  push(chunk: Uint8Array): void {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let start = 0;
    let lf = buf.indexOf(10);
    if (lf >= 0 && this.carryBytes > 0) {
      this.carry.push(buf.subarray(0, lf));
      const joined = Buffer.concat(this.carry, this.carryBytes + lf);
      this.carry = [];
      this.carryBytes = 0;
      this.emit(joined, 0, joined.length);
      start = lf + 1;
      lf = buf.indexOf(10, start);
    }
    while (lf >= 0) {
      this.emit(buf, start, lf);
      start = lf + 1;
      lf = buf.indexOf(10, start);
    }
    if (start < buf.length) {
      this.carryBytes += buf.length - start;
      if (this.carryBytes > this.maxLineBytes) throw new LineTooLong(this.lineNo + 1, this.maxLineBytes);
      // a copy: the caller may reuse the chunk's memory for its next read
      this.carry.push(Buffer.from(buf.subarray(start)));
    }
  }

  /** Hands on the last line when the input does not end with LF. */
  end(): void {
    if (this.carryBytes === 0) return;
    const joined = Buffer.concat(this.carry, this.carryBytes);
    this.carry = [];
    this.carryBytes = 0;
    this.emit(joined, 0, joined.length);
  }

  private emit(buf: Buffer, start: number, end: number): void {
    this.lineNo++;
    if (end - start > this.maxLineBytes) throw new LineTooLong(this.lineNo, this.maxLineBytes);
    this.onLine(buf, start, end > start && buf[end - 1] === 13 ? end - 1 : end, this.lineNo);
  }
}

export class LineTooLong extends Error {
  constructor(
    readonly lineNo: number,
    readonly maxLineBytes: number,
  ) {
    super(`line ${lineNo} is longer than ${Math.round(maxLineBytes / 2 ** 20)} MiB`);
  }
}

/** Whether `buf[start, end)` holds only ASCII white space (space, tab, CR, LF, vertical tab, form feed). */
export function isBlank(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = buf[i] as number;
    if (c !== 32 && (c < 9 || c > 13)) return false;
  }
  return true;
}

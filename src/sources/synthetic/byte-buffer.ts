// A growable byte buffer for writing CSV lines without building a string per line: at 400k rows × 32 fields
// the string route spent most of its time allocating, flattening and re-encoding ropes. Repeated text
// (names, labels) is encoded once by the caller and copied as bytes; numbers are written digit by digit.

export class ByteBuffer {
  private buf: Buffer;
  private pos = 0;

  constructor(private readonly chunkSize = 1 << 20) {
    this.buf = Buffer.allocUnsafe(chunkSize);
  }

  /** Bytes written since the last take(). */
  get length(): number {
    return this.pos;
  }

  byte(c: number): void {
    if (this.pos >= this.buf.length) this.grow(1);
    this.buf[this.pos++] = c;
  }

  bytes(b: Uint8Array): void {
    if (this.pos + b.length > this.buf.length) this.grow(b.length);
    if (b.length < 24) {
      for (let i = 0; i < b.length; i++) this.buf[this.pos + i] = b[i] as number;
    } else {
      this.buf.set(b, this.pos);
    }
    this.pos += b.length;
  }

  /** Writes a string known to be ASCII (one byte per UTF-16 unit). */
  ascii(s: string): void {
    if (this.pos + s.length > this.buf.length) this.grow(s.length);
    for (let i = 0; i < s.length; i++) this.buf[this.pos++] = s.charCodeAt(i);
  }

  /** Writes any string as UTF-8. */
  utf8(s: string): void {
    const n = Buffer.byteLength(s, 'utf8');
    if (this.pos + n > this.buf.length) this.grow(n);
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }

  /** Writes a non-negative integer in decimal. */
  uint(n: number): void {
    if (n < 10) return this.byte(48 + n);
    let digits = 1;
    for (let x = n; x >= 10; x = Math.floor(x / 10)) digits++;
    if (this.pos + digits > this.buf.length) this.grow(digits);
    let x = n;
    for (let i = this.pos + digits - 1; i >= this.pos; i--) {
      this.buf[i] = 48 + (x % 10);
      x = Math.floor(x / 10);
    }
    this.pos += digits;
  }

  /** Hands over the bytes written so far and starts a fresh buffer (the old one may still be in flight). */
  take(): Buffer {
    const out = this.buf.subarray(0, this.pos);
    this.buf = Buffer.allocUnsafe(this.chunkSize);
    this.pos = 0;
    return out;
  }

  private grow(extra: number): void {
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + extra));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }
}

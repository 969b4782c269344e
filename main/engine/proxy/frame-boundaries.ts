/**
 * Follows frame boundaries in one direction of a relayed stream without decoding payloads: how
 * many bytes of the current frame are still to come, and whether a fragmented data message is
 * open. It tells the relay where an injected frame may go: any frame boundary for a control
 * frame, a message boundary for a data frame (RFC 6455 §5.4: control frames may come between
 * fragments, data frames may not).
 */
export class FrameBoundaries {
  /** Header bytes of the frame being read (its header may straddle chunks). */
  private header = Buffer.alloc(14);
  private headerHave = 0;
  /** Payload bytes of the current frame still to come; 0 between frames. */
  private remaining = 0;
  private inPayload = false;
  /** A data message started with FIN=0 and has not ended. */
  private fragmenting = false;
  /** The current frame is a data frame with FIN=1 or a continuation with FIN=1. */
  private finishesMessage = false;

  /** True between frames (nothing of a frame read yet). */
  get atFrameBoundary(): boolean {
    return !this.inPayload && this.headerHave === 0;
  }

  /** True between messages: a data frame may be injected here. */
  get atMessageBoundary(): boolean {
    return this.atFrameBoundary && !this.fragmenting;
  }

  /** Reads `bytes` like `push`, without listing the boundaries (nothing waits for one). */
  skip(bytes: Uint8Array): void {
    this.read(bytes, null);
  }

  /**
   * Reads `bytes`; returns the offsets inside them that are frame boundaries (after each frame
   * that ends in them), each with whether it is also a message boundary.
   */
  push(bytes: Uint8Array): { offset: number; message: boolean }[] {
    const ends: { offset: number; message: boolean }[] = [];
    this.read(bytes, ends);
    return ends;
  }

  private read(bytes: Uint8Array, ends: { offset: number; message: boolean }[] | null): void {
    let at = 0;
    while (at < bytes.length) {
      if (this.inPayload) {
        const take = Math.min(this.remaining, bytes.length - at);
        at += take;
        this.remaining -= take;
        if (this.remaining === 0) this.endFrame(ends, at);
        continue;
      }
      this.header[this.headerHave++] = bytes[at++] as number;
      const need = headerLength(this.header, this.headerHave);
      if (need === null || this.headerHave < need) continue;
      this.startPayload();
      if (this.remaining === 0) this.endFrame(ends, at);
    }
  }

  private startPayload(): void {
    const b0 = this.header[0] as number;
    const b1 = this.header[1] as number;
    const fin = (b0 & 0x80) !== 0;
    const opcode = b0 & 0x0f;
    let length = b1 & 0x7f;
    if (length === 126) length = this.header.readUInt16BE(2);
    else if (length === 127) length = Number(this.header.readBigUInt64BE(2));
    const data = opcode < 8;
    this.finishesMessage = data && fin;
    if (data && !fin) this.fragmenting = true;
    this.remaining = length;
    this.inPayload = true;
    this.headerHave = 0;
  }

  private endFrame(ends: { offset: number; message: boolean }[] | null, offset: number): void {
    this.inPayload = false;
    if (this.finishesMessage) this.fragmenting = false;
    this.finishesMessage = false;
    ends?.push({ offset, message: !this.fragmenting });
  }
}

/** The header's full length once enough of it is known (2, +2 or +8 for the length, +4 for a mask), else null. */
function headerLength(header: Buffer, have: number): number | null {
  if (have < 2) return null;
  const b1 = header[1] as number;
  const base = (b1 & 0x7f) === 126 ? 4 : (b1 & 0x7f) === 127 ? 10 : 2;
  return base + ((b1 & 0x80) !== 0 ? 4 : 0);
}

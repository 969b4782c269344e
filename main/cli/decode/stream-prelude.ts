import type { Message, Sender } from '../../../shared/protocol/frame.js';
import type { Violation } from '../../../shared/protocol/violations.js';
import { UserError } from '../errors.js';
import { createInflaterFromHeader, type MessageInflater } from './inflate.js';

const MAX_HEAD = 64 * 1024;
const HEAD_END = Buffer.from('\r\n\r\n');

/**
 * What comes before the frames of a captured direction: an optional HTTP upgrade head (skipped,
 * and its permessage-deflate used), and who sent the bytes (given, taken from the head, or
 * inferred from the first frame's MASK bit).
 */
export class StreamPrelude {
  /** Lines for stderr about what was inferred. */
  readonly notes: string[] = [];
  inflater: MessageInflater | null = null;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private headSender: Sender | undefined;
  private extensions: string | undefined;

  constructor(
    private readonly role: Sender | undefined,
    deflate: string | undefined,
  ) {
    this.extensions = deflate;
  }

  /** True when frames are compressed messages we can inflate. */
  get perMessageDeflate(): boolean {
    return this.inflater !== null;
  }

  /**
   * Takes chunks until the frames begin; returns the first frame bytes (possibly empty), or null
   * while an HTTP head is still incomplete.
   */
  take(chunk: Uint8Array): Uint8Array | null {
    this.pending.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length));
    this.pendingBytes += chunk.length;
    const all = this.pending.length === 1 ? (this.pending[0] as Buffer) : Buffer.concat(this.pending);
    const start = all.subarray(0, 5).toString('latin1');
    const isRequest = 'GET /'.startsWith(start.slice(0, Math.min(5, all.length))) && all.length > 0;
    const isResponse = 'HTTP/'.startsWith(start.slice(0, Math.min(5, all.length))) && all.length > 0;
    if (!isRequest && !isResponse) return this.begin(all);
    if (all.length < 5) return null;
    const end = all.indexOf(HEAD_END);
    if (end < 0) {
      if (this.pendingBytes > MAX_HEAD) throw new UserError(`the stream starts like an HTTP head but has no blank line in its first ${MAX_HEAD} bytes`);
      this.pending = [all];
      return null;
    }
    this.readHead(all.subarray(0, end).toString('latin1'), isRequest);
    return this.begin(all.subarray(end + HEAD_END.length));
  }

  /** Called when the input ended before any frame: flushes a head-only stream. */
  finish(): string[] {
    return this.pendingBytes === 0 ? ['the input is empty'] : ['the input holds an HTTP head but no frames'];
  }

  /** Who sent the frames: --role, else the head's side, else the first frame's MASK bit. */
  sender(firstBytes: Uint8Array): Sender {
    if (this.role) return this.role;
    if (this.headSender) return this.headSender;
    const maskBit = firstBytes.length >= 2 && ((firstBytes[1] as number) & 0x80) !== 0;
    const sender: Sender = maskBit ? 'client' : 'server';
    this.notes.push(`role inferred from the first frame's MASK bit: these bytes were sent by the ${sender} (--role to set it)`);
    return sender;
  }

  /** Inflates a compressed message; null when no inflater was set up. */
  async inflate(message: Message): Promise<{ payload: Uint8Array | null; violations: readonly Violation[] } | null> {
    if (this.inflater === null || message.payload === null) return null;
    return this.inflater.inflate(message.payload);
  }

  /** Releases zlib resources. */
  close(): void {
    this.inflater?.close();
  }

  private readHead(head: string, isRequest: boolean): void {
    const [firstLine = ''] = head.split('\r\n', 1);
    this.headSender = isRequest ? 'client' : 'server';
    this.notes.push(`skipped the HTTP ${isRequest ? 'upgrade request' : 'response'} (${firstLine.trim()}); frames follow`);
    if (this.extensions === undefined && !isRequest) {
      const line = head.split('\r\n').find((l) => l.toLowerCase().startsWith('sec-websocket-extensions:'));
      if (line) {
        this.extensions = line.slice(line.indexOf(':') + 1).trim();
        this.notes.push(`using the negotiated extensions from the head: ${this.extensions}`);
      }
    }
  }

  private begin(frames: Uint8Array): Uint8Array {
    this.pending = [];
    const sender = this.role ?? this.headSender;
    if (this.extensions !== undefined) {
      this.inflater = createInflaterFromHeader(this.extensions, sender ?? inferSender(frames));
    }
    return frames;
  }
}

function inferSender(frames: Uint8Array): Sender {
  return frames.length >= 2 && ((frames[1] as number) & 0x80) !== 0 ? 'client' : 'server';
}

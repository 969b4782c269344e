import type { Message, Sender } from '../../../shared/protocol/frame.js';
import { checkUpgradeRequest } from '../../../shared/protocol/handshake.js';
import { headerValue, HttpHeadParser, type HttpHead } from '../../../shared/protocol/http-message.js';
import type { Violation } from '../../../shared/protocol/violations.js';
import { UserError } from '../errors.js';
import { createInflaterFromHeader, type MessageInflater } from './inflate.js';

const REQUEST = 'GET ';
const RESPONSE = 'HTTP/';

/**
 * What comes before the frames of a captured direction: an optional HTTP upgrade head (parsed,
 * checked, skipped, and its permessage-deflate used), and who sent the bytes (given, taken from
 * the head, or inferred from the first frame's MASK bit).
 */
export class StreamPrelude {
  /** Lines for stderr about what was found and inferred. */
  readonly notes: string[] = [];
  /** Problems with the upgrade request at the start of the stream. */
  readonly handshakeViolations: Violation[] = [];
  inflater: MessageInflater | null = null;
  private parser: HttpHeadParser | null = null;
  private seen = '';
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

  /** Takes chunks until the frames begin; returns the first frame bytes, or null while a head is incomplete. */
  take(chunk: Uint8Array): Uint8Array | null {
    if (this.parser === null) {
      // Decide from the first bytes whether an HTTP head leads the stream.
      this.seen += String.fromCharCode(...chunk.subarray(0, 5 - this.seen.length));
      const maybeHead = REQUEST.startsWith(this.seen.slice(0, 4)) || RESPONSE.startsWith(this.seen);
      if (!maybeHead) return this.begin(chunk);
      this.parser = new HttpHeadParser();
    }
    const result = this.parser.push(chunk);
    if (result.state === 'partial') return null;
    if (result.state === 'error') throw new UserError(`the stream starts with an HTTP head that does not parse: ${result.error.message}`);
    this.readHead(result.head);
    return this.begin(result.rest);
  }

  /** Notes for an input that ended before any frame. */
  finish(): string[] {
    if (this.parser === null) return ['the input is empty'];
    const error = this.parser.end();
    return [error ? `no frames: ${error.message}` : 'the input holds an HTTP head but no frames'];
  }

  /** Who sent the frames: --role, else the head's side, else the first frame's MASK bit. */
  sender(firstBytes: Uint8Array): Sender {
    if (this.role) return this.role;
    if (this.headSender) return this.headSender;
    const sender = inferSender(firstBytes);
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

  private readHead(head: HttpHead): void {
    const start = head.start;
    if (start.kind === 'request') {
      this.headSender = 'client';
      this.notes.push(`skipped the upgrade request (${start.method} ${start.target}); frames follow`);
      this.handshakeViolations.push(...checkUpgradeRequest(head));
      return;
    }
    this.headSender = 'server';
    this.notes.push(`skipped the HTTP response (${start.status} ${start.reason}); frames follow`);
    if (start.status !== 101) this.notes.push(`the server did not switch protocols (${start.status}): what follows is a body, not frames`);
    const negotiated = headerValue(head, 'sec-websocket-extensions');
    if (this.extensions === undefined && negotiated !== undefined) {
      this.extensions = negotiated;
      this.notes.push(`using the extensions the response negotiated: ${negotiated}`);
    }
  }

  private begin(frames: Uint8Array): Uint8Array {
    if (this.extensions !== undefined) {
      this.inflater = createInflaterFromHeader(this.extensions, this.role ?? this.headSender ?? inferSender(frames));
    }
    return frames;
  }
}

function inferSender(frames: Uint8Array): Sender {
  return frames.length >= 2 && ((frames[1] as number) & 0x80) !== 0 ? 'client' : 'server';
}

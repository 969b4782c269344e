import type { Direction, Role } from '../../../shared/model/events.js';
import {
  perMessageDeflateFromResponse,
  type PerMessageDeflateParams,
} from '../../../shared/protocol/extensions.js';
import type { DecoderLimits } from '../../../shared/protocol/frame.js';
import { headerValue, HttpHeadParser, type HttpHead } from '../../../shared/protocol/http-message.js';
import type { EventHub } from '../event-hub.js';
import { DirectionTap } from './direction-tap.js';
import type { FrameFact } from './frame-fact.js';
import type { WireSink } from './sinks.js';

/** What a connection tap tells its owner. */
export interface ConnectionTapHandlers {
  /** The upgrade request head (ours as a client, the peer's as a server). */
  readonly onRequestHead: (head: HttpHead, t: number) => void;
  /** The response head; the tap switches to frames on a 101. */
  readonly onResponseHead: (head: HttpHead, t: number) => void;
  readonly onFrames: (facts: readonly FrameFact[]) => void;
}

/** Options of a ConnectionTap. */
export interface ConnectionTapOptions {
  readonly conn: number;
  readonly role: Role;
  readonly hub: EventHub;
  readonly sink: WireSink;
  readonly limits: DecoderLimits;
  readonly handlers: ConnectionTapHandlers;
  /**
   * The `out` bytes are buffers handed to `socket.write`, which their owners may reuse after the
   * write (a client's or server's tap); false when they are socket reads (the proxy relays them).
   */
  readonly outWritten: boolean;
}

type Phase =
  { kind: 'head'; parser: HttpHeadParser } | { kind: 'frames'; tap: DirectionTap } | { kind: 'other' };

/**
 * Follows one TCP (or TLS) connection from its first byte: the HTTP upgrade head in each
 * direction, then — after a 101 — frames in both directions through a DirectionTap each. Bytes of
 * a non-101 answer (its body) and anything after a head that failed are counted, not decoded.
 */
export class ConnectionTap {
  private readonly phases: Record<Direction, Phase>;
  /**
   * Bytes that came in after the 101 (often in the same read), held until the owner says the
   * connection is open: `ws` emits `open` only after it checked the 101, and a frame event must
   * not come before the open it belongs to.
   */
  private held: Uint8Array[] | null = null;
  /** Where the upgrade request travels: `out` for a client (and a proxy), `in` for a server. */
  private readonly requestDir: Direction;
  otherBytes = 0;

  constructor(private readonly options: ConnectionTapOptions) {
    const requestDir: Direction = options.role === 'client' ? 'out' : 'in';
    this.requestDir = requestDir;
    const responseDir: Direction = requestDir === 'out' ? 'in' : 'out';
    this.phases = {
      [requestDir]: { kind: 'head', parser: new HttpHeadParser({ expect: 'request' }) },
      [responseDir]: { kind: 'head', parser: new HttpHeadParser({ expect: 'response' }) },
    } as Record<Direction, Phase>;
  }

  /** The DirectionTap of `dir` once frames flow, else null. */
  frames(dir: Direction): DirectionTap | null {
    const phase = this.phases[dir];
    return phase.kind === 'frames' ? phase.tap : null;
  }

  /** Bytes that crossed the socket in `dir` at `t`. */
  push(dir: Direction, bytes: Uint8Array, t: number): void {
    if (dir === 'in' && this.held !== null) {
      this.held.push(Uint8Array.from(bytes));
      return;
    }
    const phase = this.phases[dir];
    if (phase.kind === 'frames') return phase.tap.push(bytes, t);
    if (phase.kind === 'other') {
      this.otherBytes += bytes.length;
      return;
    }
    const result = phase.parser.push(bytes);
    if (result.state === 'partial') return;
    if (result.state === 'error') {
      this.phases[dir] = { kind: 'other' };
      this.headError(dir, result.error.message, t);
      return;
    }
    this.onHead(dir, result.head, t);
    if (result.rest.length > 0) this.push(dir, result.rest, t);
  }

  /** The connection is open (or will never be): decodes what came in after the 101 meanwhile. */
  release(t: number): void {
    const held = this.held;
    this.held = null;
    for (const bytes of held ?? []) this.push('in', bytes, t);
  }

  /** The socket closed: ends the decoders (reporting frames cut short). */
  end(t: number): void {
    this.release(t);
    for (const dir of ['in', 'out'] as const) {
      const phase = this.phases[dir];
      if (phase.kind === 'frames') phase.tap.end(t);
    }
  }

  /** Resolves once every message decoded so far (inflation included) has been published. */
  async drained(): Promise<void> {
    await Promise.all((['in', 'out'] as const).map((dir) => this.frames(dir)?.drained()));
  }

  /** A head that does not parse is an `error` event: a bad request for a server, an invalid answer or request otherwise. */
  private headError(dir: Direction, message: string, t: number): void {
    const { hub, conn, role } = this.options;
    const which = dir === this.requestDir ? 'request' : 'response';
    hub.emit(
      conn,
      {
        type: 'error',
        code: role === 'server' ? 'HANDSHAKE_BAD_REQUEST' : 'HANDSHAKE_INVALID',
        message: `${which} head: ${message}`,
      },
      t,
    );
  }

  private onHead(dir: Direction, head: HttpHead, t: number): void {
    const { role, handlers } = this.options;
    const isRequest = head.start.kind === 'request';
    if (isRequest) {
      this.phases[dir] = { kind: 'other' };
      handlers.onRequestHead(head, t);
      return;
    }
    const switching = head.start.status === 101;
    if (!switching) {
      this.phases[dir] = { kind: 'other' };
      handlers.onResponseHead(head, t);
      return;
    }
    // Frames flow both ways from here: set up both decoders before anyone reacts to the 101.
    const deflate = deflateOf(head);
    const clientDir: Direction = role === 'client' ? 'out' : 'in';
    for (const d of ['in', 'out'] as const) {
      this.phases[d] = {
        kind: 'frames',
        tap: this.directionTap(d, d === clientDir ? 'client' : 'server', deflate),
      };
    }
    // A client's peer may send frames right behind its 101: hold them until the open is out.
    if (role === 'client') this.held = [];
    handlers.onResponseHead(head, t);
  }

  private directionTap(
    dir: Direction,
    sender: 'client' | 'server',
    deflate: PerMessageDeflateParams | null,
  ): DirectionTap {
    const { conn, hub, sink, limits, handlers, outWritten } = this.options;
    const inputReused = dir === 'out' && outWritten;
    return new DirectionTap({
      conn,
      dir,
      sender,
      hub,
      sink,
      deflate,
      limits,
      inputReused,
      onFrames: handlers.onFrames,
    });
  }
}

/** The permessage-deflate a 101 accepted, or null (also when the header is malformed: ws fails that handshake). */
function deflateOf(head: HttpHead): PerMessageDeflateParams | null {
  const header = headerValue(head, 'sec-websocket-extensions');
  if (header === undefined) return null;
  const parsed = perMessageDeflateFromResponse(header);
  return parsed.ok ? parsed.value : null;
}

/** Frames and bytes both ways over the taps of one connection (a redirect makes several), for its `closed` event. */
export function wireCounts(taps: readonly ConnectionTap[]): {
  framesIn: number;
  framesOut: number;
  bytesIn: number;
  bytesOut: number;
} {
  const count = (dir: Direction, what: 'frames' | 'bytes'): number =>
    taps.reduce((n, tap) => n + (tap.frames(dir)?.[what] ?? 0), 0);
  return {
    framesIn: count('in', 'frames'),
    framesOut: count('out', 'frames'),
    bytesIn: count('in', 'bytes'),
    bytesOut: count('out', 'bytes'),
  };
}

import type net from 'node:net';
import type tls from 'node:tls';
import { explainClose } from '../../../shared/model/close-explanation.js';
import type {
  ClosedEvent,
  OpenEvent,
  UpgradeRequestEvent,
  UpgradeResponseEvent,
} from '../../../shared/model/events.js';
import { DEFAULT_LIMITS } from '../../../shared/protocol/frame.js';
import { checkUpgradeResponse } from '../../../shared/protocol/handshake.js';
import { HttpHeadParser, type HttpHead } from '../../../shared/protocol/http-message.js';
import { CloseTracker, emitRoundTrips, tcpEndedBy } from '../client/close-tracker.js';
import { tcpEvent, tlsEvent } from '../client/timeline.js';
import type { EventHub } from '../event-hub.js';
import { ConnectionTap, wireCounts } from '../tap/connection-tap.js';
import type { WireSink } from '../tap/sinks.js';
import { refusalResponse } from '../server/upgrade-request.js';
import { EngineError } from '../errors.js';
import { forwardedHead, type HeaderEdits } from './forward-head.js';
import { closeFrame, injectedFrame, type Injected, type Side } from './interventions.js';
import type { LiveRules } from './live-rules.js';
import { rulesDropMessages, rulesToward, type MessageRules } from './message-rules.js';
import { connectTarget, isSecure } from './target-socket.js';
import { RelayDirection, type MessagePolicy } from './relay-direction.js';

/** What a proxied connection needs from its proxy. */
export interface ProxyHost {
  readonly hub: EventHub;
  readonly sink: WireSink;
  readonly target: URL;
  readonly edits: HeaderEdits;
  /** TLS toward a wss target: CA (PEM) trusted besides the system's, or no verification. */
  readonly tls: { readonly ca?: string; readonly insecure?: boolean };
  /** A request head must be complete within this many ms. */
  readonly headTimeoutMs: number;
  /** Bytes a held direction may keep before its source is paused. */
  readonly maxHeld: number;
  /** Latency, jitter and drops applied to messages, or null. */
  readonly rules: MessageRules | null;
  /** Rules that can change while the proxy runs (instead of `rules`), or null. */
  readonly live: LiveRules | null;
  gone(conn: number): void;
}

/**
 * One connection through `wstap proxy`: the app's socket (downstream) and the target's
 * (upstream). The request head is parsed to rewrite Host and apply header edits; after that the
 * bytes are relayed exactly as they came — same masks, same fragmentation, same compression —
 * with backpressure both ways (a side that reads slowly pauses the other). The tap sees the bytes
 * as a client would: `out` = the app toward the target, `in` = the target toward the app.
 */
export class ProxyConnection {
  private readonly startT: number;
  private readonly tracker = new CloseTracker('client');
  private readonly tap: ConnectionTap;
  private readonly parser = new HttpHeadParser({ expect: 'request' });
  private upstream: net.Socket | null = null;
  private toTarget: RelayDirection | null = null;
  private toApp: RelayDirection | null = null;
  private requestT = 0;
  private request: HttpHead | null = null;
  private headTimer: NodeJS.Timeout | null;
  private readonly ended = { down: null as number | null, up: null as number | null };
  private closedSockets = 0;
  private error: string | null = null;
  /** The handshake negotiated an extension (live drop rules then leave this connection alone). */
  private isExtended = false;

  constructor(
    private readonly host: ProxyHost,
    readonly conn: number,
    private readonly downstream: net.Socket,
  ) {
    const { hub } = host;
    this.startT = hub.clock.now();
    hub.emit(
      conn,
      { type: 'connecting', role: 'client', url: host.target.href, attempt: 1, session: 0 },
      this.startT,
    );
    hub.emit(conn, {
      type: 'log',
      level: 'info',
      message: `proxying ${downstream.remoteAddress ?? '?'}:${downstream.remotePort ?? '?'} → ${host.target.host}`,
    });
    this.tap = new ConnectionTap({
      conn,
      role: 'client',
      hub,
      sink: host.sink,
      limits: DEFAULT_LIMITS,
      // Both directions are socket reads, relayed unchanged: payloads may stay views of them.
      outWritten: false,
      handlers: {
        onRequestHead: (head, t) => this.onRequestHead(head, t),
        onResponseHead: (head, t) => this.onResponseHead(head, t),
        onFrames: (facts) => {
          emitRoundTrips(hub, conn, this.tracker.onFrames(facts));
        },
      },
    });
    downstream.on('data', this.onHeadData);
    downstream.on('error', (error: NodeJS.ErrnoException) => (this.error ??= error.code ?? error.message));
    downstream.once('end', () => (this.ended.down ??= hub.clock.now()));
    downstream.once('close', () => this.onSocketClose());
    this.headTimer = setTimeout(
      () => this.refuse(408, `no complete request within ${host.headTimeoutMs} ms\n`),
      host.headTimeoutMs,
    );
    this.headTimer.unref();
  }

  /** Sends a message or control frame toward one side, at a frame boundary (masked toward the target). */
  inject(to: Side, what: Injected): void {
    const direction = this.openDirection(to);
    const injection = injectedFrame(what, to === 'target');
    direction.inject(injection);
    this.note(`injected ${injection.description} toward the ${to}`);
  }

  /** Closes one side (or both) with this code: a Close goes to it and nothing more is relayed to or from it. */
  closeSide(side: Side | 'both', code: number, reason = ''): void {
    for (const to of side === 'both' ? (['app', 'target'] as const) : [side]) {
      this.openDirection(to).injectLast(closeFrame(code, reason, to === 'target'));
      // Its answers (its Close too) are not passed on: the other side did not ask for them.
      (to === 'app' ? this.toTarget : this.toApp)?.shutDown();
      this.note(`closed the ${to}'s side with ${code}${reason ? ` ${JSON.stringify(reason)}` : ''}`);
    }
    // The app, a client, waits for the server to end TCP after its Close: wstap does, soon after.
    if (side !== 'target') setTimeout(() => this.downstream.end(), 1000).unref();
  }

  /** Keeps what goes toward `to` until release (bounded: at the bound its source is paused). */
  hold(to: Side): void {
    this.openDirection(to).hold();
    this.note(`holding everything toward the ${to}`);
  }

  /** Sends what was held toward `to`, in order; returns how many bytes. */
  release(to: Side): number {
    const bytes = this.openDirection(to).release();
    this.note(`released ${bytes} B toward the ${to}`);
    return bytes;
  }

  /** Bytes held toward each side (null: not holding). */
  held(): { toApp: number | null; toTarget: number | null } {
    return { toApp: this.toApp?.holding ?? null, toTarget: this.toTarget?.holding ?? null };
  }

  /** Whether frames are relayed (the 101 went through and the app's socket is up). */
  get open(): boolean {
    return this.toApp !== null && this.toApp.open && !this.downstream.destroyed;
  }

  /** Whether the handshake negotiated an extension (permessage-deflate): live drop rules skip it. */
  get extended(): boolean {
    return this.isExtended;
  }

  /** Cuts TCP both ways at once with a reset: no Close frame, both sides see 1006. */
  cut(): void {
    this.note('cut both TCP connections');
    this.downstream.resetAndDestroy();
    this.upstream?.resetAndDestroy();
  }

  private openDirection(to: Side): RelayDirection {
    const direction = to === 'app' ? this.toApp : this.toTarget;
    if (direction === null || this.toApp === null || !this.toApp.open || this.downstream.destroyed) {
      throw new EngineError(
        'NOT_OPEN',
        `connection #${this.conn} is not an open WebSocket connection: nothing can be sent to or held for the ${to}`,
      );
    }
    return direction;
  }

  private note(message: string): void {
    this.host.hub.emit(this.conn, { type: 'log', level: 'info', message });
  }

  /** Cuts both sides at once (proxy shutdown). */
  destroy(): void {
    this.downstream.destroy();
    this.upstream?.destroy();
  }

  private readonly onHeadData = (bytes: Buffer): void => {
    const result = this.parser.push(bytes);
    if (result.state === 'partial') return;
    this.downstream.removeListener('data', this.onHeadData);
    this.downstream.pause();
    if (this.headTimer) clearTimeout(this.headTimer);
    if (result.state === 'error') return this.refuse(400, `${result.error.message}\n`);
    this.connectUpstream(result.head, Buffer.from(result.rest));
  };

  private connectUpstream(head: HttpHead, rest: Buffer): void {
    const { hub, target, tls: tlsOptions } = this.host;
    const secure = isSecure(target);
    const t0 = hub.clock.now();
    const upstream = connectTarget(target, tlsOptions);
    this.upstream = upstream;
    upstream.once('connect', () => hub.emit(this.conn, tcpEvent(upstream, hub.clock.now() - t0)));
    upstream.once(secure ? 'secureConnect' : 'connect', () => {
      if (secure) hub.emit(this.conn, tlsEvent(upstream as tls.TLSSocket, hub.clock.now() - t0));
      this.relay(forwardedHead(head, target, this.edits()), rest);
    });
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      this.error ??= error.code ?? error.message;
      if (this.tracker.reached === 'connecting') {
        this.tracker.connectError = {
          code: error.code ?? 'CONNECT_FAILED',
          message: error.message,
          tls: secure && !(upstream as tls.TLSSocket).encrypted,
        };
        hub.emit(this.conn, {
          type: 'error',
          code: secure && error.code !== 'ECONNREFUSED' ? 'TLS_FAILED' : 'CONNECT_FAILED',
          message: `target ${target.host}: ${error.message}`,
        });
        this.refuse(502, `wstap proxy: cannot reach the target ${target.host}: ${error.message}\n`);
      }
    });
    upstream.once('end', () => (this.ended.up ??= hub.clock.now()));
    upstream.once('close', () => this.onSocketClose());
  }

  /** The header edits, plus stripping permessage-deflate when rules drop messages. */
  private edits(): HeaderEdits {
    if (!rulesDropMessages(this.host.rules) && !(this.host.live?.dropsAny() ?? false)) return this.host.edits;
    this.note(
      'permessage-deflate stripped from the handshake: dropping messages would break a compressed stream',
    );
    return { set: this.host.edits.set, remove: [...this.host.edits.remove, 'sec-websocket-extensions'] };
  }

  /** Relays both ways, exactly, with backpressure; the tap sees every byte as it passes. */
  private relay(forwardedHead: Buffer, rest: Buffer): void {
    const up = this.upstream as net.Socket;
    const down = this.downstream;
    const clock = this.host.hub.clock;
    const held = (dir: string) => (bytes: number) =>
      this.host.hub.emit(this.conn, {
        type: 'log',
        level: 'warn',
        message: `holding ${bytes} B ${dir}: the limit (${this.host.maxHeld} B); reading paused until release`,
      });
    this.toTarget = new RelayDirection(
      down,
      up,
      {
        tap: (bytes) => this.tap.push('out', bytes, clock.now()),
        onHeldLimit: held('toward the target'),
        onDropped: (what) => this.note(`dropped ${what} toward the target`),
        backlog: () => this.host.sink.backlog(),
      },
      { responseHeadFirst: false, maxHeld: this.host.maxHeld, policy: this.policy('target') },
    );
    this.toApp = new RelayDirection(
      up,
      down,
      {
        tap: (bytes) => this.tap.push('in', bytes, clock.now()),
        onHeldLimit: held('toward the app'),
        onDropped: (what) => this.note(`dropped ${what} toward the app`),
        backlog: () => this.host.sink.backlog(),
      },
      { responseHeadFirst: true, maxHeld: this.host.maxHeld, policy: this.policy('app') },
    );
    this.toTarget.writeRaw(forwardedHead);
    if (rest.length > 0) this.toTarget.accept(rest);
    // Half-closes pass through: a FIN from one side is forwarded as a FIN to the other.
    up.once('end', () => down.end());
    down.once('end', () => up.end());
    down.resume();
  }

  private policy(to: Side): MessagePolicy | null {
    const { live } = this.host;
    return live === null ? rulesToward(this.host.rules, to) : live.policy(to, () => this.isExtended);
  }

  private refuse(status: number, body: string): void {
    if (this.downstream.destroyed) return;
    this.host.hub.emit(this.conn, {
      type: 'log',
      level: 'warn',
      message: `answered ${status} to the app: ${body.trim()}`,
    });
    this.downstream.end(refusalResponse(status, [], body));
    setTimeout(() => this.downstream.destroy(), 5000).unref();
    this.upstream?.destroy();
  }

  private onRequestHead(head: HttpHead, t: number): void {
    this.request = head;
    this.requestT = t;
    this.tracker.reached = 'handshake';
    const start = head.start;
    const requestLine = start.kind === 'request' ? `${start.method} ${start.target} ${start.version}` : '';
    this.host.hub.emit<UpgradeRequestEvent>(
      this.conn,
      { type: 'upgrade-request', requestLine, headers: head.headers },
      t,
    );
  }

  private onResponseHead(head: HttpHead, t: number): void {
    const { hub } = this.host;
    const start = head.start;
    const status = start.kind === 'response' ? start.status : 0;
    if (status !== 101)
      this.tracker.refused = { status, statusText: start.kind === 'response' ? start.reason : '' };
    hub.emit<UpgradeResponseEvent>(
      this.conn,
      {
        type: 'upgrade-response',
        statusLine: start.kind === 'response' ? `${start.version} ${start.status} ${start.reason}` : '',
        status,
        headers: head.headers,
        body: null,
        ms: Math.round((t - this.requestT) * 1000) / 1000,
        violations: this.request ? checkUpgradeResponse(this.request, head) : [],
      },
      t,
    );
    if (status !== 101) return;
    this.tracker.reached = 'open';
    const extensions = head.fields.get('sec-websocket-extensions') ?? null;
    this.isExtended = extensions !== null;
    hub.emit<OpenEvent>(this.conn, {
      type: 'open',
      subprotocol: head.fields.get('sec-websocket-protocol') ?? null,
      extensions,
      ms: Math.round((t - this.startT) * 1000) / 1000,
    });
    this.tap.release(t);
  }

  private onSocketClose(): void {
    this.closedSockets++;
    // One side gone: the other follows (a reset or a close without FIN is passed on as a close).
    if (this.closedSockets === 1) {
      if (this.downstream.destroyed) this.upstream?.end();
      else this.downstream.end();
      setTimeout(() => this.destroy(), 2000).unref();
      if (this.upstream === null) this.closedSockets++;
    }
    if (this.closedSockets < 2) return;
    const t = this.host.hub.clock.now();
    // The target is the peer of the tap's client view; the app's end counts as ours.
    this.tracker.onTcpEnd(t, tcpEndedBy(this.ended.up, this.ended.down, this.error), this.error);
    this.tap.end(t);
    void this.finish();
  }

  private async finish(): Promise<void> {
    await this.tap.drained();
    const { hub } = this.host;
    const verdict = explainClose(this.tracker.facts());
    hub.emit<ClosedEvent>(this.conn, {
      type: 'closed',
      ...verdict,
      explanation: proxyWording(verdict.explanation),
      sent: this.tracker.sent,
      received: this.tracker.received,
      tcpClean: this.tracker.tcpEnd !== null && this.tracker.tcpEnd.error === null,
      duration: Math.round((hub.clock.now() - this.startT) * 1000) / 1000,
      ...wireCounts([this.tap]),
    });
    this.host.gone(this.conn);
  }
}

/** The verdict as a proxy tells it: "we" (the client side of the tap) is the app. */
function proxyWording(explanation: string): string {
  return explanation.replace(/\bwe\b/g, 'the app').replace(/\bour\b/g, "the app's");
}

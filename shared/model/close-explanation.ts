/**
 * The verdict on how a connection ended, in plain language: who closed, with what, how long the
 * close handshake took, and — when it went wrong — the most likely reason, named from what was on
 * the wire (e.g. "server failed the connection: 1002 after we sent RSV2").
 */
import { closeCodeLabel } from '../protocol/close-codes.js';
import type { CloseSide, Role } from './events.js';

/** A frame we (or the peer) sent that broke a rule, as the verdict names it. */
export interface BlamedFrame {
  readonly t: number;
  /** E.g. "RSV2 (RSV_NOT_NEGOTIATED)". */
  readonly what: string;
}

/** What is known when a connection has ended; the session fills it in as things happen. */
export interface CloseFacts {
  /** Our role: a client's peer is "the server". */
  readonly role: Role;
  /** How far the connection got. */
  readonly reached: 'connecting' | 'handshake' | 'open';
  /** Error before or during the TCP/TLS connect: code (ECONNREFUSED, CERT_HAS_EXPIRED...) and message. */
  readonly connectError: { readonly code: string; readonly message: string; readonly tls: boolean } | null;
  /** The upgrade was answered with something else than 101. */
  readonly refused: { readonly status: number; readonly statusText: string } | null;
  /** The handshake did not finish in time (ms). */
  readonly handshakeTimeout: number | null;
  /** The response was a 101 that the client rejected (bad Sec-WebSocket-Accept, ...). */
  readonly handshakeError: string | null;
  readonly sent: CloseSide | null;
  readonly received: CloseSide | null;
  /** When TCP ended and who ended it first (`peer`: FIN or reset from the peer). */
  readonly tcpEnd: { readonly t: number; readonly by: 'peer' | 'us'; readonly error: string | null } | null;
  /** Our last frame before the end, e.g. { t, what: "ping" }. */
  readonly lastSent: BlamedFrame | null;
  /** Our first frame that broke a rule, if any. */
  readonly ourViolation: BlamedFrame | null;
  /** The peer's first frame that broke a rule, if any. */
  readonly peerViolation: BlamedFrame | null;
  /** The liveness check gave up. */
  readonly heartbeat: { readonly missed: number; readonly silentMs: number } | null;
  /** The user dropped the connection without a close handshake (terminate). */
  readonly terminated: boolean;
}

/** The verdict. */
export interface CloseVerdict {
  readonly initiator: 'us' | 'peer' | 'none';
  readonly code: number;
  readonly handshakeMs: number | null;
  readonly explanation: string;
}

/** Failure codes: a peer sending one of these is failing the connection because of what it saw. */
const FAILURE_CODES = new Set([1002, 1003, 1007, 1008, 1009, 1010]);

/** Builds the verdict from the facts. */
export function explainClose(facts: CloseFacts): CloseVerdict {
  const peer = facts.role === 'client' ? 'server' : 'client';
  const { sent, received, tcpEnd } = facts;
  const initiator = sent && (!received || sent.t <= received.t) ? 'us' : received ? 'peer' : 'none';
  const code = received ? (received.code ?? 1005) : 1006;
  const first = initiator === 'us' ? sent : initiator === 'peer' ? received : null;
  const handshakeMs = first && tcpEnd ? round(tcpEnd.t - first.t) : null;
  return { initiator, code, handshakeMs, explanation: explain(facts, peer, initiator, code, handshakeMs) };
}

function explain(facts: CloseFacts, peer: string, initiator: CloseVerdict['initiator'], code: number, handshakeMs: number | null): string {
  const early = beforeOpen(facts, peer);
  if (early !== null) return early;
  if (facts.heartbeat) {
    const { missed, silentMs } = facts.heartbeat;
    return `no pong for ${ms(silentMs)} after ${missed} ping${missed === 1 ? '' : 's'}: we dropped the connection (1006); the ${peer} is unresponsive or the network path is gone`;
  }
  const { sent, received, tcpEnd } = facts;
  if (initiator === 'none') return noCloseFrame(facts, peer);
  const tcp = tcpText(facts, peer);
  if (initiator === 'peer' && received) {
    const what = `${closeText(received)}`;
    if (received.code !== null && FAILURE_CODES.has(received.code) && facts.ourViolation) {
      return `${peer} failed the connection: ${closeCodeLabel(received.code)} ${ago(received.t - facts.ourViolation.t)}after we sent ${facts.ourViolation.what}${tcp}`;
    }
    const answer = sent ? `; we answered ${closeText(sent)} after ${ms(sent.t - received.t)}` : '; we never answered with a Close frame';
    return `${peer} closed with ${what}${answer}${tcp}`;
  }
  if (sent) {
    if (sent.code !== null && FAILURE_CODES.has(sent.code) && facts.peerViolation) {
      return `we failed the connection: ${closeCodeLabel(sent.code)} after the ${peer} sent ${facts.peerViolation.what}${tcp}`;
    }
    const answer = received
      ? `; the ${peer} answered ${closeText(received)} after ${ms(received.t - sent.t)}`
      : tcpEnd?.by === 'peer'
        ? `; the ${peer} closed TCP without answering with a Close frame (${code})`
        : `; the ${peer} never answered with a Close frame (${code})`;
    const took = handshakeMs !== null && received ? `, close handshake ${ms(handshakeMs)}` : '';
    return `we closed with ${closeText(sent)}${answer}${took}${tcp}`;
  }
  return `closed (${code})`;
}

/** Failures before the connection opened. */
function beforeOpen(facts: CloseFacts, peer: string): string | null {
  if (facts.connectError) {
    const { code, message, tls } = facts.connectError;
    if (tls) return `TLS handshake failed: ${message} (${code}) (1006); trust the ${peer}'s CA with --ca FILE, or skip verification with --insecure`;
    const hint = CONNECT_HINTS[code];
    return `TCP connect failed: ${message}${hint ? ` (${hint})` : ''} (1006)`;
  }
  if (facts.refused) {
    const { status, statusText } = facts.refused;
    // wstap's own server refused: say so from its side (the body the client got is in the timeline).
    if (facts.role === 'server') return `we answered ${status}${statusText ? ` ${statusText}` : ''} instead of 101 Switching Protocols: the upgrade was refused (the client sees 1006)`;
    return `${peer} answered ${status}${statusText ? ` ${statusText}` : ''} instead of 101 Switching Protocols: the handshake failed (1006)${STATUS_HINTS[status] ?? ''}`;
  }
  if (facts.handshakeTimeout !== null) return `no answer to the upgrade request within ${ms(facts.handshakeTimeout)}: the handshake timed out (1006)`;
  if (facts.handshakeError !== null) return `the ${peer}'s 101 was rejected: ${facts.handshakeError} (1006)`;
  if (facts.reached !== 'open') {
    const end = facts.tcpEnd;
    const how = end?.error ? `: ${end.error}` : '';
    return `the connection ended during the ${facts.reached === 'connecting' ? 'connect' : 'opening handshake'}${how} (1006)`;
  }
  return null;
}

function noCloseFrame(facts: CloseFacts, peer: string): string {
  const end = facts.tcpEnd;
  if (facts.terminated) return 'we dropped TCP without a Close frame (1006): no close handshake';
  if (!end) return `the connection ended without a Close frame (1006): no close handshake`;
  if (end.by === 'us') return `we closed TCP without a Close frame (1006)${end.error ? `: ${end.error}` : ''}`;
  const after = facts.lastSent ? ` ${ms(end.t - facts.lastSent.t)} after our ${facts.lastSent.what}` : '';
  const how = end.error ? `reset TCP (${end.error})` : 'closed TCP';
  return `${peer} ${how}${after} without a Close frame (1006): no close handshake`;
}

function tcpText(facts: CloseFacts, peer: string): string {
  const end = facts.tcpEnd;
  if (!end) return '';
  if (end.error) return `; TCP ended with an error: ${end.error}`;
  return `; TCP closed cleanly (${end.by === 'us' ? 'we' : `the ${peer}`} ended it)`;
}

function closeText(side: CloseSide): string {
  if (side.code === null) return 'an empty Close (1005)';
  return `${closeCodeLabel(side.code)}${side.reason ? ` ${JSON.stringify(side.reason)}` : ''}`;
}

function ago(delta: number): string {
  return delta >= 0 ? `${ms(delta)} ` : '';
}

/** Milliseconds for people: 0.4 ms, 12 ms, 1.5 s, 30 s. */
export function ms(value: number): string {
  if (value < 10) return `${round(value, 10)} ms`;
  if (value < 1000) return `${Math.round(value)} ms`;
  const seconds = value / 1000;
  return `${seconds < 10 ? round(seconds, 10) : Math.round(seconds)} s`;
}

function round(value: number, scale = 1000): number {
  return Math.round(value * scale) / scale;
}

const CONNECT_HINTS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'nothing is listening on that port',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'DNS lookup failed for now',
  ETIMEDOUT: 'no answer from the host',
  EHOSTUNREACH: 'no route to the host',
  ECONNRESET: 'the connection was reset',
};

const STATUS_HINTS: Readonly<Record<number, string>> = {
  400: '; the server rejected the upgrade request (check the headers and subprotocols)',
  401: '; authenticate with --auth user:pass or a header such as -H "Authorization: Bearer TOKEN"',
  403: '; the server refuses this client (check Origin and credentials)',
  404: '; no WebSocket endpoint at that path',
  426: '; the server wants a different protocol version',
};

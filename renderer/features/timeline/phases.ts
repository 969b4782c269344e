/**
 * The opening handshake's phases on one bar: DNS, TCP, TLS and the upgrade (request → response),
 * each as an offset and duration from the connection's `connecting` event. Phase ends come from the
 * events' timestamps (the same engine clock as `connecting`); the `ms` fields only stand in when a
 * timestamp precedes its phase's start (an event from another clock, or reordered).
 */
import type { DnsEvent, SessionEvent, TcpEvent, TlsEvent, UpgradeRequestEvent, UpgradeResponseEvent } from '../../../shared/model/events.js';

/** The phases, in order. */
export type PhaseName = 'dns' | 'tcp' | 'tls' | 'upgrade';

/** One phase: where it starts (ms after connecting) and how long it took; null when it did not happen (yet). */
export interface Phase {
  readonly name: PhaseName;
  readonly label: string;
  readonly start: number | null;
  readonly ms: number | null;
  /** Detail for the tooltip (address, protocol, status). */
  readonly detail: string;
}

/** The handshake bar's data. */
export interface HandshakePhases {
  readonly phases: readonly Phase[];
  /** ms from connecting to the end of the last phase seen. */
  readonly total: number;
}

/** The phase events of a connection (first of each kind). */
export interface PhaseEvents {
  readonly dns: DnsEvent | null;
  readonly tcp: TcpEvent | null;
  readonly tls: TlsEvent | null;
  readonly request: UpgradeRequestEvent | null;
  readonly response: UpgradeResponseEvent | null;
}

/** Picks the first event of each phase from a connection's events. */
export function phaseEvents(events: readonly SessionEvent[]): PhaseEvents {
  let dns: DnsEvent | null = null;
  let tcp: TcpEvent | null = null;
  let tls: TlsEvent | null = null;
  let request: UpgradeRequestEvent | null = null;
  let response: UpgradeResponseEvent | null = null;
  for (const e of events) {
    if (e.type === 'dns') dns ??= e;
    else if (e.type === 'tcp') tcp ??= e;
    else if (e.type === 'tls') tls ??= e;
    else if (e.type === 'upgrade-request') request ??= e;
    else if (e.type === 'upgrade-response') response ??= e;
    else if (e.type === 'open' || e.type === 'closed') break;
  }
  return { dns, tcp, tls, request, response };
}

const round3 = (v: number): number => Math.round(v * 1000) / 1000;

/** The four phases from the connection's start time and its phase events. */
export function handshakePhases(startT: number, ev: PhaseEvents): HandshakePhases {
  let cursor = 0;
  const phase = (name: PhaseName, label: string, end: { t: number; ms: number } | null, detail: string, start?: number): Phase => {
    if (end === null) return { name, label, start: null, ms: null, detail };
    const from = start ?? cursor;
    let to = end.t - startT;
    if (to < from) to = Math.max(from, end.ms);
    cursor = to;
    return { name, label, start: round3(from), ms: round3(to - from), detail };
  };
  const { dns, tcp, tls, request, response } = ev;
  const phases: Phase[] = [
    phase('dns', 'DNS', dns, dns ? `${dns.host} → ${dns.address}` : 'no lookup (an address, a proxy, or the server side)'),
    phase('tcp', 'TCP', tcp, tcp ? `${tcp.localAddress}:${tcp.localPort} → ${tcp.remoteAddress}:${tcp.remotePort}` : 'no TCP connect seen'),
    phase('tls', 'TLS', tls, tls ? [tls.protocol, tls.cipher, tls.alpn && `ALPN ${tls.alpn}`].filter(Boolean).join(' · ') : 'no TLS (ws://)'),
  ];
  const upgradeStart = request !== null ? Math.max(cursor, request.t - startT) : undefined;
  phases.push(
    phase(
      'upgrade',
      'Upgrade',
      response,
      response ? response.statusLine : request ? 'waiting for the response' : 'no upgrade request seen',
      upgradeStart,
    ),
  );
  return { phases, total: round3(cursor) };
}

/** Widths (fractions of the bar) for the phases that happened; absent ones get none. */
export function phaseWidths(phases: readonly Phase[]): number[] {
  const total = phases.reduce((n, p) => n + (p.ms ?? 0), 0);
  const present = phases.filter((p) => p.ms !== null).length;
  return phases.map((p) => (p.ms === null ? 0 : total > 0 ? p.ms / total : 1 / Math.max(present, 1)));
}

import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../../shared/model/events.js';
import { applyEvents } from '../../store/connections.js';
import { phaseEventsOf } from './phase-cache.js';
import { handshakePhases, phaseEvents, phaseWidths } from './phases.js';

const base = { conn: 1, seq: 0, wall: 0 };
const connecting: SessionEvent = { ...base, type: 'connecting', t: 1000, role: 'client', url: 'wss://x', attempt: 1, session: 1 };
const dns: SessionEvent = { ...base, type: 'dns', t: 1004, host: 'x', address: '10.0.0.1', family: 4, ms: 4 };
const tcp: SessionEvent = { ...base, type: 'tcp', t: 1010, localAddress: '10.0.0.2', localPort: 5000, remoteAddress: '10.0.0.1', remotePort: 443, ms: 10 };
const tls: SessionEvent = {
  ...base,
  type: 'tls',
  t: 1030,
  protocol: 'TLSv1.3',
  cipher: 'TLS_AES_128_GCM_SHA256',
  alpn: null,
  authorized: true,
  authorizationError: null,
  peerCertificate: null,
  ms: 30,
};
const request: SessionEvent = { ...base, type: 'upgrade-request', t: 1031, requestLine: 'GET / HTTP/1.1', headers: [] };
const response: SessionEvent = {
  ...base,
  type: 'upgrade-response',
  t: 1045,
  statusLine: 'HTTP/1.1 101 Switching Protocols',
  status: 101,
  headers: [],
  body: null,
  ms: 45,
  violations: [],
};
const open: SessionEvent = { ...base, type: 'open', t: 1046, subprotocol: null, extensions: null, ms: 46 };

describe('handshake phases', () => {
  it('measures each phase from the previous end, the upgrade from request to response', () => {
    const { phases, total } = handshakePhases(1000, phaseEvents([connecting, dns, tcp, tls, request, response, open]));
    expect(phases.map((p) => [p.name, p.start, p.ms])).toEqual([
      ['dns', 0, 4],
      ['tcp', 4, 6],
      ['tls', 10, 20],
      ['upgrade', 31, 14],
    ]);
    expect(total).toBe(45);
    expect(phases[0]!.detail).toBe('x → 10.0.0.1');
    expect(phases[2]!.detail).toContain('TLSv1.3');
    expect(phases[3]!.detail).toBe('HTTP/1.1 101 Switching Protocols');
  });

  it('leaves out phases that did not happen (ws:// to an address)', () => {
    const { phases } = handshakePhases(1000, phaseEvents([connecting, tcp, request, response]));
    expect(phases.map((p) => p.ms)).toEqual([null, 10, null, 14]);
    expect(phases[2]!.detail).toContain('ws://');
    expect(phaseWidths(phases)).toEqual([0, 10 / 24, 0, 14 / 24]);
  });

  it('shows a pending upgrade and nothing before a request', () => {
    expect(handshakePhases(1000, phaseEvents([connecting])).phases.every((p) => p.ms === null)).toBe(true);
    const pending = handshakePhases(1000, phaseEvents([connecting, tcp, request])).phases[3]!;
    expect(pending.ms).toBeNull();
    expect(pending.detail).toContain('waiting');
  });

  it('falls back to the ms field when a timestamp runs backwards', () => {
    const odd: SessionEvent = { ...tcp, t: 990 };
    const { phases } = handshakePhases(1000, phaseEvents([connecting, odd]));
    expect(phases[1]!.ms).toBe(10);
  });

  it('remembers the phase events after the store’s event cap pushed them out', () => {
    const events = [connecting, dns, tcp, tls, request, response, open].map((e) => ({ ...e, conn: 77 }));
    let connections = applyEvents({}, events);
    expect(phaseEventsOf(connections[77]!).dns?.ms).toBe(4);
    const pings = Array.from({ length: 2100 }, (_, i): SessionEvent => ({ ...base, conn: 77, type: 'rtt', t: 2000 + i, payload: '', rtt: 1 }));
    connections = applyEvents(connections, pings);
    expect(connections[77]!.events.some((e) => e.type === 'dns')).toBe(false);
    const kept = phaseEventsOf(connections[77]!);
    expect(kept.dns?.ms).toBe(4);
    expect(kept.response?.status).toBe(101);
  });
});

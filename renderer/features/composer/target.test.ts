import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../../shared/model/events.js';
import { applyEvents } from '../../store/connections.js';
import { composerTarget } from './target.js';

const base = { seq: 0, wall: 1000 };
const connecting = (conn: number, session: number, role: 'client' | 'server' = 'client'): SessionEvent => ({
  ...base,
  type: 'connecting',
  conn,
  t: conn,
  role,
  url: 'ws://x',
  attempt: 1,
  session,
});
const open = (conn: number, extensions: string | null = null): SessionEvent => ({
  ...base,
  type: 'open',
  conn,
  t: conn + 1,
  subprotocol: null,
  extensions,
  ms: 1,
});
const closed = (conn: number): SessionEvent => ({
  ...base,
  type: 'closed',
  conn,
  t: conn + 2,
  initiator: 'us',
  sent: null,
  received: null,
  code: 1000,
  handshakeMs: null,
  tcpClean: true,
  explanation: '',
  duration: 2,
  framesIn: 0,
  framesOut: 0,
  bytesIn: 0,
  bytesOut: 0,
});

describe('composerTarget', () => {
  it('needs a selection, a client session and an open connection', () => {
    const connections = applyEvents({}, [
      connecting(1, 7),
      open(1, 'permessage-deflate; client_max_window_bits'),
      connecting(2, 0, 'server'),
      open(2),
      connecting(3, 8),
    ]);
    expect(composerTarget(connections, null)).toMatchObject({
      ok: false,
      hint: expect.stringContaining('Select'),
    });
    expect(composerTarget(connections, 1)).toEqual({ ok: true, session: 7, conn: 1, compressible: true });
    expect(composerTarget(connections, 2)).toMatchObject({
      ok: false,
      hint: expect.stringContaining('server-side'),
    });
    expect(composerTarget(connections, 3)).toMatchObject({
      ok: false,
      hint: expect.stringContaining('connecting'),
    });
    expect(composerTarget(connections, 9)).toMatchObject({ ok: false });
  });

  it('points at the newer attempt of a reconnected session', () => {
    const connections = applyEvents({}, [connecting(1, 7), open(1), closed(1), connecting(4, 7), open(4)]);
    const r = composerTarget(connections, 1);
    expect(r).toMatchObject({ ok: false, hint: expect.stringContaining('select connection 4') });
    expect(composerTarget(connections, 4)).toMatchObject({ ok: true, session: 7, compressible: false });
  });
});

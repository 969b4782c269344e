// tshark as a field-level oracle for our decoder: real peers talk over loopback while tshark
// captures; then our decoder reads the captured bytes and must report, frame for frame, the
// header fields tshark's WebSocket dissector reports.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithPeers, requirePeers } from '../peers/available.js';
import { startGoPeer } from '../peers/build-go.js';
import type { RunningPeer } from '../peers/process.js';
import { startPythonServer } from '../peers/python.js';
import {
  readTcpStreams,
  readWebSocketFrames,
  startCapture,
  type TcpStream,
  type TsharkFrame,
} from '../peers/tshark.js';
import {
  pythonSession,
  wsSessionClientClose,
  wsSessionDeflate,
  wsSessionServerClose,
} from './crosscheck-sessions.js';
import { compareConnection, type DirectionResult } from './wire-compare.js';

const peers = await requirePeers('go', 'python', 'tshark');

interface Session {
  readonly name: string;
  /** Which server it talks to (a key of `servers`). */
  readonly server: 'goEcho' | 'goDeflate' | 'pyEcho' | 'pyDeflate';
  readonly path: string;
  readonly deflate: boolean;
  readonly run: (url: string) => Promise<void>;
}

const SESSIONS: readonly Session[] = [
  {
    name: 'ws → gorilla, server close 4000',
    server: 'goEcho',
    path: '/echo',
    deflate: false,
    run: wsSessionServerClose,
  },
  {
    name: 'ws → gorilla, client close 1000',
    server: 'goEcho',
    path: '/echo',
    deflate: false,
    run: wsSessionClientClose,
  },
  {
    name: 'python → gorilla, client close 1000',
    server: 'goEcho',
    path: '/echo',
    deflate: false,
    run: (url) => pythonSession(url, false),
  },
  {
    name: 'ws → python server, server close 4000',
    server: 'pyEcho',
    path: '/',
    deflate: false,
    run: wsSessionServerClose,
  },
  {
    name: 'python → python server, server close 4000',
    server: 'pyEcho',
    path: '/',
    deflate: false,
    run: (url) => pythonSession(url, true),
  },
  {
    name: 'ws deflate → gorilla -compress (256-byte write buffer)',
    server: 'goDeflate',
    path: '/echo?wbuf=256',
    deflate: true,
    run: wsSessionDeflate,
  },
  {
    name: 'python deflate → gorilla -compress, server close',
    server: 'goDeflate',
    path: '/echo',
    deflate: true,
    run: (url) => pythonSession(url, true, true),
  },
  {
    name: 'ws deflate → python server --deflate',
    server: 'pyDeflate',
    path: '/',
    deflate: true,
    run: wsSessionDeflate,
  },
];

describeWithPeers(peers, 'decoder vs tshark on captured sessions between real peers', () => {
  let dir = '';
  const servers: Partial<Record<Session['server'], RunningPeer>> = {};
  let tsharkFrames: TsharkFrame[] = [];
  let streams: TcpStream[] = [];
  /** Sessions in the order they connected: the client ports tell the streams apart. */
  const results: { session: Session; directions: DirectionResult[] }[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wstap-tshark-'));
    [servers.goEcho, servers.goDeflate, servers.pyEcho, servers.pyDeflate] = await Promise.all([
      startGoPeer('echo'),
      startGoPeer('echo', ['-compress']),
      startPythonServer(),
      startPythonServer({ deflate: true }),
    ]);
    const ports = Object.values(servers).map((server) => server.port);
    const capture = await startCapture({ ports, dir, name: 'sessions' });
    try {
      for (const session of SESSIONS) {
        await session.run(`ws://127.0.0.1:${servers[session.server]?.port}${session.path}`);
      }
    } finally {
      await capture.stop();
    }
    [tsharkFrames, streams] = await Promise.all([
      readWebSocketFrames(capture.file, ports),
      readTcpStreams(capture.file, ports),
    ]);
    // tcp.stream numbers follow the order connections began: the order of SESSIONS.
    const ordered = [...streams].sort((a, b) => a.stream - b.stream);
    ordered.forEach((stream, i) => {
      const session = SESSIONS[i];
      if (!session) throw new Error(`unexpected connection ${stream.clientPort} → ${stream.serverPort}`);
      expect(stream.serverPort).toBe(servers[session.server]?.port);
      results.push({
        session,
        directions: compareConnection(stream, tsharkFrames, session.deflate, session.name),
      });
    });
  }, 120_000);

  afterAll(async () => {
    await Promise.all(Object.values(servers).map((server) => server.stop()));
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('captured one connection per session', () => {
    expect(streams).toHaveLength(SESSIONS.length);
    expect(results.map((r) => r.session.name)).toEqual(SESSIONS.map((s) => s.name));
  });

  it.each(SESSIONS.map((s) => [s.name]))('%s: every frame matches tshark field by field', (name) => {
    const result = results.find((r) => r.session.name === name);
    expect(result).toBeDefined();
    for (const direction of result?.directions ?? []) {
      expect(direction.tshark.length, `${direction.label}: tshark saw frames`).toBeGreaterThan(0);
      expect(direction.ours, direction.label).toEqual(direction.tshark);
      // The capture is complete: nothing is left over or cut short.
      expect(direction.end.partialFrame, direction.label).toBeNull();
      expect(direction.end.stoppedAt, direction.label).toBeNull();
    }
  });

  it.each(SESSIONS.map((s) => [s.name]))('%s: valid traffic from real peers shows no violation', (name) => {
    const result = results.find((r) => r.session.name === name);
    for (const direction of result?.directions ?? []) {
      const flagged = direction.frames.filter((frame) => frame.violations.length > 0);
      expect(
        flagged.map((f) => ({ index: f.index, opcode: f.opcode, violations: f.violations })),
        direction.label,
      ).toEqual([]);
      expect(direction.end.violations, direction.label).toEqual([]);
    }
  });

  it('the sessions covered what the cross-check is for', () => {
    const all = results.flatMap((r) => r.directions.flatMap((d) => d.tshark));
    const has = (predicate: (f: (typeof all)[number]) => boolean): boolean => all.some(predicate);
    expect(new Set(all.map((f) => f.opcode))).toEqual(new Set([0, 1, 2, 8, 9, 10]));
    for (const size of [0, 125, 126, 65535, 65536])
      expect(
        has((f) => f.payloadLength === size),
        `a ${size}-byte frame`,
      ).toBe(true);
    expect(new Set(all.map((f) => f.lengthBits))).toEqual(new Set([7, 16, 64]));
    expect(
      has((f) => f.rsv === 4 && f.opcode !== 0),
      'a compressed first frame (RSV1)',
    ).toBe(true);
    expect(
      has((f) => !f.fin && f.rsv === 4),
      'a fragmented compressed message',
    ).toBe(true);
    expect(
      has((f) => f.opcode === 0 && f.fin),
      'a final continuation frame',
    ).toBe(true);
    expect(has((f) => f.masked) && has((f) => !f.masked)).toBe(true);
    expect(has((f) => f.closeCode === 4000 && f.closeReason === 'server says bye' && !f.masked)).toBe(true);
    expect(has((f) => f.closeCode === 1000 && f.closeReason === 'client says bye' && f.masked)).toBe(true);
    // tshark reports a TCP segment that carries several frames as one row with comma-joined fields.
    const perPacket = new Map<number, number>();
    for (const f of tsharkFrames) perPacket.set(f.packet, (perPacket.get(f.packet) ?? 0) + 1);
    expect(Math.max(...perPacket.values()), 'a segment with several frames').toBeGreaterThan(1);
  });
});

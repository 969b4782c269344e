import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conversation } from '../../../shared/interchange/conversation.js';
import { parseIgnorePath, type IgnorePath } from '../../../shared/replay/ignore-paths.js';
import { createMatcher, type MatchMode } from '../../../shared/replay/message-matcher.js';
import type { ReplayMode } from '../../../shared/replay/replay-report.js';
import type { TestServer } from '../client/ws-server.test-util.js';
import { createEngine } from '../engine.js';
import { tempDir } from '../recording/recording.test-util.js';
import { runReplay } from './replay-runner.js';
import { apiVariant, recordApiSession, startApiServer, type ApiVariant } from './replay-runner.test-util.js';

const paths = (...sources: string[]): IgnorePath[] => sources.map((s) => parseIgnorePath(s) as IgnorePath);

const requests = [
  { id: 1, op: 'greet', name: 'ann' },
  { id: 2, op: 'two', name: 'bob' },
  { id: 3, op: 'greet', name: 'cy' },
];

describe('runReplay against a live ws server', () => {
  let variant: ApiVariant;
  let server: TestServer;
  let dir: { dir: string; cleanup: () => Promise<void> };
  let conversation: Conversation;

  beforeEach(async () => {
    variant = apiVariant();
    server = await startApiServer(variant);
    dir = await tempDir();
    ({ conversation } = await recordApiSession(server, dir.dir, requests, new Uint8Array([0, 1, 2, 255])));
  });
  afterEach(async () => {
    await server.close();
    await dir.cleanup();
  });

  const replay = async (
    mode: ReplayMode,
    extra: { match?: MatchMode; timeout?: number; tolerance?: number | null; ignore?: IgnorePath[] } = {},
  ) => {
    const engine = createEngine();
    try {
      const ignore = extra.ignore ?? paths('$.at');
      return await runReplay(engine, conversation.connections, {
        mode,
        speed: 4,
        timeout: extra.timeout ?? 2000,
        matcher: createMatcher(extra.match ?? 'json', ignore),
        ignore,
        tolerance: extra.tolerance === undefined ? 1000 : extra.tolerance,
        clientOptions: (c) => ({ url: c.url }),
      });
    } finally {
      await engine.dispose();
    }
  };

  it('the recording holds what the session said, with sides', () => {
    const [c] = conversation.connections;
    expect(c?.url).toMatch(/\/api\?v=1$/);
    expect(c?.messages.map((m) => `${m.from}:${m.opcode}`)).toEqual([
      'server:text',
      'client:text',
      'server:text',
      'client:text',
      'server:text',
      'server:text',
      'client:text',
      'server:text',
      'client:binary',
      'server:binary',
      'client:text',
    ]);
    expect(c?.close).toMatchObject({ initiator: 'server', code: 4000, reason: 'see you' });
  });

  it.each<ReplayMode>(['lockstep', 'timed', 'fast'])(
    '%s: the same server gives a clean replay',
    async (mode) => {
      const report = await replay(mode);
      expect(report.connections[0]?.findings).toEqual([]);
      expect(report.connections[0]).toMatchObject({ sent: 5, expected: 6, received: 6, matched: 6 });
    },
  );

  it('without ignoring the volatile field every timestamped reply differs, at that field only', async () => {
    const report = await replay('lockstep', { ignore: [] });
    const different = report.connections[0]?.findings.filter((f) => f.kind === 'different') ?? [];
    expect(different).toHaveLength(4);
    for (const f of different)
      expect(f.kind === 'different' && f.fields.map((d) => d.path)).toEqual(['$.at']);
  });

  it('a changed reply is a precise difference in its step', async () => {
    variant.greeting = 'HELLO';
    const report = await replay('lockstep');
    const findings = report.connections[0]?.findings ?? [];
    expect(findings.map((f) => f.kind)).toEqual(['different', 'different', 'different']);
    expect(findings[0]).toMatchObject({
      kind: 'different',
      step: 1,
      fields: [{ path: '$.greeting', expected: '"hello ann"', actual: '"HELLO ann"' }],
    });
    expect(findings.map((f) => 'step' in f && f.step)).toEqual([1, 2, 3]);
  });

  it('a reply that never comes is missing; the next steps go on', async () => {
    variant.silent.add('two');
    const report = await replay('lockstep', { timeout: 300 });
    const findings = report.connections[0]?.findings ?? [];
    expect(findings).toEqual([
      {
        kind: 'missing',
        step: 2,
        expected: { opcode: 'text', text: expect.stringContaining('"hello bob"') },
      },
      { kind: 'missing', step: 2, expected: { opcode: 'text', text: '{"id":2,"part":2}' } },
    ]);
    expect(report.connections[0]?.matched).toBe(4);
  });

  it('a different close code is reported', async () => {
    variant.byeCode = 4001;
    const report = await replay('lockstep');
    expect(report.connections[0]?.findings).toEqual([
      {
        kind: 'close',
        expected: 'server closed with 4000 "see you", answered with 4000',
        actual: 'server closed with 4001 "see you", answered with 4001',
      },
    ]);
  });

  it('a reply slower than recorded beyond the tolerance is late', async () => {
    variant.delay = 150;
    const report = await replay('lockstep', { tolerance: 100 });
    const late = report.connections[0]?.findings.filter((f) => f.kind === 'late') ?? [];
    expect(late.length).toBeGreaterThanOrEqual(4);
    for (const f of late) expect(f.kind === 'late' && f.liveMs - f.recordedMs).toBeGreaterThan(100);
  });

  it('type matching only counts messages', async () => {
    variant.greeting = 'HELLO';
    expect((await replay('lockstep', { match: 'type' })).differences).toBe(0);
  });

  it('a server that refuses the connection is one failure, not a list of missing messages', async () => {
    await server.close();
    const report = await replay('lockstep', { timeout: 300 });
    expect(report.connections[0]?.findings.map((f) => f.kind)).toEqual(['failed']);
  });
});

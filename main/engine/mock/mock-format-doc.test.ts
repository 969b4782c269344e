import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { formatProblem } from './definition.js';
import { decideHandshake } from './handshake.js';
import { createMockBehaviour } from './mock-behaviour.js';
import { FakePort, mockFrom, text, upgradeFor } from './mock-behaviour.test-util.js';
import { parseMockDefinition } from './parse-definition.js';

/** docs/mock-format.md: its examples must load, and its error example must print what it says. */
const DOC = readFileSync(new URL('../../../docs/mock-format.md', import.meta.url), 'utf8');
const MARKER = 'main/engine/mock/mock-format-doc.test.ts';

function blocks(language: string): { start: number; body: string }[] {
  return [...DOC.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((m) => ({
    start: m.index ?? 0,
    body: m[1] as string,
  }));
}

const checked = DOC.indexOf(MARKER);
const example = blocks('yaml').find((b) => b.start > checked) as { start: number; body: string };
const [expected, afterFix] = blocks('text').filter((b) => b.start > example.start);

describe('docs/mock-format.md', () => {
  it('has a checked error example', () => {
    expect(checked).toBeGreaterThan(0);
    expect(example).toBeDefined();
  });

  it.each(
    blocks('yaml')
      .filter((b) => b.start !== example.start)
      .map((b, i) => [i, b.body] as const),
  )('YAML example %i loads', (_i, body) => {
    const result = parseMockDefinition(asMock(body), 'example.yaml');
    expect(result.ok ? [] : result.errors.map(formatProblem)).toEqual([]);
  });

  it('JSON examples load', () => {
    for (const { body } of blocks('json')) expect(parseMockDefinition(body, 'example.json').ok).toBe(true);
  });

  it('prints the errors it shows, and after the fixes the next pass', () => {
    const errors = (text: string) => {
      const result = parseMockDefinition(text, 'chat.yaml');
      return result.ok ? [] : result.errors.map(formatProblem);
    };
    expect(errors(example.body)).toEqual(expected?.body.trim().split('\n'));
    const fixed = example.body
      .replace('origin:', 'origins:')
      .replace(', regex: "^ping$"', '')
      .replace('repy', 'reply')
      .replace('5 sec', '5s');
    expect(errors(fixed)).toEqual(afterFix?.body.trim().split('\n'));
  });
});

describe('the worked example', () => {
  const worked = blocks('yaml').find((b) => b.body.includes('name: kick')) as { body: string };
  const definition = mockFrom(worked.body, '/mocks/chat.yaml');
  const headers = { authorization: 'Bearer t0k.en' };

  it('refuses what the doc says it refuses', () => {
    expect(decideHandshake(definition, upgradeFor('/chat/lobby?user=ana'))).toMatchObject({
      status: 401,
      headers: [['WWW-Authenticate', 'Bearer'], expect.anything()],
      body: '{"error":"missing header authorization"}',
    });
    expect(decideHandshake(definition, upgradeFor('/chat/lobby', { headers }))).toMatchObject({
      status: 401,
      body: '{"error":"missing query user"}',
    });
    expect(
      decideHandshake(
        definition,
        upgradeFor('/chat/lobby?user=ana', { headers, origin: 'https://evil.example' }),
      ),
    ).toMatchObject({
      status: 403,
      body: '{"error":"origin https://evil.example is not allowed"}',
    });
    expect(
      decideHandshake(definition, upgradeFor('/chat/lobby?user=ana', { headers, subprotocols: ['chat.v1'] })),
    ).toMatchObject({ accept: true, subprotocol: 'chat.v1' });
  });

  it('answers what the doc says it answers', async () => {
    const behaviour = createMockBehaviour(definition, { now: () => 1767323045006 });
    const port = new FakePort(upgradeFor('/chat/lobby?user=ana', { headers }), { id: 1 });
    await behaviour.open(port);
    await behaviour.message(port, text('{"type":"ping","id":17}'));
    await behaviour.message(port, text('{"type":"say","id":3,"text":"hi"}'));
    vi.useFakeTimers();
    const history = behaviour.message(port, text('{"type":"history","id":4}'));
    await vi.advanceTimersByTimeAsync(200);
    await history;
    vi.useRealTimers();
    await behaviour.message(port, text('hello?'));
    await behaviour.message(port, text('/kick spam'));
    expect([...port.rooms]).toEqual(['lobby']);
    expect(port.texts).toEqual([
      '{"type":"welcome","room":"lobby","you":"ana","conn":1}',
      '{"type":"pong","id":17,"at":1767323045006}',
      '{"type":"ack","id":3}',
      '{"type":"history","id":4,"messages":[{"from":"ana","text":"hi"},{"from":"bo","text":"hello"}]}',
      '{"type":"error","error":"unknown message","got":"hello?"}',
      'bye',
    ]);
    expect(port.sent[3]?.options).toEqual({ fragments: 3 });
    expect(port.broadcasts).toEqual([
      {
        room: 'lobby',
        message: { kind: 'json', value: { type: 'said', from: 'ana', text: 'hi' } },
        options: { exceptSelf: true },
      },
    ]);
    expect(port.closes).toEqual([{ code: 4001, reason: 'kicked: spam', force: false }]);
    expect(port.notes.map((n) => n.rule)).toEqual([
      'on-connect',
      'ping',
      'say',
      'history',
      'fallback',
      'kick',
    ]);
  });
});

/** Examples that show part of a mock (a route's keys, or an action list) are completed into one. */
function asMock(body: string): string {
  const indent = (spaces: number): string => body.replace(/^(?=.)/gm, ' '.repeat(spaces));
  if (/^routes:/m.test(body)) return body;
  if (body.startsWith('- ')) return `routes:\n  - onConnect:\n${indent(6)}`;
  return `routes:\n  - path: /example\n${indent(4)}`;
}

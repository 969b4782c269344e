import { describe, expect, it } from 'vitest';
import type { ScriptCompletion } from '../../../shared/ipc/script-commands.js';
import { entriesFor, infoOf, ownerOf, queryAt } from './completions.js';

const entry = (label: string, owner: string | null, detail = label, info = ''): ScriptCompletion => ({
  label,
  owner,
  kind: owner === null ? 'function' : 'method',
  detail,
  info,
});
const ENTRIES = [
  entry(
    'connect',
    null,
    'connect(url: string, options?: ConnectOptions): Promise<Connection>',
    'Opens a connection.',
  ),
  entry('check', null),
  entry('assert', null),
  entry('expect', 'Connection', 'expect(matcher: Matcher, options?: ExpectOptions): Promise<Message>'),
  entry('send', 'Connection'),
  entry('equal', 'Assert'),
  entry('json', 'Message'),
];

/** The query at the `|` of a text. */
const at = (text: string) => queryAt(text.replace('|', ''), text.indexOf('|'));

describe('queryAt', () => {
  it('a bare word completes the exports', () => {
    expect(at('const c = await conn|')).toEqual({ owner: null, from: 16, prefix: 'conn' });
    expect(entriesFor(ENTRIES, at('await conn|')!).map((e) => e.label)).toEqual(['connect', 'check']);
  });

  it('members of a connection from `await connect(…)`, of assert, of a message', () => {
    const script = "const conn = await connect(url);\nconst m = await conn.expect('x');\n";
    expect(at(`${script}conn.ex|`)).toEqual({ owner: 'Connection', from: script.length + 5, prefix: 'ex' });
    expect(entriesFor(ENTRIES, at(`${script}conn.|`)!).map((e) => e.label)).toEqual(['expect', 'send']);
    expect(at(`${script}assert.|`)?.owner).toBe('Assert');
    expect(at(`${script}m.|`)?.owner).toBe('Message');
  });

  it('a typed parameter; nothing for a name it cannot place', () => {
    expect(ownerOf('c', 'async function talk(c: Connection) {')).toBe('Connection');
    expect(at('JSON.|')).toBeNull();
    expect(at('const x = 1;\nx.|')).toBeNull();
    expect(at('foo(|')).toBeNull();
  });

  it('the tooltip is the signature, then the doc', () => {
    expect(infoOf(ENTRIES[0]!)).toBe(
      'connect(url: string, options?: ConnectOptions): Promise<Connection>\n\nOpens a connection.',
    );
    expect(infoOf(ENTRIES[4]!)).toBe('send');
  });
});

import { describe, expect, it } from 'vitest';
import { connection, conversation } from './conversation.test-util.js';
import { toK6Script } from './k6.js';

const conv = conversation(
  connection(
    1,
    'ws://app.test/ws?room=a#frag',
    [
      ['s', 10, 'hi'],
      ['c', 12.5, 'x'],
      ['s', 20, { base64: 'AQI=' }],
    ],
    {
      initiator: 'client',
      code: 1001,
      t: 30,
    },
  ),
  connection(2, 'wss://app.test/other', [['c', 5, 'y']], { initiator: 'client', code: 4001, t: 8 }),
  connection(3, 'ws://app.test/', [], { initiator: 'server', code: 1000, t: 3 }),
);

/** The CONNECTIONS entry of one connection, as written. */
function entry(script: string, id: number): string {
  const start = script.indexOf(`    id: ${id},`);
  return script.slice(start, script.indexOf('\n  },', start));
}

describe('toK6Script', () => {
  it('puts each message on the timeline of its connection, from its first message', () => {
    const script = toK6Script(conv, {});
    expect(entry(script, 1)).toBe(
      [
        '    id: 1,',
        '    url: "ws://app.test/ws?room=a#frag",',
        '    path: "/ws?room=a",',
        '    startAt: 0,',
        '    messages: [',
        '      { at: 0, expect: {"text":"hi"} },',
        '      { at: 2.5, send: {"text":"x"} },',
        '      { at: 10, expect: {"base64":"AQI="} },',
        '    ],',
        // 1001 is not a code a client's close() may send (browsers and k6 take 1000 and 3000-4999).
        "    close: { by: 'client', at: 20, code: null },",
      ].join('\n'),
    );
    expect(entry(script, 2)).toContain('    startAt: 1000,\n');
    expect(entry(script, 2)).toContain("close: { by: 'client', at: 3, code: 4001 }");
    expect(entry(script, 3)).toContain("messages: [\n    ],\n    close: { by: 'server', at: 0 }");
  });

  it('bakes in the options: target, speed, timeout, content checks, ignored fields', () => {
    const script = toK6Script(conv, {
      target: 'wss://staging.test',
      speed: 2,
      timeoutMs: 900,
      checkContent: false,
      ignore: ['$.id', '$..ts'],
      output: 'out/load.js',
    });
    expect(script).toContain('const TARGET = __ENV.TARGET || "wss://staging.test";');
    expect(script).toContain('const SPEED = Number(__ENV.SPEED || 2);');
    expect(script).toContain('const TIMEOUT_MS = 900;');
    expect(script).toContain('const CHECK_CONTENT = false;');
    expect(script).toContain(
      'const IGNORE = [[{"kind":"key","key":"id"}],[{"kind":"descendant","key":"ts"}]];',
    );
    expect(script).toContain('//   k6 run load.js ');
    expect(script).toContain('// ignored when matching: $.id, $..ts');
  });

  it('exports only the connections asked for', () => {
    const script = toK6Script(conv, { connections: [2] });
    expect(script).toContain(
      '// connection 2: wss://app.test/other — 1 client and 0 server messages, closed by the client (4001)',
    );
    expect(script).not.toContain('id: 1,');
    expect(entry(script, 2)).toContain('    startAt: 0,\n');
  });
});

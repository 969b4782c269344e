import { describe, expect, it } from 'vitest';
import { formatProblem } from './definition.js';
import { mockFrom } from './mock-behaviour.test-util.js';
import { parseMockDefinition } from './parse-definition.js';

const lines = (...text: string[]) => `${text.join('\n')}\n`;

function errors(text: string): string[] {
  const result = parseMockDefinition(text, 'm.yaml');
  return result.ok ? [] : result.errors.map(formatProblem);
}

function warnings(text: string): string[] {
  return parseMockDefinition(text, 'm.yaml').warnings.map(formatProblem);
}

describe('the normalized definition', () => {
  it('turns durations into ms, hex into bytes, paths and templates into parsed forms', () => {
    const definition = mockFrom(
      lines(
        'routes:',
        '  - path: /rooms/:room',
        '    handler: ./handlers/chat.ts',
        '    room: "{{params.room}}"',
        '    heartbeat: { interval: 5s, timeout: 250ms, misses: 2 }',
        '    handshake:',
        '      require: [{ header: Authorization, matches: "^Bearer ", flags: i, status: 403 }]',
        '      origins: http://localhost:*',
        '      subprotocol: [chat.v2, chat.v1]',
        '      delay: 1.5s',
        '      headers: { X-Mock: yes, X-Version: 2 }',
        '    rules:',
        '      - name: ping',
        '        match: { json: $.type, equals: ping }',
        '        when: { state: { authed: true } }',
        '        then:',
        '          - reply: { json: { type: pong, id: "{{$.id}}" } }',
        '            fragments: 3',
        '            unless: muted',
        '      - match: { binaryPrefix: "89 50" }',
        '        then: [{ close: { code: 4000, reason: bye } }]',
      ),
      '/mocks/chat.yaml',
    );
    const [route] = definition.routes;
    expect(definition.file).toBe('/mocks/chat.yaml');
    expect(route?.path).toEqual({
      source: '/rooms/:room',
      segments: [
        { kind: 'literal', text: 'rooms' },
        { kind: 'param', name: 'room' },
      ],
    });
    expect(route?.handler).toBe('/mocks/handlers/chat.ts');
    expect(route?.heartbeat).toEqual({ interval: 5000, timeout: 250, misses: 2 });
    expect(route?.handshake).toEqual({
      require: [
        {
          source: 'header',
          name: 'authorization',
          equals: null,
          matches: { source: '^Bearer ', flags: 'i' },
          status: 403,
          body: null,
        },
      ],
      origins: ['http://localhost:*'],
      subprotocols: ['chat.v2', 'chat.v1'],
      subprotocolRequired: false,
      delayMs: 1500,
      headers: [
        ['X-Mock', 'yes'],
        ['X-Version', '2'],
      ],
    });
    expect(route?.rules[0]).toMatchObject({
      name: 'ping',
      match: { kind: 'json', path: { steps: ['type'] }, test: { kind: 'equals', value: 'ping' } },
      when: { authed: true },
      then: [{ kind: 'reply', unless: 'muted', fragments: 3, compress: null, message: { kind: 'json' } }],
    });
    expect(route?.rules[1]?.match).toEqual({ kind: 'binaryPrefix', prefix: Uint8Array.from([0x89, 0x50]) });
    expect(route?.rules[1]?.then[0]).toMatchObject({
      kind: 'close',
      code: 4000,
      reason: { source: 'bye' },
      force: false,
    });
    expect(route?.fallback).toBeNull();
  });

  it('defaults a route without path to any path and a json match to exists', () => {
    const [route] = mockFrom(lines('routes:', '  - rules: [{ match: { json: "$.id" }, then: [] }]')).routes;
    expect(route?.path).toEqual({ source: '*', segments: null });
    expect(route?.rules[0]?.match).toMatchObject({ kind: 'json', test: { kind: 'exists', exists: true } });
  });

  it('reuses parts through YAML anchors, merge keys and x- keys', () => {
    const definition = mockFrom(
      lines(
        'x-auth: &auth',
        '  require: [{ header: authorization }]',
        'x-pong: &pong { reply: pong }',
        'routes:',
        '  - path: /a',
        '    handshake: { <<: *auth, delay: 5 }',
        '    fallback: [*pong]',
        '  - path: /b',
        '    handshake: *auth',
      ),
    );
    expect(definition.routes.map((r) => [r.handshake.require.length, r.handshake.delayMs])).toEqual([
      [1, 5],
      [1, 0],
    ]);
    expect(definition.routes[0]?.fallback).toMatchObject([{ kind: 'reply' }]);
  });

  it('checks that handler modules exist when asked to', () => {
    const text = lines('routes:', '  - handler: ./missing.js');
    const result = parseMockDefinition(text, '/mocks/m.yaml', { fileExists: () => false });
    expect(result.ok ? [] : result.errors.map(formatProblem)).toEqual([
      '/mocks/m.yaml:2:14: routes[0].handler: no such file: /mocks/missing.js',
    ]);
  });
});

describe('checks the schema cannot make', () => {
  it('reports each with its position', () => {
    const text = lines(
      'routes:',
      '  - path: rooms',
      '    handshake:',
      '      require: [{ query: t, matches: "(" }]',
      '      subprotocol: "bad name"',
      '      subprotocolRequired: true',
      '      headers: { Upgrade: x, "bad header": y }',
      '    rules:',
      '      - match: { regex: "a", flags: "q" }',
      '        then: []',
      '      - match: { json: "type" }',
      '        then: []',
      '      - match: { binaryPrefix: "zz" }',
      '        then:',
      '          - close: 1005',
      '          - close: { reason: why }',
      '          - reply: "{{nope.x}}"',
      '          - raw: [{ opcode: txt }, { opcode: 1, payload: { hex: "abc" }, mask: "0102" }, { opcode: 9, lengthBits: 7, payload: { base64: "%%%" } }]',
      '          - every: 0',
      '            then: []',
      '          - ping: false',
      '          - close: { code: 1000, reason: "' + 'x'.repeat(124) + '" }',
    );
    expect(errors(text)).toEqual([
      "m.yaml:2:11: routes[0].path: a route path starts with / (e.g. /chat or /rooms/:room), or is * for any path; got 'rooms'",
      'm.yaml:4:38: routes[0].handshake.require[0].matches: not a valid regular expression: /(/: Unterminated group',
      "m.yaml:5:20: routes[0].handshake.subprotocol: 'bad name' is not a valid subprotocol name (RFC 6455 §4.1: a token, no spaces or separators)",
      'm.yaml:7:18: routes[0].handshake.headers.Upgrade: Upgrade is written by the server for the handshake; setting it would break it',
      "m.yaml:7:30: routes[0].handshake.headers['bad header']: 'bad header' is not a valid header name",
      "m.yaml:9:37: routes[0].rules[0].match.flags: flags 'q' are not valid (use d, i, m, s, u or v, each once)",
      "m.yaml:11:24: routes[0].rules[1].match.json: JSON path 'type' must start with $ (e.g. $.type or $.items[0].id)",
      'm.yaml:13:32: routes[0].rules[2].match.binaryPrefix: not hex: \'z\' is not a hex digit (write bytes as hex digits, e.g. "89 50 4e 47" or "0x89504e47")',
      'm.yaml:15:20: routes[0].rules[2].then[0].close: close code 1005 (No Status Received) may not be sent in a Close frame: use 1000-1003, 1007-1014 or 3000-4999, or add force: true to send it anyway',
      'm.yaml:16:30: routes[0].rules[2].then[1].close.reason: a close reason needs a close code (RFC 6455 §5.5.1): add code',
      'm.yaml:17:20: routes[0].rules[2].then[2].reply: {{nope.x}} is not an expression wstap knows (use $.path, $0, $1…, text, NAME or groups.NAME (regex groups), conn.id, conn.in, conn.out, conn.age, now, ts, subprotocol, state.KEY, shared.KEY, params.NAME, query.NAME, header.NAME)',
      "m.yaml:18:29: routes[0].rules[2].then[3].raw[0].opcode: 'txt' is not an opcode: use 0-15 or continuation, text, binary, close, ping, pong, reserved-3 … reserved-15",
      'm.yaml:18:65: routes[0].rules[2].then[3].raw[1].payload.hex: not hex: odd number of hex digits (3) (write bytes as hex digits, e.g. "89 50 4e 47" or "0x89504e47")',
      'm.yaml:18:80: routes[0].rules[2].then[3].raw[1].mask: a masking key is 4 bytes (8 hex digits), got 2',
      'm.yaml:18:137: routes[0].rules[2].then[3].raw[2].payload.base64: not valid base64',
      'm.yaml:19:20: routes[0].rules[2].then[4].every: every needs a duration above 0',
      'm.yaml:21:19: routes[0].rules[2].then[5].ping: ping: false sends nothing; write ping: true (no payload) or ping: TEXT',
      'm.yaml:22:42: routes[0].rules[2].then[6].close.reason: the close reason is 124 bytes; at most 123 fit in a Close frame (RFC 6455 §5.5)',
    ]);
  });

  it('finds frames the encoder cannot build and pairs that exclude each other', () => {
    const text = lines(
      'routes:',
      '  - handshake:',
      '      require: [{ header: a, equals: x, matches: y }, { cookie: c, flags: i }]',
      '    rules:',
      '      - match: { json: $.a, equals: 1, exists: true }',
      '        then: [{ raw: [{ opcode: 1, lengthBits: 7, payload: "' + 'x'.repeat(126) + '" }] }]',
    );
    expect(errors(text)).toEqual([
      'm.yaml:3:50: routes[0].handshake.require[0].matches: use equals or matches, not both',
      'm.yaml:3:68: routes[0].handshake.require[1].flags: flags go with matches (a regular expression)',
      'm.yaml:5:40: routes[0].rules[0].match.exists: use equals or exists, not both',
      'm.yaml:6:24: routes[0].rules[0].then[0].raw[0]: cannot build this frame: length 126 does not fit the 7-bit field (max 125)',
    ]);
  });
});

describe('warnings', () => {
  it('warns about regex groups a template reads that cannot be there', () => {
    const text = lines(
      'routes:',
      '  - onConnect: [{ reply: "hi {{name}}" }]',
      '    rules:',
      '      - match: { regex: "^hi (?<who>\\\\w+)$" }',
      '        then: [{ reply: "{{who}} {{$1}} {{$2}} {{whom}}" }]',
    );
    expect(warnings(text)).toEqual([
      'm.yaml:2:26: warning: routes[0].onConnect[0].reply: {{name}} reads a regex group, but no regex matched here: it renders empty',
      "m.yaml:5:25: warning: routes[0].rules[0].then[0].reply: {{$2}}: the rule's regex has 1 group, so it renders empty",
      "m.yaml:5:25: warning: routes[0].rules[0].then[0].reply: {{whom}}: the rule's regex has groups who, so it renders empty",
    ]);
  });

  it('warns about routes that are never reached', () => {
    expect(
      warnings(lines('routes:', '  - path: "*"', '  - path: /a', '  - path: /b', '  - path: /b')),
    ).toEqual([
      'm.yaml:3:11: warning: routes[1].path: this route is never reached: routes[0] (*) takes every connection it could take',
      'm.yaml:4:11: warning: routes[2].path: this route is never reached: routes[0] (*) takes every connection it could take',
      'm.yaml:5:11: warning: routes[3].path: this route is never reached: routes[0] (*) takes every connection it could take',
    ]);
  });
});

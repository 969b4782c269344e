import { describe, expect, it } from 'vitest';
import { formatProblem } from './definition.js';
import { parseMockDefinition } from './parse-definition.js';

/** The formatted errors (or warnings) of a file. */
function problems(text: string, file = 'chat.yaml'): string[] {
  const result = parseMockDefinition(text, file);
  return result.ok ? result.warnings.map(formatProblem) : result.errors.map(formatProblem);
}

const yaml = (lines: string[]) => `${lines.join('\n')}\n`;

describe('YAML syntax', () => {
  it('reports YAML errors at their line and column', () => {
    expect(problems(yaml(['routes:', '  - path: /a', '    path: /b']))).toEqual([
      'chat.yaml:3:5: Map keys must be unique (a key appears twice in one mapping)',
    ]);
    // YAML reports an unclosed quote where the text ends.
    expect(problems(yaml(['routes:', '  - path: "/a', '']))).toEqual([
      'chat.yaml:4:1: Missing closing "quote',
    ]);
    expect(problems(yaml(['routes: [a, b', 'x: 1']))[0]).toMatch(/^chat\.yaml:\d+:\d+: /);
  });

  it('says an empty file needs routes', () => {
    expect(problems('')).toEqual([
      'chat.yaml:1:1: the file is empty: a mock needs routes: (see docs/mock-format.md)',
    ]);
    expect(problems('# only a comment\n')).toEqual([
      'chat.yaml:1:1: the file is empty: a mock needs routes: (see docs/mock-format.md)',
    ]);
  });
});

describe('JSON syntax', () => {
  const json = (text: string) => problems(text, 'mock.json');

  it('names JSON mistakes YAML would let through, with line:column', () => {
    expect(json('{\n  "routes": [\n    {"path": "/a",}\n  ]\n}')).toEqual([
      "mock.json:3:19: trailing comma before '}': JSON allows none",
    ]);
    expect(json('{"routes": [1, 2,]}')).toEqual([
      "mock.json:1:18: trailing comma before ']': JSON allows none",
    ]);
    expect(json('{\n  // a comment\n  "routes": []\n}')).toEqual([
      'mock.json:2:3: JSON has no comments (write the mock in YAML to keep comments)',
    ]);
    expect(json("{'routes': []}")).toEqual(['mock.json:1:2: JSON strings use double quotes']);
    expect(json('{"routes": [{"path": tru}]}')[0]).toMatch(/^mock\.json:1:22: 'tru' is not JSON/);
    expect(json('{"routes": []} }')).toEqual([
      'mock.json:1:16: unexpected text after the end of the JSON value',
    ]);
    expect(json('{"routes": [] "x": 1}')).toEqual(["mock.json:1:15: expected ',' between items"]);
    expect(json('')).toEqual(['mock.json:1:1: the file is empty: a mock is an object with routes']);
  });

  it('maps schema errors in JSON files to their position', () => {
    expect(
      json(
        '{\n  "routes": [\n    {\n      "path": "/a",\n      "rules": [{"match": {"txt": "a"}, "then": []}]\n    }\n  ]\n}',
      ),
    ).toEqual([
      "mock.json:5:27: routes[0].rules[0].match: needs one of text, regex, json, binaryPrefix, binary, any; did you mean 'text' for 'txt'?",
    ]);
  });

  it('loads a valid JSON mock', () => {
    const result = parseMockDefinition(
      '{"$schema": "../docs/mock-schema.json", "routes": [{"path": "/a", "onConnect": [{"reply": "hi"}]}]}',
      'm.json',
    );
    expect(result.ok).toBe(true);
  });
});

describe('schema errors', () => {
  it('collapses a match with two kinds into one sentence at the match', () => {
    const text = yaml([
      'routes:',
      '  - path: /chat',
      '    rules:',
      '      - match:',
      '          text: a',
      '          regex: b',
      '        then: []',
    ]);
    expect(problems(text)).toEqual([
      'chat.yaml:5:11: routes[0].rules[0].match: needs exactly one of text, regex, json, binaryPrefix, binary, any (found text and regex)',
    ]);
  });

  it('explains actions: unknown keys, two in one item, bare words, wrong values', () => {
    const text = yaml([
      'routes:',
      '  - onConnect:',
      '      - repy: hi',
      '      - { reply: a, close: 1000 }',
      '      - drop',
      '      - reply: { text: 1 }',
      '        fragments: 0',
      '      - every: 5x',
      '        then: [{ reply: tick }]',
      '      - after: 1s',
    ]);
    expect(problems(text)).toEqual([
      "chat.yaml:3:9: routes[0].onConnect[0]: needs one action key: reply, broadcast, delay, close, drop, pongs, ping, raw, every, after, set, join, leave, log; did you mean 'reply' for 'repy'?",
      'chat.yaml:4:9: routes[0].onConnect[1]: needs exactly one of reply, broadcast, delay, close, drop, pongs, ping, raw, every, after, set, join, leave, log (found reply and close): one action per list item (- reply: …, then - close: … on the next item)',
      'chat.yaml:5:9: routes[0].onConnect[2]: must be a mapping with one action key (reply, broadcast, delay, close, drop, pongs, ping, raw, every, after, set, join, leave, log), got a string ("drop"); write it as a mapping: \'drop: …\'',
      'chat.yaml:6:24: routes[0].onConnect[3].reply.text: must be a string, got a whole number (1) (quote it: "1")',
      'chat.yaml:7:20: routes[0].onConnect[3].fragments: must be ≥ 1, got 0',
      "chat.yaml:8:16: routes[0].onConnect[4].every: '5x' is not a duration: write a number of ms or text such as 250ms, 5s, 1.5m, 1h",
      "chat.yaml:10:9: routes[0].onConnect[5]: missing 'then' (the actions to run)",
    ]);
  });

  it('points at an unknown key and suggests the near one', () => {
    const text = yaml([
      'routes:',
      '  - path: /a',
      '    handshake:',
      '      origin: http://x',
      '    rule: []',
    ]);
    expect(problems(text)).toEqual([
      "chat.yaml:4:7: routes[0].handshake.origin: unknown key 'origin' (did you mean 'origins'?)",
      "chat.yaml:5:5: routes[0].rule: unknown key 'rule' (did you mean 'rules'?)",
    ]);
  });

  it('checks requirements, nested actions and top-level shape', () => {
    const text = yaml([
      'routes:',
      '  - handshake:',
      '      require:',
      '        - { header: a, query: b }',
      '        - { status: 401 }',
      '        - { cookie: c, status: 200 }',
      '    heartbeat: { interval: 5s }',
      '    onConnect:',
      '      - every: 1s',
      '        then:',
      '          - close: { code: "4000" }',
    ]);
    expect(problems(text)).toEqual([
      'chat.yaml:4:11: routes[0].handshake.require[0]: needs exactly one of header, query, cookie (found header and query)',
      'chat.yaml:5:11: routes[0].handshake.require[1]: needs one of header, query, cookie (found status)',
      'chat.yaml:6:32: routes[0].handshake.require[2].status: must be ≥ 400, got 200',
      "chat.yaml:7:16: routes[0].heartbeat: missing 'timeout' (how long a ping may wait for its pong)",
      'chat.yaml:11:28: routes[0].onConnect[0].then[0].close.code: must be a whole number, got a string ("4000")',
    ]);
    expect(problems('routes: []\nextra: 1\n')).toEqual([
      'chat.yaml:1:9: routes: needs at least 1 item',
      "chat.yaml:2:1: extra: unknown key 'extra' (allowed here: $schema, routes, x-…)",
    ]);
    expect(problems('- path: /a\n')).toEqual(['chat.yaml:1:1: must be a mapping, got a list']);
  });
});

import { describe, expect, it } from 'vitest';
import { childPath, jsonLines, sideLines } from './diff-lines.js';

describe('replay difference lines', () => {
  it('names paths the way the replay diff does', () => {
    expect(childPath('$', 'user')).toBe('$.user');
    expect(childPath('$.a', 2)).toBe('$.a[2]');
    expect(childPath('$', 'two words')).toBe('$["two words"]');
  });

  it('pretty-prints JSON with the path of each line', () => {
    expect(jsonLines({ user: { name: 'ann' }, tags: [1, 'x'], empty: {} })).toEqual([
      { text: '{', path: '$' },
      { text: '  "user": {', path: '$.user' },
      { text: '    "name": "ann"', path: '$.user.name' },
      { text: '  },', path: '$.user' },
      { text: '  "tags": [', path: '$.tags' },
      { text: '    1,', path: '$.tags[0]' },
      { text: '    "x"', path: '$.tags[1]' },
      { text: '  ],', path: '$.tags' },
      { text: '  "empty": {}', path: '$.empty' },
      { text: '}', path: '$' },
    ]);
  });

  it('marks the lines of the fields that differ, on the side that has them', () => {
    const fields = [
      { path: '$.text', expected: '"hello"', actual: '"HELLO"' },
      { path: '$.extra', actual: '{"a":1}' },
    ];
    const expected = sideLines({ opcode: 'text', text: '{"room":"r","text":"hello"}' }, fields, 'expected');
    expect(expected.filter((l) => l.changed).map((l) => l.text.trim())).toEqual(['"text": "hello"']);
    const actual = sideLines(
      { opcode: 'text', text: '{"room":"r","text":"HELLO","extra":{"a":1}}' },
      fields,
      'actual',
    );
    expect(actual.filter((l) => l.changed).map((l) => l.text.trim())).toEqual([
      '"text": "HELLO",',
      '"extra": {',
      '"a": 1',
      '}',
    ]);
  });

  it('shows text and binary as they are, all marked when they differ', () => {
    const fields = [{ path: '$', expected: '"a"', actual: '"b"' }];
    expect(sideLines({ opcode: 'text', text: 'hello\nthere' }, fields, 'expected')).toEqual([
      { text: 'hello', path: '', changed: true },
      { text: 'there', path: '', changed: true },
    ]);
    expect(sideLines({ opcode: 'binary', base64: 'AQI=' }, [], 'actual')).toEqual([
      { text: '(binary, base64) AQI=', path: '', changed: false },
    ]);
    expect(sideLines(undefined, fields, 'actual')).toEqual([]);
  });

  it('cuts a huge message and says so', () => {
    const lines = sideLines(
      { opcode: 'text', text: JSON.stringify(Array.from({ length: 1000 }, (_, i) => i)) },
      [],
      'actual',
    );
    expect(lines).toHaveLength(401);
    expect(lines.at(-1)?.text).toBe('… cut at 400 lines');
  });
});

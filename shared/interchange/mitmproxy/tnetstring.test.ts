import { describe, expect, it } from 'vitest';
import { parseTnetstrings, type TnetValue } from './tnetstring.js';
import { tnet, tnetFile } from './tnetstring.test-util.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const all = (input: Uint8Array): TnetValue[] => [...parseTnetstrings(input)].map((v) => v.value);

describe('parseTnetstrings', () => {
  it('reads the examples of mitmproxy/io/tnetstring.py', () => {
    expect(all(bytes('11:hello world,'))).toEqual([bytes('hello world')]);
    expect(all(bytes('5:12345#'))).toEqual([12345]);
    expect(all(bytes('19:5:12345#4:true!1:0#]'))).toEqual([[12345, true, 0]]);
  });

  it('reads every type, nested, and values one after another with their offsets', () => {
    const value = {
      text: 'héllo',
      bytes: Uint8Array.of(0, 255),
      n: -7,
      f: { float: 1795304386.8928354 },
      yes: false,
      none: null,
      list: [[], {}],
    };
    const file = tnetFile(value, 'second');
    const parsed = [...parseTnetstrings(file)];
    expect(parsed.map((p) => p.offset)).toEqual([0, tnet(value).length]);
    expect(parsed[0]?.value).toEqual({
      text: 'héllo',
      bytes: Uint8Array.of(0, 255),
      n: -7,
      f: 1795304386.8928354,
      yes: false,
      none: null,
      list: [[], {}],
    });
    expect(parsed[1]?.value).toBe('second');
  });

  it('keeps a key named __proto__ as a key', () => {
    const [value] = all(tnet({ __proto__: 'x', a: 1 } as never));
    expect(Object.getPrototypeOf(value)).toBeNull();
    expect(Object.keys(value as object)).toEqual(['a']);
    const [hostile] = all(bytes('19:9:__proto__;4:1:1#]}'));
    expect(Object.keys(hostile as object)).toEqual(['__proto__']);
    expect((hostile as Record<string, unknown>)['__proto__']).toEqual([1]);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('names the byte where a file goes wrong', () => {
    const fails = (input: string, message: RegExp): void => expect(() => all(bytes(input))).toThrow(message);
    fails('5:12345', /^byte 0: a value of 5 bytes runs past the end of the file \(cut short\?\)$/);
    fails('5:12345#x', /^byte 8: not a tnetstring: expected a length/);
    fails('3:abc?', /^byte 5: unknown type tag "\?"$/);
    fails('2:1x#', /^byte 2: "1x" is not an integer$/);
    fails('4:nope!', /^byte 2: "nope" is not a boolean$/);
    fails('1:x~', /^byte 2: a null with data$/);
    fails('7:5:hell,]', /^byte 2: a value of 5 bytes runs past the end of the value around it$/);
    fails('4:1:a;}', /^byte 2: a dictionary key without a value$/);
    fails('7:1:1#0:~}', /^byte 2: a dictionary key that is not text$/);
    fails('1234567890123:x', /^byte 0: not a tnetstring: expected a length/);
    fails(nest(120), /nested more than 100 deep/);
  });
});

/** A list nested `depth` deep. */
function nest(depth: number): string {
  let inner = '0:]';
  for (let i = 0; i < depth; i++) inner = `${inner.length}:${inner}]`;
  return inner;
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseExtensions,
  parsePerMessageDeflate,
  perMessageDeflateFromResponse,
  type Extension,
  type ExtensionParamValue,
} from './extensions.js';

/** The parsed list as plain data, for toEqual. */
function parsed(header: string): { name: string; params: Record<string, ExtensionParamValue[]> }[] {
  const result = parseExtensions(header);
  if (!result.ok) throw new Error(result.error.message);
  return result.value.map((e) => ({
    name: e.name,
    params: { ...e.params } as Record<string, ExtensionParamValue[]>,
  }));
}

function errorOf(header: string): { message: string; position: number } {
  const result = parseExtensions(header);
  if (result.ok) throw new Error(`parsed: ${header}`);
  return result.error;
}

function only(header: string): Extension {
  const result = parseExtensions(header);
  if (!result.ok || result.value[0] === undefined) throw new Error(`no extension in ${header}`);
  return result.value[0];
}

describe('parseExtensions', () => {
  it('reads extensions and parameters in order, bare, token and quoted', () => {
    expect(parsed('permessage-deflate; client_max_window_bits, x-foo;a=1; b="2" ;c')).toEqual([
      { name: 'permessage-deflate', params: { client_max_window_bits: [true] } },
      { name: 'x-foo', params: { a: ['1'], b: ['2'], c: [true] } },
    ]);
  });

  it('accepts whitespace around every separator and empty list elements (RFC 7230 §7)', () => {
    expect(parsed(' ,\tmux ; max-channels = 4 ,, , deflate-stream ,')).toEqual([
      { name: 'mux', params: { 'max-channels': ['4'] } },
      { name: 'deflate-stream', params: {} },
    ]);
  });

  it('keeps repeated parameters and extensions visible', () => {
    expect(parsed('a; x=1; x=2, a')).toEqual([
      { name: 'a', params: { x: ['1', '2'] } },
      { name: 'a', params: {} },
    ]);
  });

  it('unescapes quoted-pairs', () => {
    expect(parsed('a; x="1\\2"')).toEqual([{ name: 'a', params: { x: ['12'] } }]);
  });

  it('records where each extension starts', () => {
    const result = parseExtensions('a, bb; x');
    expect(result.ok && result.value.map((e) => e.position)).toEqual([0, 3]);
  });

  it('treats __proto__ and constructor as ordinary names', () => {
    const ext = only('__proto__; __proto__=1; constructor; toString="x"; polluted');
    expect(ext.name).toBe('__proto__');
    expect(Object.getPrototypeOf(ext.params)).toBeNull();
    expect(Object.keys(ext.params)).toEqual(['__proto__', 'constructor', 'toString', 'polluted']);
    expect(ext.params['__proto__']).toEqual(['1']);
    const plain: Record<string, unknown> = {};
    expect(plain['polluted']).toBeUndefined();
    expect(plain['constructor']).toBe(Object);
    expect(JSON.stringify(ext.params)).toBe(
      '{"__proto__":["1"],"constructor":[true],"toString":["x"],"polluted":[true]}',
    );
  });

  it.each([
    ['', 0, /expected an extension name, found the end of the header/],
    [' , ,', 4, /expected an extension name/],
    ['a b', 2, /expected ';' or ',', found 'b' at position 2/],
    ['a;', 2, /expected a parameter name, found the end/],
    ['a; =1', 3, /expected a parameter name, found '='/],
    ['a; x=', 5, /expected a parameter value/],
    ['a; x=,', 5, /found ','/],
    ['a; x="1', 5, /quoted string opened at position 5 is not closed/],
    ['a; x="1 2"', 5, /must be a token once unquoted.*U\+0020/],
    ['a; x=""', 5, /is empty/],
    ['a; x="1\\', 8, /a character after the backslash, found the end/],
    ['a; x="\u0001"', 6, /U\+0001 at position 6/],
    ['a@b', 1, /found '@'/],
    ['ü', 0, /U\+00FC/],
    ['a; x=1 2', 7, /expected ';' or ','/],
  ])('rejects %j at position %i', (header, position, message) => {
    const error = errorOf(header);
    expect(error.position).toBe(position);
    expect(error.message).toMatch(message);
  });

  it('reads back what a serializer writes', () => {
    const token = fc.stringMatching(/^[!#$%&'*+\-.^_`|~0-9a-zA-Z]{1,8}$/);
    const param = fc.tuple(token, fc.oneof(fc.constant<true>(true), token), fc.boolean());
    const extension = fc.tuple(token, fc.array(param, { maxLength: 4 }));
    fc.assert(
      fc.property(fc.array(extension, { minLength: 1, maxLength: 4 }), (list) => {
        const header = list
          .map(([name, params]) =>
            [name, ...params.map(([k, v, q]) => (v === true ? k : q ? `${k}="${v}"` : `${k}=${v}`))].join(
              '; ',
            ),
          )
          .join(', ');
        const result = parseExtensions(header);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(result.value.map((e) => e.name)).toEqual(list.map(([name]) => name));
        result.value.forEach((e, i) => {
          const flat = Object.entries(e.params).flatMap(([k, vs]) => vs.map((v) => [k, v]));
          const expected = (list[i]?.[1] ?? []).map(([k, v]) => [k, v]);
          expect(flat.sort()).toEqual(expected.sort());
        });
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        const result = parseExtensions(text);
        return result.ok || result.error.position <= text.length;
      }),
      { numRuns: 1000 },
    );
  });

  it('takes linear time on hostile input', () => {
    const long = `a; x="${'\\a'.repeat(200_000)}`;
    expect(errorOf(long).message).toMatch(/not closed/);
    const many = parseExtensions(Array.from({ length: 50_000 }, (_, i) => `e${i}; p=${i}`).join(','));
    expect(many.ok && many.value.length).toBe(50_000);
  });
});

describe('parsePerMessageDeflate', () => {
  const request = (header: string) => parsePerMessageDeflate(only(header), 'request');
  const response = (header: string) => parsePerMessageDeflate(only(header), 'response');

  it('defaults every parameter when none is given', () => {
    expect(response('permessage-deflate')).toEqual({
      ok: true,
      value: {
        serverNoContextTakeover: false,
        clientNoContextTakeover: false,
        serverMaxWindowBits: null,
        clientMaxWindowBits: null,
      },
    });
  });

  it('reads all four parameters (RFC 7692 §7.1)', () => {
    const header =
      'permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=10; client_max_window_bits="8"';
    expect(response(header)).toEqual({
      ok: true,
      value: {
        serverNoContextTakeover: true,
        clientNoContextTakeover: true,
        serverMaxWindowBits: 10,
        clientMaxWindowBits: 8,
      },
    });
  });

  it('lets an offer carry client_max_window_bits without a value, but not a response (§7.1.2.2)', () => {
    expect(request('permessage-deflate; client_max_window_bits')).toMatchObject({
      ok: true,
      value: { clientMaxWindowBits: true },
    });
    const refused = response('permessage-deflate; client_max_window_bits');
    expect(!refused.ok && refused.error.message).toMatch(/a response must give a value/);
  });

  it.each([
    ['permessage-deflate; server_max_window_bits', /server_max_window_bits must be .* got no value/],
    ['permessage-deflate; server_max_window_bits=7', /from 8 to 15, got '7'/],
    ['permessage-deflate; server_max_window_bits=16', /got '16'/],
    ['permessage-deflate; server_max_window_bits=09', /got '09'/],
    ['permessage-deflate; client_max_window_bits=+9', /client_max_window_bits .* got '\+9'/],
    ['permessage-deflate; client_max_window_bits=1e1', /got '1e1'/],
    ['permessage-deflate; server_no_context_takeover=true', /takes no value, got 'true'/],
    ['permessage-deflate; client_no_context_takeover; client_no_context_takeover', /appears 2 times/],
    ['permessage-deflate; server_max_window_bits=10; server_max_window_bits=10', /appears 2 times/],
    ['permessage-deflate; x-window=1', /unknown parameter 'x-window' in an offer/],
    ['permessage-deflate; __proto__', /unknown parameter '__proto__'/],
    ['permessage-deflate; constructor=1', /unknown parameter 'constructor'/],
    ['x-webkit-deflate-frame', /this is 'x-webkit-deflate-frame', not permessage-deflate/],
  ])('rejects %j', (header, message) => {
    const result = request(header);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).toMatch(message);
      expect(result.error.position).toBe(0);
    }
  });

  it('accepts every window size from 8 to 15', () => {
    for (let bits = 8; bits <= 15; bits++) {
      expect(response(`permessage-deflate; server_max_window_bits=${bits}`)).toMatchObject({
        value: { serverMaxWindowBits: bits },
      });
    }
  });
});

describe('perMessageDeflateFromResponse', () => {
  it('finds the accepted permessage-deflate among other extensions', () => {
    expect(
      perMessageDeflateFromResponse('x-foo, permessage-deflate; server_no_context_takeover'),
    ).toMatchObject({
      ok: true,
      value: { serverNoContextTakeover: true },
    });
  });

  it('is null when the server accepted none', () => {
    expect(perMessageDeflateFromResponse('x-foo')).toEqual({ ok: true, value: null });
  });

  it('reports syntax errors, double acceptance and offer-only forms', () => {
    expect(perMessageDeflateFromResponse('permessage-deflate;')).toMatchObject({
      ok: false,
      error: { position: 19 },
    });
    expect(perMessageDeflateFromResponse('permessage-deflate, permessage-deflate')).toMatchObject({
      ok: false,
      error: { position: 20, message: expect.stringMatching(/accepted twice/) as unknown },
    });
    expect(perMessageDeflateFromResponse('permessage-deflate; client_max_window_bits').ok).toBe(false);
  });
});

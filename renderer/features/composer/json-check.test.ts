import { describe, expect, it } from 'vitest';
import { checkJson, formatJson, positionAt } from './json-check.js';

const failure = (text: string) => {
  const r = checkJson(text);
  if (r.ok) throw new Error(`expected ${JSON.stringify(text)} to fail`);
  return r;
};

describe('checkJson', () => {
  it('accepts what JSON.parse accepts', () => {
    for (const text of [
      '{}',
      '[]',
      '"x"',
      '0',
      '-1.5e3',
      'true',
      'null',
      ' {"a": [1, {"b": "\\u00e9\\n"}]} ',
    ]) {
      expect(checkJson(text)).toEqual({ ok: true });
    }
  });

  it('points at the token V8 does not locate (a missing value)', () => {
    const r = failure('{"a": }');
    expect(r.position).toEqual({ offset: 6, line: 1, column: 7 });
    expect(r.error).toContain('expected a value');
  });

  it('gives line and column on later lines', () => {
    const r = failure('{\n  "a": 1,\n  "b" 2\n}');
    expect(r.position.line).toBe(3);
    expect(r.position.column).toBe(7);
    expect(r.error).toContain("expected ':'");
  });

  it('names trailing commas, unterminated strings, bad escapes, bad numbers and trailing data', () => {
    expect(failure('[1, 2,]').error).toContain('trailing comma');
    expect(failure('{"a":1,}').position.offset).toBe(7);
    expect(failure('"abc').error).toContain('unterminated string');
    expect(failure('"a\\qb"').error).toContain('bad escape');
    expect(failure('"a\\qb"').position.offset).toBe(2);
    expect(failure('01').error).toContain('bad number');
    expect(failure('{"a":1} x').position.offset).toBe(8);
    expect(failure('').error).toContain('empty input');
    expect(failure('[1, 2').error).toContain("expected ',' or ']'");
    expect(failure("{'a': 1}").error).toContain('double-quoted property name');
  });

  it('positionAt counts lines and columns from 1', () => {
    expect(positionAt('ab\ncd', 4)).toEqual({ offset: 4, line: 2, column: 2 });
    expect(positionAt('', 0)).toEqual({ offset: 0, line: 1, column: 1 });
  });

  it('formats and minifies valid JSON, returns null for invalid', () => {
    expect(formatJson('{"a":[1,2]}')).toBe('{\n  "a": [\n    1,\n    2\n  ]\n}');
    expect(formatJson('{ "a" : 1 }', 0)).toBe('{"a":1}');
    expect(formatJson('{')).toBeNull();
  });
});

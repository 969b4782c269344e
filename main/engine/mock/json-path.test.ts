import { describe, expect, it } from 'vitest';
import { parseJsonPath, readJsonPath } from './json-path.js';

const path = (source: string) => {
  const parsed = parseJsonPath(source);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed;
};

describe('parseJsonPath', () => {
  it('reads $, .key, quoted keys and indexes', () => {
    expect(path('$').steps).toEqual([]);
    expect(path('$.a.b_c.$d').steps).toEqual(['a', 'b_c', '$d']);
    expect(path(`$['a b'].c["d.e"][0][12]`).steps).toEqual(['a b', 'c', 'd.e', 0, 12]);
    expect(path(`$['it\\'s']`).steps).toEqual(["it's"]);
    expect(path('  $.x  ').source).toBe('$.x');
  });

  it('says what it cannot read', () => {
    expect(parseJsonPath('a.b')).toEqual({
      error: "JSON path 'a.b' must start with $ (e.g. $.type or $.items[0].id)",
    });
    expect(parseJsonPath('$.items[*]')).toMatchObject({
      error: expect.stringContaining("cannot read '[*]'"),
    });
    expect(parseJsonPath('$..a')).toMatchObject({ error: expect.stringContaining("cannot read '..a'") });
    expect(parseJsonPath('$[-1]')).toMatchObject({
      error: expect.stringContaining('filters and wildcards are not supported'),
    });
  });
});

describe('readJsonPath', () => {
  const doc = { a: { b: [10, { c: null }] }, 'x y': false };

  it('finds values of any type, null included', () => {
    expect(readJsonPath(doc, path('$'))).toBe(doc);
    expect(readJsonPath(doc, path('$.a.b[0]'))).toBe(10);
    expect(readJsonPath(doc, path('$.a.b[1].c'))).toBeNull();
    expect(readJsonPath(doc, path(`$['x y']`))).toBe(false);
  });

  it('is undefined where the path leads nowhere', () => {
    expect(readJsonPath(doc, path('$.a.b[2]'))).toBeUndefined();
    expect(readJsonPath(doc, path('$.a.b.c'))).toBeUndefined();
    expect(readJsonPath(doc, path('$.a[0]'))).toBeUndefined();
    expect(readJsonPath(doc, path('$.toString'))).toBeUndefined();
    expect(readJsonPath('text', path('$.length'))).toBeUndefined();
  });
});

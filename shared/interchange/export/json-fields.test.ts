import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIgnorePath, withoutPaths, type IgnorePath } from '../../replay/ignore-paths.js';
import { connection } from './conversation.test-util.js';
import { copiesInto, ignoredFields, pathText, readField, sameJson, type FieldPath } from './json-fields.js';
import { volatilePaths } from './volatile-fields.js';

function path(source: string): IgnorePath {
  const parsed = parseIgnorePath(source);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed;
}

/** The value with the fields taken out the way withoutPaths does (array items blanked). */
function takeOut(value: unknown, fields: readonly FieldPath[]): unknown {
  const copy = JSON.parse(JSON.stringify(value)) as unknown;
  for (const at of fields) {
    const parent = readField(copy, at.slice(0, -1)) as Record<string | number, unknown>;
    const key = at.at(-1) as string | number;
    if (Array.isArray(parent)) parent[key as number] = null;
    else delete parent[key];
  }
  return copy;
}

const keys = fc.constantFrom('id', 'ts', 'a', 'b c');
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.oneof(fc.integer(), fc.string(), fc.constant(null)),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(keys, tie('value'), { maxKeys: 3 }),
  ),
})).value;
const sources = fc.array(
  fc.constantFrom('$.id', '$..ts', '$.a[*]', "$['b c'].id", '$[0].a', '$.*.id', '$..a.id'),
  {
    maxLength: 3,
  },
);

describe('ignoredFields', () => {
  it('names exactly the fields withoutPaths takes out', () => {
    fc.assert(
      fc.property(json, sources, (value, list) => {
        const paths = list.map(path);
        const fields = ignoredFields(value, paths).map((f) => f.path);
        expect(takeOut(value, fields)).toEqual(withoutPaths(value, paths));
      }),
      { numRuns: 500 },
    );
  });
});

describe('pathText', () => {
  it('writes paths --ignore and mock files read back to the same steps', () => {
    const concrete: FieldPath[] = [['id'], ['items', 0, 'id'], ['content-type'], ["it's"], ['a b', 2]];
    for (const p of concrete) {
      const steps = p.map((s) =>
        typeof s === 'number' ? { kind: 'index', index: s } : { kind: 'key', key: s },
      );
      expect(path(pathText(p)).steps).toEqual(steps);
    }
    expect(pathText(['items', 0, 'a b', "it's"])).toBe("$.items[0]['a b']['it\\'s']");
  });
});

describe('copiesInto', () => {
  it('copies a volatile value under the same key, or under another when it cannot be a coincidence', () => {
    const volatile = [
      { path: ['id'], value: 1 },
      { path: ['meta', 'trace'], value: 'tr-77' },
      { path: ['n'], value: 2 },
    ];
    const reply = { id: 1, count: 1, of: 2, about: 'tr-77', n: 2, flag: true };
    expect(copiesInto(reply, volatile)).toEqual([
      { to: ['id'], from: ['id'] },
      { to: ['about'], from: ['meta', 'trace'] },
      { to: ['n'], from: ['n'] },
    ]);
    expect(copiesInto(reply, [{ path: ['ok'], value: true }])).toEqual([]);
  });
});

describe('volatilePaths', () => {
  it('adds the id-named fields a reply echoes to the ignore paths, once', () => {
    const c = connection(1, 'ws://x.test/', [
      ['c', 0, '{"requestId":"r1","op":"get","page":1}'],
      ['s', 1, '{"requestId":"r1","page":1,"items":[]}'],
      ['c', 2, '{"id":5,"op":"list"}'],
      ['s', 3, '{"ok":true}'],
    ]);
    expect(volatilePaths([c], []).map((p) => p.source)).toEqual(['$.requestId']);
    expect(volatilePaths([c], [path('$..requestId'), path('$.page')]).map((p) => p.source)).toEqual([
      '$..requestId',
      '$.page',
    ]);
  });
});

describe('sameJson', () => {
  it('compares values, not key order', () => {
    expect(sameJson({ a: [1, { b: 2 }], c: null }, { c: null, a: [1, { b: 2 }] })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameJson([1], { 0: 1 })).toBe(false);
  });
});

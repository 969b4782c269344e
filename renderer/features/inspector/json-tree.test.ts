import { describe, expect, it } from 'vitest';
import { buildJsonTree, containerSummary, JSON_TREE_LIMITS, parseJsonPayload } from './json-tree.js';

describe('parseJsonPayload', () => {
  it('parses objects and arrays only', () => {
    expect(parseJsonPayload(' {"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseJsonPayload('[1]')).toEqual({ ok: true, value: [1] });
    expect(parseJsonPayload('42')).toEqual({ ok: false });
    expect(parseJsonPayload('"x"')).toEqual({ ok: false });
    expect(parseJsonPayload('{oops')).toEqual({ ok: false });
  });

  it('does not parse past the size bound', () => {
    expect(parseJsonPayload('[1,2]', { ...JSON_TREE_LIMITS, maxChars: 4 })).toEqual({ ok: false });
  });
});

describe('buildJsonTree', () => {
  it('builds keyed nodes with JSON text for scalars', () => {
    const tree = buildJsonTree({ type: 'chat', n: 2, ok: true, none: null, list: ['a'] });
    expect(tree.kind).toBe('object');
    expect(tree.size).toBe(5);
    expect(tree.children.map((c) => [c.key, c.kind, c.text])).toEqual([
      ['type', 'string', '"chat"'],
      ['n', 'number', '2'],
      ['ok', 'boolean', 'true'],
      ['none', 'null', 'null'],
      ['list', 'array', ''],
    ]);
    expect(tree.children[4]!.children[0]).toMatchObject({ key: '0', text: '"a"' });
    expect(containerSummary(tree)).toBe('{5 keys}');
    expect(containerSummary(tree.children[4]!)).toBe('[1 item]');
  });

  it('bounds children per container, total nodes, depth and strings', () => {
    const limits = { ...JSON_TREE_LIMITS, maxChildren: 3, maxNodes: 6, maxDepth: 2, maxString: 4 };
    const wide = buildJsonTree(
      Array.from({ length: 100 }, (_, i) => i),
      limits,
    );
    expect(wide.children).toHaveLength(3);
    expect(wide.omitted).toBe(97);

    const nested = buildJsonTree(
      [
        [1, 2, 3],
        [4, 5, 6],
        [7, 8, 9],
      ],
      limits,
    );
    const built = 1 + nested.children.length + nested.children.reduce((n, c) => n + c.children.length, 0);
    expect(built).toBeLessThanOrEqual(6);

    const deep = buildJsonTree({ a: { b: { c: 1 } } }, limits);
    expect(deep.children[0]!.children[0]!.children).toEqual([]);
    expect(deep.children[0]!.children[0]!.omitted).toBe(1);

    expect(buildJsonTree(['abcdefgh'], limits).children[0]!.text).toBe('"abcd…"');
  });

  it('keeps markup in strings as plain text', () => {
    const tree = buildJsonTree({ html: '<img src=x onerror=alert(1)>' });
    expect(tree.children[0]!.text).toBe('"<img src=x onerror=alert(1)>"');
  });
});

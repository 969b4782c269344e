/**
 * Where a value of a parsed mock file stands in its text: instance paths (ajv's `/routes/0/rules`
 * or build-definition's `['routes', 0, 'rules']`) to 1-based line:column, through the YAML node
 * tree (JSON files are parsed by the same YAML parser, so both get positions).
 */
import type { Document, LineCounter, Node } from 'yaml';
import { yamlLibrary } from './libraries.js';

/** A path into the document: keys and list indexes. */
export type DocPath = readonly (string | number)[];

/** 1-based. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** Finds positions in one parsed document. */
export class DocPositions {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  /** The value at `path` (or its key, for `at: 'key'`), or the deepest node on the way that exists. */
  position(path: DocPath, at: 'value' | 'key' = 'value'): Position {
    const { isAlias, isMap, isPair, isScalar, isSeq } = yamlLibrary();
    let node: Node | null = this.doc.contents;
    let found: Node | null = node;
    for (const [i, step] of path.entries()) {
      if (isAlias(node)) node = node.resolve(this.doc) ?? null;
      if (isMap(node)) {
        const pair = node.items.find(
          (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(step),
        );
        if (!pair) break;
        const value = pair.value as Node | null;
        // A key without a value (`match:`) has nothing else to point at.
        if ((i === path.length - 1 && at === 'key') || isEmpty(value)) {
          found = pair.key as Node;
          break;
        }
        node = value;
      } else if (isSeq(node) && typeof step === 'number' && node.items[step]) {
        node = node.items[step] as Node;
      } else {
        break;
      }
      found = node;
    }
    return this.at(found?.range?.[0] ?? 0);
  }

  /** The position of a character offset. */
  at(offset: number): Position {
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }
}

function isEmpty(node: Node | null): boolean {
  return (
    node === null ||
    (yamlLibrary().isScalar(node) && node.value === null && node.range?.[0] === node.range?.[1])
  );
}

/** ajv's `/routes/0/rules` as path steps (RFC 6901 escapes undone; digits are list indexes). */
export function pointerToPath(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** `routes[0].rules[2].match` for people. */
export function formatPath(path: DocPath): string {
  let out = '';
  for (const step of path) {
    if (typeof step === 'number') out += `[${step}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(step)) out += out === '' ? step : `.${step}`;
    else out += `['${step.replace(/'/g, "\\'")}']`;
  }
  return out;
}

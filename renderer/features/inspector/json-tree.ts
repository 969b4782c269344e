/**
 * The JSON tab's tree, built from a parsed payload within fixed bounds (nodes, children per node,
 * depth, string length), so a megabyte array costs the same DOM as a small one. Pure.
 */

/** Limits of one tree. */
export interface JsonTreeLimits {
  /** Payload characters parsed at most; longer payloads get no JSON tab. */
  readonly maxChars: number;
  /** Nodes built in all. */
  readonly maxNodes: number;
  /** Children shown per object or array. */
  readonly maxChildren: number;
  readonly maxDepth: number;
  /** Characters of a string value shown. */
  readonly maxString: number;
}

/** Bounds used by the detail pane. */
export const JSON_TREE_LIMITS: JsonTreeLimits = {
  maxChars: 1 << 20,
  maxNodes: 2000,
  maxChildren: 200,
  maxDepth: 32,
  maxString: 500,
};

/** One node: a container with children, or a scalar with its JSON text. */
export interface JsonNode {
  /** Property name or array index; null for the root. */
  readonly key: string | null;
  readonly kind: 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';
  /** Scalars: their JSON text (strings quoted, cut at maxString with `…`); containers: ''. */
  readonly text: string;
  /** Containers: keys or items in the value. */
  readonly size: number;
  readonly children: readonly JsonNode[];
  /** Containers: children left out by the bounds. */
  readonly omitted: number;
}

/** The parsed payload, when it is a JSON object or array (scalars get no tree). */
export function parseJsonPayload(
  text: string,
  limits: JsonTreeLimits = JSON_TREE_LIMITS,
): { readonly ok: true; readonly value: unknown } | { readonly ok: false } {
  if (text.length > limits.maxChars) return { ok: false };
  const head = text.trimStart()[0];
  if (head !== '{' && head !== '[') return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** A scalar's JSON text, strings cut at `max` characters. */
function scalarText(value: unknown, max: number): string {
  if (typeof value === 'string') {
    const cut = value.length > max ? `${value.slice(0, max)}…` : value;
    return JSON.stringify(cut);
  }
  return String(value);
}

/** Kind of a JSON value. */
function kindOf(value: unknown): JsonNode['kind'] {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'object':
      return 'object';
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    default:
      return 'boolean';
  }
}

/** Builds the tree of `value`, breadth of each container and total size bounded by `limits`. */
export function buildJsonTree(value: unknown, limits: JsonTreeLimits = JSON_TREE_LIMITS): JsonNode {
  let budget = limits.maxNodes;
  const build = (key: string | null, v: unknown, depth: number): JsonNode => {
    budget--;
    const kind = kindOf(v);
    if (kind !== 'object' && kind !== 'array') {
      return { key, kind, text: scalarText(v, limits.maxString), size: 0, children: [], omitted: 0 };
    }
    const entries: readonly (readonly [string, unknown])[] | null =
      kind === 'array' ? null : Object.entries(v as Record<string, unknown>);
    const size = entries === null ? (v as readonly unknown[]).length : entries.length;
    const children: JsonNode[] = [];
    if (depth < limits.maxDepth) {
      for (let i = 0; i < size && i < limits.maxChildren && budget > 0; i++) {
        const [k, child] = entries === null ? [String(i), (v as readonly unknown[])[i]] : entries[i]!;
        children.push(build(k, child, depth + 1));
      }
    }
    return { key, kind, text: '', size, children, omitted: size - children.length };
  };
  return build(null, value, 0);
}

/** The one-line summary of a container: `{3 keys}` or `[120 items]`. */
export function containerSummary(node: JsonNode): string {
  if (node.kind === 'object') return `{${node.size} ${node.size === 1 ? 'key' : 'keys'}}`;
  if (node.kind === 'array') return `[${node.size} ${node.size === 1 ? 'item' : 'items'}]`;
  return node.text;
}

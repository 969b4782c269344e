/**
 * Completion for the mock editor, from the JSON Schema main serves (`mock.schema`): the keys
 * allowed where the cursor is (a route's, a rule's, an action's…), found by walking the schema
 * along the YAML keys above the cursor. Pure, so it is tested without an editor.
 */
import type { JsonSchemaObject } from '../../../shared/ipc/mock-commands.js';

/** One key to offer. */
export interface KeyOption {
  readonly key: string;
  /** The schema's description of the key. */
  readonly info: string;
  /** An action name or a match kind (the key a oneOf branch requires), else a plain key. */
  readonly kind: 'action' | 'key';
}

type Schema = Record<string, unknown>;

const isSchema = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `#/definitions/name` resolved (once; a ref to a ref is followed too). */
function deref(root: Schema, schema: Schema): Schema {
  let current = schema;
  for (let i = 0; i < 8 && typeof current.$ref === 'string'; i++) {
    const name = current.$ref.replace(/^#\/definitions\//, '');
    const next = (root.definitions as Schema | undefined)?.[name];
    if (!isSchema(next)) break;
    current = { ...next, ...Object.fromEntries(Object.entries(current).filter(([k]) => k !== '$ref')) };
  }
  return current;
}

/** The object schemas a value may be: itself, or each object branch of its oneOf. */
function shapes(root: Schema, schema: Schema): Schema[] {
  const own = deref(root, schema);
  const branches = Array.isArray(own.oneOf) ? own.oneOf.filter(isSchema).map((b) => deref(root, b)) : [];
  return [own, ...branches].filter((s) => isSchema(s.properties));
}

/** The keys allowed in the object at `path` (keys from the root; list items are passed through). */
export function keysAt(schemaRoot: JsonSchemaObject, path: readonly string[]): KeyOption[] {
  const root = schemaRoot as Schema;
  let candidates: Schema[] = [root];
  for (const key of path) {
    const next: Schema[] = [];
    for (const shape of candidates.flatMap((c) => shapes(root, c))) {
      const property = (shape.properties as Schema)[key];
      if (!isSchema(property)) continue;
      const value = deref(root, property);
      next.push(value.type === 'array' && isSchema(value.items) ? deref(root, value.items) : value);
    }
    if (next.length === 0) return [];
    candidates = next;
  }
  const options = new Map<string, KeyOption>();
  for (const candidate of candidates) {
    const own = deref(root, candidate);
    const branches = Array.isArray(own.oneOf) ? own.oneOf.filter(isSchema).map((b) => deref(root, b)) : [];
    // A oneOf's required keys first (reply, close, … for an action; text, regex, … for a match).
    for (const branch of branches) {
      const key = (branch.required as string[] | undefined)?.[0];
      if (key === undefined || options.has(key)) continue;
      options.set(key, { key, info: String(branch.description ?? ''), kind: 'action' });
    }
    for (const shape of [own, ...branches]) {
      for (const [key, value] of Object.entries((shape.properties as Schema | undefined) ?? {})) {
        if (options.has(key) || key === '$schema') continue;
        options.set(key, { key, info: isSchema(value) ? String(value.description ?? '') : '', kind: 'key' });
      }
    }
  }
  return [...options.values()];
}

/** Every key the schema names anywhere (for JSON, or where the YAML context is unclear). */
export function allKeys(schemaRoot: JsonSchemaObject): KeyOption[] {
  const root = schemaRoot as Schema;
  const options = new Map<string, KeyOption>();
  const visit = (schema: unknown, depth: number): void => {
    if (!isSchema(schema) || depth > 12) return;
    const required = (schema.required as string[] | undefined)?.[0];
    for (const [key, value] of Object.entries((schema.properties as Schema | undefined) ?? {})) {
      if (key === '$schema') continue;
      const kind = key === required && schema.additionalProperties === false ? 'action' : 'key';
      if (!options.has(key) || kind === 'action')
        options.set(key, { key, info: isSchema(value) ? String(value.description ?? '') : '', kind });
      visit(value, depth + 1);
    }
    for (const sub of [schema.items, ...((schema.oneOf as unknown[] | undefined) ?? [])])
      visit(sub, depth + 1);
  };
  visit(root, 0);
  for (const definition of Object.values((root.definitions as Schema | undefined) ?? {}))
    visit(definition, 1);
  return [...options.values()].sort((a, b) => a.key.localeCompare(b.key));
}

/** A line's key and the column it starts at (`  - match: …` → match at 4), or null. */
function keyOf(
  line: string,
): { readonly key: string; readonly column: number; readonly item: number | null } | null {
  const match = /^(\s*)((?:- +)*)([A-Za-z_$][\w$-]*|"[^"]*"|'[^']*')\s*:(\s|$)/.exec(line);
  if (match === null) return null;
  const dash = match[2]!;
  return {
    key: match[3]!.replace(/^["']|["']$/g, ''),
    column: match[1]!.length + dash.length,
    item: dash === '' ? null : match[1]!.length,
  };
}

/**
 * The keys from the document's root to the mapping a key typed at `column` of line `lineIndex`
 * belongs to, read from the indentation of the lines above (block YAML; flow `{…}` is not
 * followed).
 */
export function yamlPathAt(lines: readonly string[], lineIndex: number, column: number): string[] {
  const path: string[] = [];
  let limit = column;
  for (let i = lineIndex - 1; i >= 0 && limit > 0; i--) {
    const line = lines[i]!;
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const found = keyOf(line);
    // A key at the same or a deeper column is a sibling or inside one; a lesser column opens the
    // mapping (or list) the cursor is in. A `- key:` item's own keys start at its key's column.
    if (found === null || found.column >= limit) continue;
    path.unshift(found.key);
    limit = found.item ?? found.column;
  }
  return path;
}

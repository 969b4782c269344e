/**
 * ajv's errors as sentences a mock author can act on. A failed `oneOf` makes ajv report every
 * branch's complaints (14 per action); here the branch the author meant is picked by the key it
 * requires (`reply:` means the reply branch) and only its complaints are kept; when no key or
 * several keys are there, one sentence says which keys are possible. Needs ajv's `verbose` errors.
 */
import type { ErrorObject } from 'ajv';
import { pointerToPath, type DocPath } from './doc-positions.js';
import { DURATION_PATTERN } from './duration.js';

/** One schema problem, at a place in the document. */
export interface SchemaProblem {
  readonly path: DocPath;
  /** `key` points at the key itself (an unknown key), `value` at its value. */
  readonly at: 'value' | 'key';
  readonly message: string;
}

type Schema = Record<string, unknown>;

/** Turns ajv's errors into one problem per real mistake. `actionSchema` gets a hint about list items. */
export function schemaProblems(errors: readonly ErrorObject[], actionSchema: unknown): SchemaProblem[] {
  let pool = dedupe(errors);
  const choices: Located[] = [];
  // Errors an inner oneOf kept: a recursive definition (actions in `every.then`) reports inner and
  // outer branches under the same schema path, so an outer oneOf must not judge them again.
  const claimed = new Set<ErrorObject>();
  const branchings = pool.filter((e) => e.keyword === 'oneOf').sort((a, b) => depth(b) - depth(a));
  for (const branching of branchings) {
    const at = branching.instancePath;
    const prefix = `${branching.schemaPath}/`;
    const own = pool.filter(
      (e) =>
        e !== branching &&
        !claimed.has(e) &&
        e.schemaPath.startsWith(prefix) &&
        isAtOrUnder(e.instancePath, at),
    );
    pool = pool.filter((e) => e !== branching && !own.includes(e));
    const branches = branching.schema as Schema[];
    const chosen = chooseBranch(branches, branching.data);
    if (chosen.length === 1) {
      const kept = own.filter((e) => Number(e.schemaPath.slice(prefix.length).split('/')[0]) === chosen[0]);
      for (const error of kept) claimed.add(error);
      pool.push(...kept);
    } else {
      const message = describeChoice(
        branches,
        branching.data,
        chosen,
        branching.parentSchema === actionSchema,
      );
      choices.push({ pointer: at, path: pointerToPath(at), at: 'value', message });
    }
  }
  // Nothing inside an unknown key, or inside a value whose kind is unclear, is worth reading.
  const unknownKeys = pool.flatMap((e) =>
    e.keyword === 'additionalProperties'
      ? [`${e.instancePath}/${escape(String(e.params.additionalProperty))}`]
      : [],
  );
  const described: Located[] = pool.map((e) => ({ pointer: e.instancePath, ...describeError(e) }));
  const kept = [
    ...choices.filter(
      (c) =>
        !choices.some((outer) => isUnder(c.pointer, outer.pointer)) &&
        !unknownKeys.some((k) => isAtOrUnder(c.pointer, k)),
    ),
    ...described.filter(
      (d) =>
        !choices.some((c) => isAtOrUnder(d.pointer, c.pointer)) &&
        !unknownKeys.some((k) => isUnder(d.pointer, k)),
    ),
  ];
  return kept
    .filter((p, i) => kept.findIndex((q) => q.pointer === p.pointer && q.message === p.message) === i)
    .map(({ path, at, message }) => ({ path, at, message }));
}

type Located = SchemaProblem & { readonly pointer: string };

function describeError(error: ErrorObject): SchemaProblem {
  const path = pointerToPath(error.instancePath);
  const params = error.params as Record<string, unknown>;
  const parent = (error.parentSchema ?? {}) as Schema;
  switch (error.keyword) {
    case 'required': {
      const key = String(params.missingProperty);
      const about =
        ((parent.properties as Record<string, Schema> | undefined)?.[key]?.description as
          string | undefined) ?? '';
      const note = about.replace(/\.$/, '').replace(/^[A-Z](?=[a-z])/, (c) => c.toLowerCase());
      return { path, at: 'value', message: `missing '${key}'${note ? ` (${note})` : ''}` };
    }
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const patterns = Object.keys((parent.patternProperties as Schema | undefined) ?? {}).map(
        (p) => `${p.replace(/^\^/, '')}…`,
      );
      const allowed = [...Object.keys((parent.properties as Schema | undefined) ?? {}), ...patterns];
      const near = closest(key, allowed);
      const hint = near ? `did you mean '${near}'?` : `allowed here: ${allowed.join(', ')}`;
      return { path: [...path, key], at: 'key', message: `unknown key '${key}' (${hint})` };
    }
    case 'type':
      return {
        path,
        at: 'value',
        message: `must be ${String(params.type).split(',').map(article).join(' or ')}, got ${describeValue(error.data)}${quoteHint(String(params.type), error.data)}`,
      };
    case 'const':
      return {
        path,
        at: 'value',
        message: `must be ${JSON.stringify(params.allowedValue)}, got ${describeValue(error.data)}`,
      };
    case 'enum':
      return {
        path,
        at: 'value',
        message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}, got ${describeValue(error.data)}`,
      };
    case 'pattern':
      if (params.pattern === DURATION_PATTERN) {
        return {
          path,
          at: 'value',
          message: `'${String(error.data)}' is not a duration: write a number of ms or text such as 250ms, 5s, 1.5m, 1h`,
        };
      }
      return {
        path,
        at: 'value',
        message: `'${String(error.data)}' does not match ${String(params.pattern)}`,
      };
    case 'minimum':
    case 'maximum':
      return {
        path,
        at: 'value',
        message: `must be ${String(params.comparison).replace('>=', '≥').replace('<=', '≤')} ${String(params.limit)}, got ${String(error.data)}`,
      };
    case 'minItems':
      return {
        path,
        at: 'value',
        message: `needs at least ${String(params.limit)} item${params.limit === 1 ? '' : 's'}`,
      };
    case 'minProperties':
      return {
        path,
        at: 'value',
        message: `needs at least ${String(params.limit)} key${params.limit === 1 ? '' : 's'}`,
      };
    default:
      return { path, at: 'value', message: error.message ?? `fails the schema's ${error.keyword} rule` };
  }
}

/** Indexes of the branches whose type fits the value and whose key (first required property) is there. */
function chooseBranch(branches: readonly Schema[], data: unknown): number[] {
  return branches.flatMap((branch, i) => (typeFits(branch, data) && keyPresent(branch, data) ? [i] : []));
}

function describeChoice(
  branches: readonly Schema[],
  data: unknown,
  chosen: readonly number[],
  isAction: boolean,
): string {
  const keys = branches.flatMap((b) =>
    (b.required as string[] | undefined)?.[0] ? [(b.required as string[])[0] as string] : [],
  );
  const scalarTypes = branches
    .filter((b) => b.required === undefined && typeof b.type === 'string')
    .map((b) => article(b.type as string));
  const mapping =
    keys.length > 0 ? `a mapping with ${isAction ? 'one action key' : 'one of'} (${keys.join(', ')})` : '';
  if (!isObject(data)) {
    const asKey =
      typeof data === 'string' && keys.includes(data) ? `; write it as a mapping: '${data}: …'` : '';
    return `must be ${[...scalarTypes, mapping].filter(Boolean).join(' or ')}, got ${describeValue(data)}${quoteHint(scalarTypes.join(','), data)}${asKey}`;
  }
  if (chosen.length > 1) {
    const found = chosen.map((i) => (branches[i]?.required as string[] | undefined)?.[0]).filter(Boolean);
    const hint = isAction ? ': one action per list item (- reply: …, then - close: … on the next item)' : '';
    return `needs exactly one of ${keys.join(', ')} (found ${found.join(' and ')})${hint}`;
  }
  const unknown = Object.keys(data).filter(
    (k) => !branches.some((b) => Object.hasOwn((b.properties as Schema | undefined) ?? {}, k)),
  );
  const guesses = unknown.map((k) => [k, closest(k, keys)] as const).filter(([, near]) => near !== null);
  const guess =
    guesses.length > 0
      ? `; did you mean ${guesses.map(([k, near]) => `'${near}' for '${k}'`).join(', ')}?`
      : '';
  const found =
    Object.keys(data).length === 0
      ? ' (found an empty mapping)'
      : guess
        ? ''
        : ` (found ${Object.keys(data).join(', ')})`;
  return `needs ${isAction ? 'one action key:' : 'one of'} ${keys.join(', ')}${found}${guess}`;
}

function typeFits(branch: Schema, data: unknown): boolean {
  if (branch.type === undefined) return branch.required === undefined || isObject(data);
  const types = Array.isArray(branch.type) ? (branch.type as string[]) : [branch.type as string];
  return types.some((t) => typeOf(data) === t || (t === 'number' && typeOf(data) === 'integer'));
}

function keyPresent(branch: Schema, data: unknown): boolean {
  const key = (branch.required as string[] | undefined)?.[0];
  return key === undefined || (isObject(data) && Object.hasOwn(data, key));
}

function typeOf(data: unknown): string {
  if (data === null) return 'null';
  if (Array.isArray(data)) return 'array';
  if (typeof data === 'number') return Number.isInteger(data) ? 'integer' : 'number';
  return typeof data;
}

function describeValue(data: unknown): string {
  const type = typeOf(data);
  if (type === 'object') return 'a mapping';
  if (type === 'array') return 'a list';
  if (type === 'null') return 'nothing (null)';
  return `${article(type)} (${JSON.stringify(data)})`;
}

function article(type: string): string {
  const words: Record<string, string> = {
    object: 'a mapping',
    array: 'a list',
    integer: 'a whole number',
    number: 'a number',
    string: 'a string',
    boolean: 'true or false',
    null: 'null',
  };
  return words[type] ?? type;
}

/** YAML reads `1234`, `true` and `0x10` as numbers and booleans: say so when a string was wanted. */
function quoteHint(wanted: string, data: unknown): string {
  if (!wanted.split(',').includes('string') && !wanted.includes('a string')) return '';
  return typeof data === 'number' || typeof data === 'boolean' ? ` (quote it: "${String(data)}")` : '';
}

/** The allowed word within edit distance 2 (or equal but for case), else null. */
function closest(word: string, options: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = 3;
  for (const option of options) {
    const d = option.toLowerCase() === word.toLowerCase() ? 0 : distance(word, option);
    if (d < bestDistance) [best, bestDistance] = [option, d];
  }
  return best;
}

function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        (previous[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = row;
  }
  return previous[b.length] as number;
}

function dedupe(errors: readonly ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.instancePath}|${e.schemaPath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function isObject(data: unknown): data is Record<string, unknown> {
  return typeof data === 'object' && data !== null && !Array.isArray(data);
}

function depth(error: ErrorObject): number {
  return error.instancePath.split('/').length;
}

function isUnder(pointer: string, parent: string): boolean {
  return pointer.startsWith(`${parent}/`);
}

function isAtOrUnder(pointer: string, parent: string): boolean {
  return pointer === parent || isUnder(pointer, parent);
}

function escape(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

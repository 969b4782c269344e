/**
 * JSON paths whose values a replay ignores when it compares messages (ids, timestamps): `$.id`,
 * `$.items[0].ts`, `$['a b']`, wildcards `[*]` / `.*` and the descendant form `$..ts` (any
 * depth), the subset of JSONPath that names volatile fields without a query language.
 */

/** One step of an ignore path. */
export type IgnoreStep =
  | { readonly kind: 'key'; readonly key: string }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'any' }
  | { readonly kind: 'descendant'; readonly key: string };

/** A parsed ignore path. */
export interface IgnorePath {
  readonly source: string;
  readonly steps: readonly IgnoreStep[];
}

const TOKENS: readonly [RegExp, (m: RegExpExecArray) => IgnoreStep][] = [
  [/^\.\.([A-Za-z_$][\w$-]*)/, (m) => ({ kind: 'descendant', key: m[1] as string })],
  [/^\.\*/, () => ({ kind: 'any' })],
  [/^\[\*\]/, () => ({ kind: 'any' })],
  [/^\.([A-Za-z_$][\w$-]*)/, (m) => ({ kind: 'key', key: m[1] as string })],
  [/^\[(\d+)\]/, (m) => ({ kind: 'index', index: Number(m[1]) })],
  [/^\[\s*'((?:[^'\\]|\\.)*)'\s*\]/, (m) => ({ kind: 'key', key: (m[1] as string).replace(/\\(.)/g, '$1') })],
  [/^\[\s*"((?:[^"\\]|\\.)*)"\s*\]/, (m) => ({ kind: 'key', key: (m[1] as string).replace(/\\(.)/g, '$1') })],
];

/** Parses an ignore path, or says what is wrong with it. */
export function parseIgnorePath(source: string): IgnorePath | { readonly error: string } {
  const text = source.trim();
  if (!text.startsWith('$'))
    return { error: `'${source}' must start with $ (e.g. $.id, $..timestamp, $.items[*].ts)` };
  const steps: IgnoreStep[] = [];
  let rest = text.slice(1);
  while (rest.length > 0) {
    let matched = false;
    for (const [pattern, make] of TOKENS) {
      const m = pattern.exec(rest);
      if (m === null) continue;
      steps.push(make(m));
      rest = rest.slice(m[0].length);
      matched = true;
      break;
    }
    if (!matched)
      return { error: `'${source}': cannot read '${rest}' (use .key, ['key'], [index], [*], .* or ..key)` };
  }
  if (steps.length === 0) return { error: `'${source}' names the whole message; name a field (e.g. $.id)` };
  return { source: text, steps };
}

/** A copy of `value` without what the paths name (the value itself is not changed). */
export function withoutPaths(value: unknown, paths: readonly IgnorePath[]): unknown {
  let result = value;
  for (const path of paths) result = remove(result, path.steps, 0);
  return result;
}

function remove(value: unknown, steps: readonly IgnoreStep[], at: number): unknown {
  const step = steps[at];
  if (step === undefined || value === null || typeof value !== 'object') return value;
  const last = at === steps.length - 1;
  if (Array.isArray(value)) return removeInArray(value, step, steps, at, last);
  const object = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(object)) {
    const hit =
      step.kind === 'any' || ((step.kind === 'key' || step.kind === 'descendant') && step.key === key);
    if (hit && last) continue;
    let next = hit ? remove(child, steps, at + 1) : child;
    if (step.kind === 'descendant') next = remove(next, steps, at);
    out[key] = next;
  }
  return out;
}

function removeInArray(
  array: readonly unknown[],
  step: IgnoreStep,
  steps: readonly IgnoreStep[],
  at: number,
  last: boolean,
): unknown {
  const out: unknown[] = [];
  array.forEach((child, index) => {
    const hit = step.kind === 'any' || (step.kind === 'index' && step.index === index);
    // Removing an element would shift the others: an ignored element is blanked instead.
    if (hit && last) out.push(null);
    else if (hit) out.push(remove(child, steps, at + 1));
    else if (step.kind === 'descendant') out.push(remove(child, steps, at));
    else out.push(child);
  });
  return out;
}

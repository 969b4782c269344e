/**
 * The helpers a generated k6 script or Playwright fixture carries with it (it must run without
 * wstap): leaving ignored JSON fields out (the same rules as `--ignore`, shared/replay/ignore-paths.ts),
 * JSON equality, matching a received message against a recorded one, copying ids into replies.
 *
 * Written once, with type annotations in comments: `/*: T*\/` becomes `: T`, `/*as T*\/` becomes
 * ` as T` and a `/*ts: …*\/` line is kept, in TypeScript; JavaScript drops all three.
 */

const SOURCE = String.raw`
/*ts:type JsonStep = { kind: 'key'; key: string } | { kind: 'index'; index: number } | { kind: 'any' } | { kind: 'descendant'; key: string };*/
/*ts:type Payload = { text: string } | { base64: string };*/

// A copy of a JSON value without the fields the ignore paths name (wstap's --ignore rules).
function withoutPaths(value/*: unknown*/, paths/*: readonly (readonly JsonStep[])[]*/)/*: unknown*/ {
  let result = value;
  for (const steps of paths) result = removeAt(result, steps, 0);
  return result;
}

function removeAt(value/*: unknown*/, steps/*: readonly JsonStep[]*/, at/*: number*/)/*: unknown*/ {
  const step = steps[at];
  if (step === undefined || value === null || typeof value !== 'object') return value;
  const last = at === steps.length - 1;
  if (Array.isArray(value)) {
    // An ignored element is blanked, not removed: the others keep their index.
    return value.map((child/*: unknown*/, index/*: number*/) => {
      const hit = step.kind === 'any' || (step.kind === 'index' && step.index === index);
      if (hit) return last ? null : removeAt(child, steps, at + 1);
      return step.kind === 'descendant' ? removeAt(child, steps, at) : child;
    });
  }
  const out/*: Record<string, unknown>*/ = {};
  for (const [key, child] of Object.entries(value)) {
    const hit = step.kind === 'any' || ((step.kind === 'key' || step.kind === 'descendant') && step.key === key);
    if (hit && last) continue;
    let next = hit ? removeAt(child, steps, at + 1) : child;
    if (step.kind === 'descendant') next = removeAt(next, steps, at);
    out[key] = next;
  }
  return out;
}

// JSON equality, key order aside.
function sameJson(a/*: unknown*/, b/*: unknown*/)/*: boolean*/ {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const left = Object.entries(a);
  const right = new Map(Object.entries(b));
  return left.length === right.size && left.every(([k, v]) => right.has(k) && sameJson(v, right.get(k)));
}

function parseJson(text/*: string*/)/*: unknown*/ {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

// A received message is the recorded one: the same bytes, or the same JSON once ignored fields are out.
function sameMessage(recorded/*: Payload*/, received/*: Payload*/, ignore/*: readonly (readonly JsonStep[])[]*/)/*: boolean*/ {
  if ('base64' in recorded || 'base64' in received)
    return 'base64' in recorded && 'base64' in received && recorded.base64 === received.base64;
  if (recorded.text === received.text) return true;
  const a = parseJson(recorded.text);
  const b = parseJson(received.text);
  return a !== undefined && b !== undefined && sameJson(withoutPaths(a, ignore), withoutPaths(b, ignore));
}
`;

const COPIES = String.raw`
/*ts:type Copy = { to: readonly (string | number)[]; from: readonly (string | number)[] };*/

// The recorded reply with the live request's values where it held the recorded request's (ids).
function withCopies(reply/*: string*/, copies/*: readonly Copy[]*/, request/*: unknown*/)/*: string*/ {
  const value = parseJson(reply);
  if (copies.length === 0 || value === null || typeof value !== 'object' || request === undefined) return reply;
  for (const copy of copies) {
    const live = readAt(request, copy.from);
    const parent = readAt(value, copy.to.slice(0, -1));
    const key = copy.to[copy.to.length - 1];
    if (live !== undefined && key !== undefined && parent !== null && typeof parent === 'object')
      Reflect.set(parent, key, live);
  }
  return JSON.stringify(value);
}

function readAt(value/*: unknown*/, path/*: readonly (string | number)[]*/)/*: unknown*/ {
  let at = value;
  for (const step of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = Reflect.get(at, step);
  }
  return at;
}
`;

/** The helpers in TypeScript or JavaScript; `copies` adds withCopies (Playwright's replies). */
export function runtimeSource(language: 'ts' | 'js', parts: { readonly copies?: boolean } = {}): string {
  const source = SOURCE + (parts.copies === true ? COPIES : '');
  const typed = language === 'ts';
  return source
    .replace(/^\/\*ts:(.*)\*\/\n/gm, (_m, line: string) => (typed ? `${line}\n` : ''))
    .replace(/\/\*:\s*(.*?)\s*\*\//g, (_m, type: string) => (typed ? `: ${type}` : ''))
    .replace(/\/\*as\s+(.*?)\s*\*\//g, (_m, type: string) => (typed ? ` as ${type}` : ''))
    .trim();
}

/**
 * Learns a mock route from recorded connections: one rule per request pattern (exact text, the
 * request's stable JSON fields, or binary bytes) with what the server did, deduplicated; the
 * pushes before the first request become onConnect. A pattern the server answered differently
 * over time becomes rules taken in turn (per-connection state), the last one repeating.
 */
import { fromBase64, toHex } from '../../protocol/base64.js';
import { withoutPaths, type IgnorePath } from '../../replay/ignore-paths.js';
import type { ConversationConnection, ConversationMessage } from '../conversation.js';
import { serverScript } from './exchanges.js';
import { jsonOf, pathText, readField, sameJson, scalarFields, type FieldPath } from './json-fields.js';
import { closeActions, replyActions, yamlValue } from './mock-actions.js';

/** A rule as YAML pieces (flow text). */
export interface RuleModel {
  readonly name: string;
  readonly comment: string | null;
  readonly match: string;
  readonly when: string | null;
  readonly then: readonly string[];
}

/** A route as YAML pieces. */
export interface RouteModel {
  readonly path: string;
  readonly comments: readonly string[];
  readonly onConnect: readonly string[];
  readonly rules: readonly RuleModel[];
  readonly fallback: readonly string[] | null;
}

/** Rules answering one pattern in turn stop here (a comment says how many more the recording had). */
const MAX_VARIANTS = 100;
const BINARY_PREFIX_MAX = 256;

interface Pattern {
  readonly kind: 'text' | 'binary' | 'json';
  readonly request: ConversationMessage;
  /** The request without its volatile fields (json only). */
  readonly stable: unknown;
  /** Some occurrence had volatile fields: the whole JSON cannot be the match. */
  partial: boolean;
  /** The actions of each occurrence, in order. */
  readonly variants: string[][];
}

/** The route of connections to one path. */
export function routeModel(
  path: string,
  connections: readonly ConversationConnection[],
  volatile: readonly IgnorePath[],
  speed: number,
): RouteModel {
  const patterns = new Map<string, Pattern>();
  let onConnect: string[] | null = null;
  let otherOpenings = 0;
  for (const connection of connections) {
    const script = serverScript(connection);
    const { serverClose, exchanges } = script;
    const closing = serverClose === null ? [] : closeActions(serverClose, script.closeGapMs, speed);
    const opening = [
      ...replyActions(null, script.opening, volatile, speed),
      ...(exchanges.length === 0 ? closing : []),
    ];
    if (onConnect === null) onConnect = opening;
    else if (onConnect.join('\n') !== opening.join('\n')) otherOpenings++;
    exchanges.forEach(({ request, replies }, i) => {
      const actions = [
        ...replyActions(request, replies, volatile, speed),
        ...(i === exchanges.length - 1 ? closing : []),
      ];
      patternFor(patterns, request, volatile).variants.push(actions);
    });
  }
  const comments = [
    `connection${connections.length > 1 ? 's' : ''} ${connections.map((c) => c.id).join(', ')}`,
  ];
  if (volatile.length > 0)
    comments.push(
      `left out of the matches, copied into replies: ${volatile.map((p) => p.source).join(', ')}`,
    );
  if (otherOpenings > 0)
    comments.push(
      `onConnect is connection ${connections[0]?.id}'s; ${otherOpenings} other connection(s) got other pushes`,
    );
  const all = [...patterns.values()];
  if (
    all.length > 0 &&
    all.every((p) => p.variants.every((v) => withoutDelays(v) === 'reply: { same: true }'))
  )
    return {
      path,
      comments: [...comments, 'the server echoed every message'],
      onConnect: onConnect ?? [],
      rules: [],
      fallback: ['reply: { same: true }'],
    };
  return { path, comments, onConnect: onConnect ?? [], rules: orderedRules(all), fallback: null };
}

function patternFor(
  patterns: Map<string, Pattern>,
  request: ConversationMessage,
  volatile: readonly IgnorePath[],
): Pattern {
  const json = jsonOf(request);
  const stable = json === undefined ? undefined : withoutPaths(json, volatile);
  const key =
    request.text === undefined
      ? `b:${request.base64}`
      : json === undefined
        ? `t:${request.text}`
        : `j:${canonical(stable)}`;
  const partial = json !== undefined && !sameJson(stable, json);
  const known = patterns.get(key);
  if (known !== undefined) {
    known.partial ||= partial;
    return known;
  }
  const kind = request.text === undefined ? 'binary' : json === undefined ? 'text' : 'json';
  const created: Pattern = { kind, request, stable, partial, variants: [] };
  patterns.set(key, created);
  return created;
}

/**
 * The rules in the order the requests first came, as far as first-match-wins allows: a text rule
 * or a whole-JSON rule takes only its own request; a rule on one JSON field waits until no request
 * still to be placed has that value there (a decision list). Binary rules come last, longest first.
 */
function orderedRules(patterns: readonly Pattern[]): RuleModel[] {
  const rules: RuleModel[] = [];
  const counter = { next: 1 };
  const left = patterns.filter((p) => p.kind !== 'binary');
  while (left.length > 0) {
    const at = left.findIndex((p) => placeable(p, left));
    const p = left.splice(Math.max(at, 0), 1)[0] as Pattern;
    if (at >= 0) rules.push(...ruleFor(p, left, counter));
    else {
      // No single field tells the first one from the rest: match its whole recorded JSON, ids included.
      const exact = inTurn(
        p,
        `{ json: "$", equals: ${yamlValue(jsonOf(p.request))} }`,
        jsonName(p.stable),
        counter,
      );
      const note = 'no single field tells this request from the others: it matches the recorded one exactly';
      rules.push(
        ...exact.map((r, i) => (i === 0 ? { ...r, comment: r.comment ? `${note}; ${r.comment}` : note } : r)),
      );
    }
  }
  const binary = patterns
    .filter((p) => p.kind === 'binary')
    .map((p) => ({ p, bytes: fromBase64(p.request.base64 ?? '') }));
  // binaryPrefix takes longer messages too: the longest recorded message goes first.
  binary.sort((a, b) => b.bytes.length - a.bytes.length);
  for (const { p, bytes } of binary) {
    const hex = toHex(bytes.subarray(0, BINARY_PREFIX_MAX), ' ');
    const cut =
      bytes.length > BINARY_PREFIX_MAX ? ` (first ${BINARY_PREFIX_MAX} of ${bytes.length} bytes)` : '';
    rules.push(
      ...inTurn(
        p,
        `{ binaryPrefix: ${yamlValue(hex)} }`,
        `binary ${toHex(bytes.subarray(0, 8), ' ')}${cut}`,
        counter,
      ),
    );
  }
  return rules;
}

/** JSON requests not placed yet, other than `p`. */
function jsonOthers(p: Pattern, left: readonly Pattern[]): unknown[] {
  return left.filter((o) => o !== p && o.kind === 'json').map((o) => o.stable);
}

function placeable(p: Pattern, left: readonly Pattern[]): boolean {
  return p.kind !== 'json' || !p.partial || telling(p.stable, jsonOthers(p, left)) !== undefined;
}

/** The rules of a placeable pattern (`left`: the patterns placed after it). */
function ruleFor(p: Pattern, left: readonly Pattern[], counter: { next: number }): RuleModel[] {
  if (p.kind === 'text')
    return inTurn(p, `{ text: ${yamlValue(p.request.text)} }`, short(p.request.text ?? ''), counter);
  if (!p.partial)
    return inTurn(p, `{ json: "$", equals: ${yamlValue(p.stable)} }`, jsonName(p.stable), counter);
  const field = telling(p.stable, jsonOthers(p, left)) as { path: FieldPath; value: unknown };
  if (field.path.length === 0) return inTurn(p, '{ json: "$", exists: true }', 'any JSON', counter);
  const match = `{ json: ${yamlValue(pathText(field.path))}, equals: ${yamlValue(field.value)} }`;
  return inTurn(p, match, `${fieldName(field.path)}=${short(String(field.value))}`, counter);
}

/** The shortest scalar field of `stable` no other request has with that value; `$` (any JSON) when it has none and is alone. */
function telling(
  stable: unknown,
  others: readonly unknown[],
): { path: FieldPath; value: unknown } | undefined {
  const fields = scalarFields(stable).filter((f) => f.path.length > 0);
  const unique = fields.filter((f) => others.every((o) => !sameJson(readField(o, f.path), f.value)));
  unique.sort((a, b) => a.path.length - b.path.length);
  if (unique[0] !== undefined) return unique[0];
  return others.length === 0 ? { path: [], value: undefined } : undefined;
}

/** One rule, or when the recording answered differently over time, one per answer taken in turn. */
function inTurn(p: Pattern, match: string, name: string, counter: { next: number }): RuleModel[] {
  const [first, ...rest] = p.variants;
  const seen = p.variants.length;
  if (first === undefined) return [];
  // Timing jitter (a first answer slowed by a cold server) is not a different answer: same actions
  // but the delays count as one, with the shortest delays seen (what the server can do).
  if (rest.every((v) => withoutDelays(v) === withoutDelays(first))) {
    const fastest = p.variants.reduce((a, b) => (totalDelay(b) < totalDelay(a) ? b : a));
    return [{ name, comment: seen > 1 ? `seen ${seen} times` : null, match, when: null, then: fastest }];
  }
  const key = `turn${counter.next++}`;
  const used = p.variants.slice(0, MAX_VARIANTS);
  const more = seen > used.length ? `; the ${seen - used.length} after that are left out` : '';
  return used.map((then, i) => ({
    name: `${name} #${i + 1}`,
    comment:
      i === 0
        ? `answered differently each time (${seen} times): in turn, the last one repeating${more}`
        : null,
    match,
    when: `{ state: { ${key}: ${i === 0 ? 'null' : i} } }`,
    then: i < used.length - 1 ? [`set: { ${key}: ${i + 1} }`, ...then] : then,
  }));
}

function withoutDelays(actions: readonly string[]): string {
  return actions.filter((a) => !a.startsWith('delay: ')).join('\n');
}

function totalDelay(actions: readonly string[]): number {
  return actions.reduce((sum, a) => sum + (a.startsWith('delay: ') ? Number.parseFloat(a.slice(7)) : 0), 0);
}

/** `type=ping` when the request names its kind, else its JSON cut short. */
function jsonName(value: unknown): string {
  for (const key of ['type', 'op', 'method', 'action', 'event']) {
    const kind = readField(value, [key]);
    if (typeof kind === 'string') return `${key}=${short(kind)}`;
  }
  return short(JSON.stringify(value));
}

function fieldName(path: FieldPath): string {
  return pathText(path).replace(/^\$\.?/, '');
}

function short(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/** JSON with object keys sorted: equal values, equal text. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

/**
 * A schema-valid mock document as a MockDefinition: routes, handshakes and rules, with the checks
 * the schema cannot make (path patterns, regexes, JSON paths, header names, unreachable routes).
 * Runs only on documents the schema accepted, so shapes are known here.
 */
import { dirname, resolve } from 'node:path';
import type { Header } from '../../../shared/model/events.js';
import { buildActions } from './build-actions.js';
import { groupsOf, type BuildContext, type GroupInfo } from './build-context.js';
import type { DocPath } from './doc-positions.js';
import type {
  HandshakeSpec,
  JsonObject,
  JsonValue,
  MessageMatch,
  MockAction,
  MockDefinition,
  MockRoute,
  MockRule,
  Requirement,
} from './definition.js';
import { parseJsonPath } from './json-path.js';
import { parsePathPattern } from './path-pattern.js';

type Raw = Record<string, unknown>;

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Headers the server writes for the handshake itself (RFC 6455 §4.2.2): a mock may not replace them. */
const HANDSHAKE_HEADERS = new Set([
  'upgrade',
  'connection',
  'sec-websocket-accept',
  'sec-websocket-protocol',
  'sec-websocket-extensions',
  'content-length',
  'transfer-encoding',
]);

/** The definition, or null when the context collected errors. */
export function buildDefinition(ctx: BuildContext, raw: Raw): MockDefinition | null {
  const routes = (raw.routes as Raw[]).map((route, i) => buildRoute(ctx, ['routes', i], route));
  warnUnreachable(ctx, routes);
  if (ctx.errors.length > 0 || routes.some((r) => r === null)) return null;
  return { file: ctx.file, routes: routes as MockRoute[] };
}

function buildRoute(ctx: BuildContext, path: DocPath, raw: Raw): MockRoute | null {
  const at = (...steps: (string | number)[]): DocPath => [...path, ...steps];
  const pattern = parsePathPattern(raw.path as string | undefined);
  if ('error' in pattern) ctx.error(at('path'), pattern.error);
  const handshake = buildHandshake(ctx, at('handshake'), (raw.handshake as Raw | undefined) ?? {});
  const room = typeof raw.room === 'string' ? ctx.template(at('room'), raw.room, null) : null;
  const heartbeat =
    raw.heartbeat === undefined ? null : buildHeartbeat(ctx, at('heartbeat'), raw.heartbeat as Raw);
  const onConnect = buildActions(ctx, at('onConnect'), (raw.onConnect as Raw[] | undefined) ?? [], null);
  const rules = ((raw.rules as Raw[] | undefined) ?? []).map((rule, i) =>
    buildRule(ctx, at('rules', i), rule),
  );
  const fallback =
    raw.fallback === undefined ? [] : buildActions(ctx, at('fallback'), raw.fallback as Raw[], null);
  const handler = typeof raw.handler === 'string' ? resolve(dirname(ctx.file), raw.handler) : null;
  if (handler !== null && ctx.fileExists !== null && !ctx.fileExists(handler))
    ctx.error(at('handler'), `no such file: ${handler}`);
  if (handler !== null && raw.fallback !== undefined)
    ctx.warn(at('fallback'), 'not used: on a route with a handler, unmatched messages go to its onMessage');
  if (
    'error' in pattern ||
    handshake === null ||
    onConnect === null ||
    fallback === null ||
    rules.some((r) => r === null)
  )
    return null;
  if (heartbeat === null && raw.heartbeat !== undefined) return null;
  if (room === null && raw.room !== undefined) return null;
  return {
    path: pattern,
    handshake,
    room,
    heartbeat,
    onConnect,
    rules: rules as MockRule[],
    fallback: raw.fallback === undefined ? null : fallback,
    handler,
  };
}

function buildHandshake(ctx: BuildContext, path: DocPath, raw: Raw): HandshakeSpec | null {
  const require = ((raw.require as Raw[] | undefined) ?? []).map((r, i) =>
    buildRequirement(ctx, [...path, 'require', i], r),
  );
  const subprotocols = list(raw.subprotocol);
  for (const [i, name] of (subprotocols ?? []).entries()) {
    if (!TOKEN.test(name))
      ctx.error(
        typeof raw.subprotocol === 'string' ? [...path, 'subprotocol'] : [...path, 'subprotocol', i],
        `'${name}' is not a valid subprotocol name (RFC 6455 §4.1: a token, no spaces or separators)`,
      );
  }
  if (raw.subprotocolRequired === true && subprotocols === null)
    ctx.error(
      [...path, 'subprotocolRequired'],
      'subprotocolRequired needs subprotocol: the names this mock speaks',
    );
  const delayMs =
    raw.delay === undefined ? 0 : ctx.duration([...path, 'delay'], raw.delay as number | string);
  const headers: Header[] = [];
  for (const [name, value] of Object.entries((raw.headers as Raw | undefined) ?? {})) {
    const where = [...path, 'headers', name];
    if (!TOKEN.test(name)) ctx.error(where, `'${name}' is not a valid header name`, 'key');
    else if (HANDSHAKE_HEADERS.has(name.toLowerCase()))
      ctx.error(
        where,
        `${name} is written by the server for the handshake; setting it would break it${name.toLowerCase() === 'sec-websocket-protocol' ? ' (use subprotocol: instead)' : ''}`,
        'key',
      );
    else headers.push([name, String(value)]);
  }
  if (require.some((r) => r === null) || delayMs === null) return null;
  return {
    require: require as Requirement[],
    origins: list(raw.origins),
    subprotocols,
    subprotocolRequired: raw.subprotocolRequired === true,
    delayMs,
    headers,
  };
}

function buildRequirement(ctx: BuildContext, path: DocPath, raw: Raw): Requirement | null {
  const source = 'header' in raw ? 'header' : 'query' in raw ? 'query' : 'cookie';
  const name = String(raw[source]);
  if (typeof raw.equals === 'string' && typeof raw.matches === 'string')
    return ctx.error([...path, 'matches'], 'use equals or matches, not both');
  if (raw.flags !== undefined && raw.matches === undefined)
    return ctx.error([...path, 'flags'], 'flags go with matches (a regular expression)', 'key');
  const matches =
    typeof raw.matches === 'string'
      ? ctx.regex([...path, 'matches'], raw.matches, raw.flags as string | undefined, [...path, 'flags'])
      : null;
  if (typeof raw.matches === 'string' && matches === null) return null;
  return {
    source,
    name: source === 'header' ? name.toLowerCase() : name,
    equals: typeof raw.equals === 'string' ? raw.equals : null,
    matches,
    status: typeof raw.status === 'number' ? raw.status : 401,
    body: (raw.body as string | JsonObject | undefined) ?? null,
  };
}

function buildHeartbeat(ctx: BuildContext, path: DocPath, raw: Raw): MockRoute['heartbeat'] {
  const interval = ctx.duration([...path, 'interval'], raw.interval as number | string);
  const timeout = ctx.duration([...path, 'timeout'], raw.timeout as number | string);
  if (interval === 0) return ctx.error([...path, 'interval'], 'a heartbeat interval must be above 0');
  if (interval === null || timeout === null) return null;
  return { interval, timeout, misses: typeof raw.misses === 'number' ? raw.misses : null };
}

function buildRule(ctx: BuildContext, path: DocPath, raw: Raw): MockRule | null {
  const match = buildMatch(ctx, [...path, 'match'], raw.match as Raw);
  const groups: GroupInfo | null = match?.kind === 'regex' ? groupsOf(match.regex) : null;
  const then = buildActions(ctx, [...path, 'then'], raw.then as Raw[], groups);
  const when = (raw.when as { state: Record<string, JsonValue> } | undefined)?.state ?? null;
  if (match === null || then === null) return null;
  return { name: typeof raw.name === 'string' ? raw.name : null, match, when, then: then as MockAction[] };
}

function buildMatch(ctx: BuildContext, path: DocPath, raw: Raw): MessageMatch | null {
  if (typeof raw.text === 'string') return { kind: 'text', text: raw.text };
  if (typeof raw.regex === 'string') {
    const regex = ctx.regex([...path, 'regex'], raw.regex, raw.flags as string | undefined, [
      ...path,
      'flags',
    ]);
    return regex && { kind: 'regex', regex };
  }
  if (typeof raw.json === 'string') {
    const jsonPath = parseJsonPath(raw.json);
    if ('error' in jsonPath) return ctx.error([...path, 'json'], jsonPath.error);
    if ('equals' in raw && 'exists' in raw)
      return ctx.error([...path, 'exists'], 'use equals or exists, not both', 'key');
    const test =
      'equals' in raw
        ? { kind: 'equals' as const, value: raw.equals as JsonValue }
        : { kind: 'exists' as const, exists: raw.exists !== false };
    return { kind: 'json', path: jsonPath, test };
  }
  if (typeof raw.binaryPrefix === 'string') {
    const prefix = ctx.hex([...path, 'binaryPrefix'], raw.binaryPrefix);
    return prefix && { kind: 'binaryPrefix', prefix };
  }
  return raw.binary === true ? { kind: 'binary' } : { kind: 'any' };
}

/** A route after one that takes every path it could take is never reached: say so. */
function warnUnreachable(ctx: BuildContext, routes: readonly (MockRoute | null)[]): void {
  routes.forEach((route, i) => {
    if (route === null) return;
    const earlier = routes
      .slice(0, i)
      .findIndex((r) => r !== null && (r.path.segments === null || r.path.source === route.path.source));
    if (earlier >= 0)
      ctx.warn(
        ['routes', i, 'path'],
        `this route is never reached: routes[${earlier}] (${routes[earlier]?.path.source}) takes every connection it could take`,
      );
  });
}

function list(value: unknown): string[] | null {
  if (value === undefined) return null;
  return typeof value === 'string' ? [value] : (value as string[]);
}

/**
 * How a mock answers an upgrade request: the first route whose path matches takes it, then its
 * origin allow-list (403), requirements (401 by default), and subprotocol choice (400 when
 * required and none fits), in that order. Refusals carry a body that says what failed.
 */
import type { Header } from '../../../shared/model/events.js';
import type { HandshakeDecision, UpgradeInfo } from '../server/behaviour.js';
import type { JsonObject, MockDefinition, MockRoute, Requirement } from './definition.js';
import { regexOf } from './matchers.js';
import { matchPath } from './path-pattern.js';

/** A route that took a path, with the path's parameters. */
export interface RouteMatch {
  readonly route: MockRoute;
  readonly params: Readonly<Record<string, string>>;
}

/** The first route whose path matches, or null. */
export function selectRoute(definition: MockDefinition, path: string): RouteMatch | null {
  for (const route of definition.routes) {
    const params = matchPath(route.path, path);
    if (params !== null) return { route, params };
  }
  return null;
}

/** The answer to an upgrade request. */
export function decideHandshake(definition: MockDefinition, upgrade: UpgradeInfo): HandshakeDecision {
  const selected = selectRoute(definition, upgrade.path);
  if (selected === null) {
    const routes = definition.routes.map((r) => r.path.source);
    return refuse(
      404,
      { error: `no route for ${upgrade.path}`, routes },
      `no route for ${upgrade.path} (routes: ${routes.join(', ')})`,
    );
  }
  const { route } = selected;
  const spec = route.handshake;
  if (
    spec.origins !== null &&
    upgrade.origin !== null &&
    !spec.origins.some((allowed) => globMatches(allowed, upgrade.origin as string))
  ) {
    return refuse(
      403,
      { error: `origin ${upgrade.origin} is not allowed` },
      `origin ${upgrade.origin} not in ${spec.origins.join(', ')}`,
    );
  }
  for (const requirement of spec.require) {
    const failure = checkRequirement(requirement, upgrade);
    if (failure !== null) return refuseRequirement(requirement, failure);
  }
  let subprotocol: string | null = null;
  if (spec.subprotocols !== null) {
    subprotocol = upgrade.subprotocols.find((offered) => spec.subprotocols?.includes(offered)) ?? null;
    if (subprotocol === null && spec.subprotocolRequired) {
      const offered = upgrade.subprotocols.length > 0 ? upgrade.subprotocols.join(', ') : 'none';
      return refuse(
        400,
        {
          error: `no supported subprotocol (offered: ${offered}; supported: ${spec.subprotocols.join(', ')})`,
        },
        `subprotocol required: offered ${offered}, supported ${spec.subprotocols.join(', ')}`,
      );
    }
  }
  return {
    accept: true,
    subprotocol,
    headers: spec.headers,
    ...(spec.delayMs > 0 ? { delayMs: spec.delayMs } : {}),
    note: `route ${route.path.source}${subprotocol === null ? '' : `, subprotocol ${subprotocol}`}`,
  };
}

/** What failed: a short phrase for the body, and the details for the timeline. */
interface Failure {
  readonly error: string;
  readonly note: string;
  readonly present: boolean;
}

function checkRequirement(requirement: Requirement, upgrade: UpgradeInfo): Failure | null {
  const { source, name } = requirement;
  const values = source === 'header' ? upgrade.headers : source === 'query' ? upgrade.query : upgrade.cookies;
  const value = Object.hasOwn(values, name) ? values[name] : undefined;
  const what = `${source} ${name}`;
  if (value === undefined) return { error: `missing ${what}`, note: `missing ${what}`, present: false };
  if (requirement.equals !== null && value !== requirement.equals) {
    return {
      error: `${what} is not the expected value`,
      note: `${what} is '${value}', expected '${requirement.equals}'`,
      present: true,
    };
  }
  if (requirement.matches !== null && !regexOf(requirement.matches).test(value)) {
    const pattern = `/${requirement.matches.source}/${requirement.matches.flags}`;
    return {
      error: `${what} does not match ${pattern}`,
      note: `${what} '${value}' does not match ${pattern}`,
      present: true,
    };
  }
  return null;
}

function refuseRequirement(requirement: Requirement, failure: Failure): HandshakeDecision {
  const headers: Header[] = [];
  // RFC 7235 §4.1: a 401 names the scheme that would work; RFC 6750 §3.1 for a rejected bearer token.
  if (requirement.status === 401 && requirement.source === 'header' && requirement.name === 'authorization') {
    const expected = requirement.equals ?? requirement.matches?.source ?? '';
    const basic = /^\^?basic\b/i.test(expected);
    headers.push([
      'WWW-Authenticate',
      basic ? 'Basic realm="wstap mock"' : failure.present ? 'Bearer error="invalid_token"' : 'Bearer',
    ]);
  }
  return refuse(requirement.status, requirement.body ?? { error: failure.error }, failure.note, headers);
}

function refuse(
  status: number,
  body: string | JsonObject,
  note: string,
  headers: readonly Header[] = [],
): HandshakeDecision {
  const json = typeof body !== 'string';
  return {
    accept: false,
    status,
    headers: [...headers, ['Content-Type', json ? 'application/json' : 'text/plain; charset=utf-8']],
    body: json ? JSON.stringify(body) : body,
    note,
  };
}

/** `http://localhost:*` style: `*` stands for any run of characters; case-insensitive (origins are). */
function globMatches(pattern: string, value: string): boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`, 'i').test(value);
}

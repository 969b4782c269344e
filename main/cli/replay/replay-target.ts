/**
 * Where a recorded connection is replayed: the recorded URL, or `--target` — a bare origin keeps
 * the recorded path and query (so the connections of a chat recording keep their rooms), a
 * target with a path is used as it is.
 */
import type { ConversationConnection } from '../../../shared/interchange/conversation.js';
import type { ClientOptions } from '../../engine/client/client-options.js';
import { UserError } from '../errors.js';
import type { ReplayPlan } from './replay-plan.js';

/** The URL to connect to for a recorded URL. */
export function liveUrl(target: string | null, recorded: string): string {
  const from = parse(recorded, 'the recording');
  if (target === null) return from.href;
  const to = parse(/^[a-z][a-z0-9+.-]*:\/\//i.test(target) ? target : `ws://${target}`, '--target');
  if (to.pathname !== '/' || to.search !== '') return to.href;
  return `${to.protocol}//${to.host}${from.pathname}${from.search}`;
}

/** Client options for one recorded connection: its URL, its subprotocol, the user's headers and TLS. */
export function clientOptionsFor(plan: ReplayPlan, connection: ConversationConnection): ClientOptions {
  return {
    url: liveUrl(plan.target, connection.url),
    headers: plan.headers,
    ...(connection.subprotocol === null ? {} : { subprotocols: [connection.subprotocol] }),
    // Compression as recorded: offered only when the recorded connection negotiated it.
    ...(/permessage-deflate/i.test(connection.extensions ?? '') ? {} : { perMessageDeflate: false as const }),
    tls: { caFile: plan.caFile, insecure: plan.insecure },
    handshakeTimeout: Math.max(plan.timeout, 1000),
  };
}

function parse(url: string, what: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UserError(`${what}: '${url}' is not a URL (e.g. ws://localhost:8080)`);
  }
  // HAR files name WebSocket URLs with http(s) sometimes: the same server, upgraded.
  if (parsed.protocol === 'http:') parsed.protocol = 'ws:';
  else if (parsed.protocol === 'https:') parsed.protocol = 'wss:';
  if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') {
    throw new UserError(`${what}: '${url}' is not a ws:// or wss:// URL`);
  }
  return parsed;
}

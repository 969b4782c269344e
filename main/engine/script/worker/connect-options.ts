/** A script's connect options (types/script.d.ts) as the engine's ClientOptions, checked. */
import type { Header } from '../../../../shared/model/events.js';
import type { ConnectOptions } from '../../../../types/script.js';
import { DEFAULT_HEARTBEAT, type ClientOptions } from '../../client/client-options.js';

/** ClientOptions, or what is wrong with the options. */
export function clientOptions(url: string, o: ConnectOptions, script: string): ClientOptions | string {
  if (typeof url !== 'string' || url.length === 0) return 'the URL must be a non-empty string';
  if (o === null || typeof o !== 'object') return 'options must be an object';
  const headers = headerList(o.headers);
  if (typeof headers === 'string') return headers;
  for (const key of ['maxPayload', 'handshakeTimeout', 'expectTimeout'] as const) {
    const value = o[key];
    if (value !== undefined && !(typeof value === 'number' && value > 0))
      return `${key} must be a number above 0`;
  }
  const tls =
    o.ca || o.cert || o.key || o.insecure
      ? { caFile: o.ca, certFile: o.cert, keyFile: o.key, passphrase: o.passphrase, insecure: o.insecure }
      : undefined;
  const heartbeat = o.heartbeat
    ? {
        interval: o.heartbeat.interval,
        timeout: o.heartbeat.timeout ?? DEFAULT_HEARTBEAT.timeout,
        misses: o.heartbeat.misses ?? DEFAULT_HEARTBEAT.misses,
      }
    : undefined;
  if (heartbeat && !(heartbeat.interval > 0)) return 'heartbeat.interval must be a number of ms above 0';
  const reconnect =
    o.reconnect === true ? {} : o.reconnect === false || o.reconnect === undefined ? undefined : o.reconnect;
  return {
    url,
    script,
    headers,
    subprotocols: o.subprotocols,
    origin: o.origin,
    bearerToken: o.bearer,
    basicAuth: o.auth,
    tls,
    proxy: o.proxy,
    followRedirects: o.followRedirects,
    perMessageDeflate: o.compression === false ? false : undefined,
    maxPayload: o.maxPayload,
    handshakeTimeout: o.handshakeTimeout,
    autoPong: o.autoPong,
    heartbeat,
    reconnect,
  };
}

function headerList(headers: ConnectOptions['headers']): Header[] | undefined | string {
  if (headers === undefined) return undefined;
  const entries = Array.isArray(headers) ? headers : Object.entries(headers as Record<string, string>);
  for (const entry of entries) {
    if (
      !Array.isArray(entry) ||
      entry.length !== 2 ||
      typeof entry[0] !== 'string' ||
      typeof entry[1] !== 'string'
    )
      return 'headers must be { name: value } or [[name, value], ...] with string names and values';
  }
  return entries.map(([name, value]) => [name, value] as const);
}

import type { Header } from '../../../shared/model/events.js';
import { DEFAULT_HEARTBEAT, DEFAULT_RECONNECT, type ClientOptions, type HeartbeatOptions } from '../../engine/client/client-options.js';
import { UserError } from '../errors.js';
import { parseExpectation, type Expectation } from './expectations.js';
import { parseFailOn, parseHeader, parseSeconds, parseSendableCloseCode, parseWait, parseWhole, proxyUrl, type FailOn } from './values.js';
import { outputPlanFrom, type OutputFlags, type OutputPlan } from '../output/output-plan.js';

/** The options of `wstap connect` as commander hands them over. */
export interface ConnectFlags extends OutputFlags {
  readonly header?: readonly string[];
  readonly subprotocol?: readonly string[];
  readonly origin?: string;
  readonly host?: string;
  readonly protocol?: string;
  readonly auth?: string;
  readonly bearer?: string;
  /** `-n/--no-check` (wscat) sets this false. */
  readonly check?: boolean;
  readonly insecure?: boolean;
  readonly ca?: string;
  readonly cert?: string;
  readonly key?: string;
  /** A value, or true for `--passphrase` alone (connect-command asks for it before planning). */
  readonly passphrase?: string | true;
  readonly servername?: string;
  readonly proxy?: string;
  readonly location?: boolean;
  readonly maxRedirects?: string;
  /** `--no-deflate` sets this false. */
  readonly deflate?: boolean;
  readonly maxPayload?: string;
  readonly handshakeTimeout?: string;
  readonly pingInterval?: string;
  readonly pingTimeout?: string;
  /** `--no-auto-pong` sets this false. */
  readonly autoPong?: boolean;
  readonly reconnect?: boolean;
  readonly execute?: readonly string[];
  readonly wait?: string;
  readonly slash?: boolean;
  readonly binary?: boolean;
  readonly text?: boolean;
  readonly exitOnEof?: boolean;
  readonly oneMessage?: boolean;
  readonly maxMessages?: string;
  readonly closeStatusCode?: string;
  readonly closeReason?: string;
  readonly expect?: readonly string[];
  readonly timeout?: string;
  readonly failOn?: string;
  readonly record?: string;
}

/** Everything a `connect` run does, decided from the flags before anything connects. */
export interface ConnectPlan {
  readonly client: ClientOptions;
  readonly output: OutputPlan;
  /** How piped standard input becomes messages: text lines, binary chunks, or base64 lines. */
  readonly input: 'text' | 'binary' | 'base64';
  /** Slash commands also in piped input (wscat's --slash); always on at the prompt. */
  readonly slash: boolean;
  readonly execute: readonly string[];
  /** After -x or the end of input: ms to wait for replies before closing; null stays open. */
  readonly waitMs: number | null;
  readonly exitOnEof: boolean;
  /** Close once this many messages were received. */
  readonly maxMessages: number | null;
  /** The Close we send when we end the session (EOF, -w, -1, --expect met, /quit, Ctrl-C). */
  readonly close: { readonly code: number; readonly reason: string };
  readonly expectations: readonly Expectation[];
  readonly timeoutMs: number | null;
  readonly failOn: FailOn;
  readonly record: string | null;
}

/** Default -w: wscat waits 2 s after -x; wstap also after the end of piped input. */
export const DEFAULT_WAIT_MS = 2000;
/** Default --timeout with --expect. */
export const DEFAULT_EXPECT_TIMEOUT_MS = 10_000;

/** Maps the flags onto engine options and run behaviour; throws a UserError for a bad combination or value. */
export function planConnect(url: string, flags: ConnectFlags): ConnectPlan {
  if (flags.protocol !== undefined && flags.protocol !== '13') {
    throw new UserError(`-p/--protocol ${flags.protocol}: wstap speaks WebSocket version 13 (RFC 6455) only`);
  }
  if (flags.timeout !== undefined && (flags.expect ?? []).length === 0) throw new UserError('--timeout limits the wait for --expect: give an --expect too');
  const headers: Header[] = (flags.header ?? []).map(parseHeader);
  if (flags.host !== undefined) headers.push(['Host', flags.host]);
  const client: ClientOptions = {
    url,
    headers,
    subprotocols: flags.subprotocol ?? [],
    ...(flags.origin !== undefined && { origin: flags.origin }),
    ...(flags.auth !== undefined && { basicAuth: basicAuth(flags.auth) }),
    ...(flags.bearer !== undefined && { bearerToken: flags.bearer }),
    tls: {
      ...(flags.ca !== undefined && { caFile: flags.ca }),
      ...(flags.cert !== undefined && { certFile: flags.cert }),
      ...(flags.key !== undefined && { keyFile: flags.key }),
      ...(typeof flags.passphrase === 'string' && { passphrase: flags.passphrase }),
      ...(flags.servername !== undefined && { servername: flags.servername }),
      insecure: flags.insecure === true || flags.check === false,
    },
    ...(flags.proxy !== undefined && { proxy: proxyUrl(flags.proxy) }),
    followRedirects: flags.location === true,
    ...(flags.maxRedirects !== undefined && { maxRedirects: parseWhole('--max-redirects', flags.maxRedirects) }),
    ...(flags.deflate === false && { perMessageDeflate: false as const }),
    ...(flags.maxPayload !== undefined && { maxPayload: parseWhole('--max-payload', flags.maxPayload, 1) }),
    ...(flags.handshakeTimeout !== undefined && { handshakeTimeout: positive('--handshake-timeout', flags.handshakeTimeout) }),
    ...(flags.autoPong === false && { autoPong: false }),
    ...heartbeat(flags),
    ...(flags.reconnect === true && { reconnect: { ...DEFAULT_RECONNECT } }),
  };
  const expectations = (flags.expect ?? []).map(parseExpectation);
  return {
    client,
    output: outputPlanFrom(flags),
    input: flags.binary ? 'binary' : flags.base64 ? 'base64' : 'text',
    slash: flags.slash === true,
    execute: flags.execute ?? [],
    waitMs: flags.wait === undefined ? DEFAULT_WAIT_MS : parseWait(flags.wait),
    exitOnEof: flags.exitOnEof === true,
    maxMessages: flags.oneMessage ? 1 : flags.maxMessages === undefined ? null : parseWhole('--max-messages', flags.maxMessages, 1),
    close: {
      code: flags.closeStatusCode === undefined ? 1000 : parseSendableCloseCode('--close-status-code', flags.closeStatusCode),
      reason: closeReason(flags.closeReason),
    },
    expectations,
    timeoutMs: expectations.length === 0 ? null : flags.timeout === undefined ? DEFAULT_EXPECT_TIMEOUT_MS : positive('--timeout', flags.timeout),
    failOn: flags.failOn === undefined ? { kind: 'default' } : parseFailOn(flags.failOn),
    record: flags.record ?? null,
  };
}

function basicAuth(value: string): string {
  if (!value.includes(':')) throw new UserError(`--auth takes user:password, got '${value}'`);
  return value;
}

function positive(option: string, value: string): number {
  const ms = parseSeconds(option, value);
  if (ms === 0) throw new UserError(`${option} must be more than 0 seconds`);
  return ms;
}

/**
 * websocat's --ping-interval / --ping-timeout (seconds). With a timeout, one unanswered ping is
 * enough to drop the connection (websocat's rule); with an interval alone, the engine's default
 * liveness rule applies (3 pings missed, 10 s each).
 */
function heartbeat(flags: ConnectFlags): { heartbeat?: HeartbeatOptions } {
  if (flags.pingInterval === undefined && flags.pingTimeout === undefined) return {};
  const interval = flags.pingInterval === undefined ? DEFAULT_HEARTBEAT.interval : positive('--ping-interval', flags.pingInterval);
  if (flags.pingTimeout === undefined) return { heartbeat: { ...DEFAULT_HEARTBEAT, interval } };
  return { heartbeat: { interval, timeout: positive('--ping-timeout', flags.pingTimeout), misses: 1 } };
}

function closeReason(reason: string | undefined): string {
  if (reason === undefined) return '';
  // RFC 6455 §5.5: a Close payload is ≤ 125 bytes, 2 of them the code.
  if (Buffer.byteLength(reason, 'utf8') > 123) throw new UserError('--close-reason is at most 123 bytes (RFC 6455 §5.5)');
  return reason;
}

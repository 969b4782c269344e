/**
 * The connect form's state: every client option as the user edits it (numbers as the text typed,
 * so a half-typed value is not lost), and the way back from a saved ConnectInput to a form.
 */
import type { ConnectInput } from '../../../shared/ipc/contract.js';

/** One editable header row; rows with neither name nor value are ignored. */
export interface HeaderRow {
  readonly name: string;
  readonly value: string;
}

/** How the handshake authenticates. */
export type AuthMode = 'none' | 'bearer' | 'basic';

/** What the form holds. Empty text means "not set" (the engine's default applies). */
export interface ConnectFormState {
  readonly url: string;
  readonly headers: readonly HeaderRow[];
  /** Comma-separated list. */
  readonly subprotocols: string;
  readonly origin: string;
  readonly auth: AuthMode;
  readonly bearerToken: string;
  readonly basicUser: string;
  readonly basicPassword: string;
  readonly caFile: string;
  readonly certFile: string;
  readonly keyFile: string;
  readonly passphrase: string;
  readonly insecure: boolean;
  readonly servername: string;
  readonly proxy: string;
  readonly followRedirects: boolean;
  readonly maxRedirects: string;
  readonly deflate: boolean;
  readonly clientNoContextTakeover: boolean;
  readonly serverNoContextTakeover: boolean;
  readonly clientMaxWindowBits: string;
  readonly serverMaxWindowBits: string;
  readonly deflateThreshold: string;
  readonly maxPayload: string;
  readonly handshakeTimeout: string;
  readonly autoPong: boolean;
  /** The heartbeat is on when an interval is given; timeout and misses then default. */
  readonly heartbeatInterval: string;
  readonly heartbeatTimeout: string;
  readonly heartbeatMisses: string;
  readonly reconnect: boolean;
  readonly reconnectInitialDelay: string;
  readonly reconnectMaxDelay: string;
  readonly reconnectFactor: string;
  readonly reconnectJitter: string;
  readonly reconnectMaxAttempts: string;
}

/** A form field an error can point at: a state key or one header row. */
export type FormField = keyof ConnectFormState | `headers.${number}`;

/** A blank form: only the engine's defaults (deflate offered, auto-pong on). */
export const EMPTY_FORM: ConnectFormState = {
  url: '',
  headers: [],
  subprotocols: '',
  origin: '',
  auth: 'none',
  bearerToken: '',
  basicUser: '',
  basicPassword: '',
  caFile: '',
  certFile: '',
  keyFile: '',
  passphrase: '',
  insecure: false,
  servername: '',
  proxy: '',
  followRedirects: false,
  maxRedirects: '',
  deflate: true,
  clientNoContextTakeover: false,
  serverNoContextTakeover: false,
  clientMaxWindowBits: '',
  serverMaxWindowBits: '',
  deflateThreshold: '',
  maxPayload: '',
  handshakeTimeout: '',
  autoPong: true,
  heartbeatInterval: '',
  heartbeatTimeout: '',
  heartbeatMisses: '',
  reconnect: false,
  reconnectInitialDelay: '',
  reconnectMaxDelay: '',
  reconnectFactor: '',
  reconnectJitter: '',
  reconnectMaxAttempts: '',
};

const text = (n: number | undefined): string => (n === undefined ? '' : String(n));

/** The form that builds `input` again (a saved connection being loaded). */
export function formFromInput(input: ConnectInput): ConnectFormState {
  const deflate = input.perMessageDeflate;
  const advanced = typeof deflate === 'object' ? deflate : {};
  const colon = input.basicAuth?.indexOf(':') ?? -1;
  const auth: AuthMode =
    input.bearerToken !== undefined ? 'bearer' : input.basicAuth !== undefined ? 'basic' : 'none';
  return {
    ...EMPTY_FORM,
    url: input.url,
    headers: (input.headers ?? []).map(([name, value]) => ({ name, value })),
    subprotocols: (input.subprotocols ?? []).join(', '),
    origin: input.origin ?? '',
    auth,
    bearerToken: input.bearerToken ?? '',
    basicUser:
      input.basicAuth === undefined ? '' : colon < 0 ? input.basicAuth : input.basicAuth.slice(0, colon),
    basicPassword: input.basicAuth === undefined || colon < 0 ? '' : input.basicAuth.slice(colon + 1),
    caFile: input.tls?.caFile ?? '',
    certFile: input.tls?.certFile ?? '',
    keyFile: input.tls?.keyFile ?? '',
    passphrase: input.tls?.passphrase ?? '',
    insecure: input.tls?.insecure ?? false,
    servername: input.tls?.servername ?? '',
    proxy: input.proxy ?? '',
    followRedirects: input.followRedirects ?? false,
    maxRedirects: text(input.maxRedirects),
    deflate: deflate !== false,
    clientNoContextTakeover: advanced.clientNoContextTakeover ?? false,
    serverNoContextTakeover: advanced.serverNoContextTakeover ?? false,
    clientMaxWindowBits: text(advanced.clientMaxWindowBits),
    serverMaxWindowBits: text(advanced.serverMaxWindowBits),
    deflateThreshold: text(advanced.threshold),
    maxPayload: text(input.maxPayload),
    handshakeTimeout: text(input.handshakeTimeout),
    autoPong: input.autoPong ?? true,
    heartbeatInterval: text(input.heartbeat?.interval),
    heartbeatTimeout: text(input.heartbeat?.timeout),
    heartbeatMisses: text(input.heartbeat?.misses),
    reconnect: input.reconnect !== undefined,
    reconnectInitialDelay: text(input.reconnect?.initialDelay),
    reconnectMaxDelay: text(input.reconnect?.maxDelay),
    reconnectFactor: text(input.reconnect?.factor),
    reconnectJitter: text(input.reconnect?.jitter),
    reconnectMaxAttempts: text(input.reconnect?.maxAttempts),
  };
}

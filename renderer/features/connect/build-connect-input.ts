/**
 * Form state → ConnectInput, pure: empty fields are left out (the engine's defaults apply, and main
 * refuses unknown or empty-but-present fields), every number is checked against the range main
 * accepts (shared/ipc/inputs.ts), and each problem names the field it belongs to.
 */
import type { ConnectInput } from '../../../shared/ipc/contract.js';
import { checkInput } from '../../../shared/ipc/inputs.js';
import type { Header } from '../../../shared/model/events.js';
import type { ConnectFormState, FormField } from './connect-form-state.js';
import { checkProxyUrl, checkWsUrl } from './connect-url.js';

/** A problem with one field, in words a user can act on. */
export interface FieldError {
  /** 'form' when the problem is with the whole input. */
  readonly field: FormField | 'form';
  readonly message: string;
}

/** The input to send, or every problem found. */
export type BuildResult =
  | { readonly ok: true; readonly input: ConnectInput }
  | { readonly ok: false; readonly errors: readonly FieldError[] };

/** Heartbeat timeout and misses when only the interval is given (the engine's DEFAULT_HEARTBEAT). */
export const HEARTBEAT_DEFAULTS = { timeout: 10_000, misses: 3 } as const;

/** RFC 9110 §5.6.2: a header name (and a subprotocol, RFC 6455 §4.1) is a token. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** CR, LF and NUL would split or end the header. */
const BAD_VALUE = /[\r\n\0]/;

type Writable<T> = { -readonly [K in keyof T]?: T[K] };
/** The fields typed as text. */
type TextField = {
  [K in keyof ConnectFormState]: ConnectFormState[K] extends string ? K : never;
}[keyof ConnectFormState];

/** Builds the input of `session.connect` from the form. */
export function buildConnectInput(form: ConnectFormState): BuildResult {
  const errors: FieldError[] = [];
  const problem = (field: FormField, message: string): undefined => {
    errors.push({ field, message });
    return undefined;
  };
  const integer = (field: TextField, label: string, min: number, max: number) => {
    const raw = form[field].trim();
    if (raw === '') return undefined;
    const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
    return Number.isSafeInteger(n) && n >= min && n <= max
      ? n
      : problem(field, `${label}: expected a whole number from ${min} to ${max}`);
  };
  const decimal = (field: TextField, label: string, min: number, max: number) => {
    const raw = form[field].trim();
    if (raw === '') return undefined;
    const n = /^\d+(\.\d+)?$|^\.\d+$/.test(raw) ? Number(raw) : NaN;
    return n >= min && n <= max ? n : problem(field, `${label}: expected a number from ${min} to ${max}`);
  };
  const textOf = (field: TextField): string | undefined => {
    const raw = form[field].trim();
    return raw === '' ? undefined : raw;
  };
  const out: Writable<ConnectInput> = {};

  const url = checkWsUrl(form.url);
  if (!url.ok) problem('url', url.message);

  const headers: Header[] = [];
  form.headers.forEach((row, i) => {
    const name = row.name.trim();
    if (name === '' && row.value === '') return;
    if (!TOKEN.test(name)) {
      problem(
        `headers.${i}`,
        name === '' ? 'Header: the name is missing' : `Header '${name}': not a valid name`,
      );
    } else if (BAD_VALUE.test(row.value)) {
      problem(`headers.${i}`, `Header '${name}': the value cannot contain line breaks`);
    } else headers.push([name, row.value.trim()]);
  });
  if (headers.length > 0) out.headers = headers;

  const subprotocols = form.subprotocols
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const badProtocol = subprotocols.find((s) => !TOKEN.test(s));
  if (badProtocol !== undefined) problem('subprotocols', `Subprotocol '${badProtocol}': not a valid token`);
  else if (new Set(subprotocols).size < subprotocols.length)
    problem('subprotocols', 'Subprotocols: listed twice');
  else if (subprotocols.length > 0) out.subprotocols = subprotocols;

  out.origin = textOf('origin');
  if (form.auth === 'bearer') {
    out.bearerToken = textOf('bearerToken') ?? problem('bearerToken', 'Bearer token: enter the token');
  } else if (form.auth === 'basic') {
    const user = form.basicUser.trim();
    if (user === '') problem('basicUser', 'Basic auth: enter a user name');
    else if (user.includes(':'))
      problem('basicUser', 'Basic auth: a user name cannot contain ":" (RFC 7617 §2)');
    else out.basicAuth = `${user}:${form.basicPassword}`;
  }

  const tls = {
    caFile: textOf('caFile'),
    certFile: textOf('certFile'),
    keyFile: textOf('keyFile'),
    passphrase: form.passphrase === '' ? undefined : form.passphrase,
    insecure: form.insecure ? true : undefined,
    servername: textOf('servername'),
  };
  if ((tls.certFile === undefined) !== (tls.keyFile === undefined)) {
    problem(
      tls.certFile === undefined ? 'certFile' : 'keyFile',
      'Client certificate: give both the certificate and the key',
    );
  }
  out.tls = defined(tls);

  const proxy = textOf('proxy');
  if (proxy !== undefined) {
    const bad = checkProxyUrl(proxy);
    if (bad !== null) problem('proxy', bad);
    else out.proxy = proxy;
  }
  if (form.followRedirects) {
    out.followRedirects = true;
    out.maxRedirects = integer('maxRedirects', 'Max redirects', 0, 100);
  }

  if (!form.deflate) out.perMessageDeflate = false;
  else {
    out.perMessageDeflate = defined({
      clientNoContextTakeover: form.clientNoContextTakeover ? true : undefined,
      serverNoContextTakeover: form.serverNoContextTakeover ? true : undefined,
      clientMaxWindowBits: integer('clientMaxWindowBits', 'Client max window bits', 8, 15),
      serverMaxWindowBits: integer('serverMaxWindowBits', 'Server max window bits', 8, 15),
      threshold: integer('deflateThreshold', 'Compression threshold', 0, 2 ** 31),
    });
  }
  out.maxPayload = integer('maxPayload', 'Max payload (bytes)', 1, 2 ** 40);
  out.handshakeTimeout = integer('handshakeTimeout', 'Handshake timeout (ms)', 1, 3_600_000);
  if (!form.autoPong) out.autoPong = false;

  const interval = integer('heartbeatInterval', 'Heartbeat interval (ms)', 1, 3_600_000);
  const timeout = integer('heartbeatTimeout', 'Heartbeat timeout (ms)', 1, 3_600_000);
  const misses = integer('heartbeatMisses', 'Heartbeat misses', 1, 1000);
  if (interval !== undefined) {
    out.heartbeat = {
      interval,
      timeout: timeout ?? HEARTBEAT_DEFAULTS.timeout,
      misses: misses ?? HEARTBEAT_DEFAULTS.misses,
    };
  } else if ((timeout !== undefined || misses !== undefined) && textOf('heartbeatInterval') === undefined) {
    problem('heartbeatInterval', 'Heartbeat: give an interval to turn pings on');
  }

  if (form.reconnect) {
    out.reconnect = {
      ...defined({
        initialDelay: integer('reconnectInitialDelay', 'Reconnect initial delay (ms)', 0, 24 * 3_600_000),
        maxDelay: integer('reconnectMaxDelay', 'Reconnect max delay (ms)', 0, 24 * 3_600_000),
        factor: decimal('reconnectFactor', 'Reconnect factor', 1, 100),
        jitter: decimal('reconnectJitter', 'Reconnect jitter', 0, 1),
        maxAttempts: integer('reconnectMaxAttempts', 'Reconnect max attempts', 1, 1_000_000),
      }),
    };
  }

  if (errors.length > 0 || !url.ok) return { ok: false, errors };
  const input = defined({ ...out, url: form.url.trim() }) as ConnectInput;
  // A last guard: whatever slipped through would come back as BAD_INPUT; say it here instead.
  const refused = checkInput('session.connect', input);
  if (refused !== null)
    return { ok: false, errors: [{ field: 'form', message: `Not accepted: ${refused}` }] };
  return { ok: true, input };
}

/** The object without its undefined fields, or undefined when none is left. */
function defined<T extends object>(value: T): T | undefined {
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  return entries.length === 0 ? undefined : (Object.fromEntries(entries) as T);
}

/** One line for the error box: the first problem, and how many more are marked below. */
export function problemSummary(problems: readonly FieldError[]): string {
  const [first, ...rest] = problems;
  if (first === undefined) return '';
  return rest.length === 0
    ? first.message
    : `${first.message} (and ${rest.length} more problem${rest.length === 1 ? '' : 's'} marked below)`;
}

import { closeCodeInfo, isCloseCodeAllowedOnWire } from '../../../shared/protocol/close-codes.js';
import type { Header } from '../../../shared/model/events.js';
import { parseIgnorePath, type IgnorePath } from '../../../shared/replay/ignore-paths.js';
import { UserError } from '../errors.js';

/** Seconds as a user writes them (`2`, `0.5`, `1_000`), as milliseconds; throws a UserError naming the option. */
export function parseSeconds(option: string, value: string): number {
  const n = Number(value.replace(/_/g, ''));
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new UserError(`${option} takes a number of seconds (e.g. 2 or 0.5), got '${value}'`);
  return Math.round(n * 1000);
}

/** `-w/--wait`: seconds, or -1 for "stay open" (null). */
export function parseWait(value: string): number | null {
  if (value.trim() === '-1') return null;
  return parseSeconds('-w/--wait', value);
}

/** A whole number ≥ `min`; throws a UserError naming the option. */
export function parseWhole(option: string, value: string, min = 0): number {
  const n = Number(value.replace(/_/g, ''));
  if (!/^\d[\d_]*$/.test(value) || !Number.isSafeInteger(n) || n < min) throw new UserError(`${option} takes a whole number${min > 0 ? ` ≥ ${min}` : ''}, got '${value}'`);
  return n;
}

/** A close code we may send (RFC 6455 §7.4.1: 1000–1003, 1007–1014, 3000–4999). */
export function parseSendableCloseCode(option: string, value: string): number {
  const code = parseWhole(option, value);
  if (!isCloseCodeAllowedOnWire(code)) {
    const info = closeCodeInfo(code);
    throw new UserError(`${option} ${code} (${info.name}) may not be sent in a Close frame: use 1000-1003, 1007-1014 or 3000-4999`);
  }
  return code;
}

/** Close codes the user counts as failure: inclusive ranges, or the default rule. */
export type FailOn = { readonly kind: 'default' } | { readonly kind: 'ranges'; readonly ranges: readonly (readonly [number, number])[] };

/** Codes a peer may close with without the run failing when `--fail-on` is not given. */
export const DEFAULT_OK_CODES: readonly number[] = [1000, 1001, 1005];

/** `--fail-on 1011,4000-4999` or `--fail-on none`. */
export function parseFailOn(value: string): FailOn {
  if (value.trim() === 'none') return { kind: 'ranges', ranges: [] };
  const ranges = value.split(',').map((part): readonly [number, number] => {
    const match = /^\s*(\d{1,5})\s*(?:-\s*(\d{1,5})\s*)?$/.exec(part);
    const lo = Number(match?.[1]);
    const hi = match?.[2] === undefined ? lo : Number(match[2]);
    if (!match || hi < lo || hi > 0xffff) throw new UserError(`--fail-on takes close codes and ranges such as 1011,4000-4999 (or none), got '${value}'`);
    return [lo, hi];
  });
  return { kind: 'ranges', ranges };
}

/** Whether a close code the peer sent counts as failure. */
export function isFailureCode(failOn: FailOn, code: number): boolean {
  if (failOn.kind === 'default') return !DEFAULT_OK_CODES.includes(code);
  return failOn.ranges.some(([lo, hi]) => code >= lo && code <= hi);
}

/** `-H 'Name: value'` (wscat's `name:value` too). */
export function parseHeader(value: string): Header {
  const colon = value.indexOf(':');
  const name = colon < 0 ? '' : value.slice(0, colon).trim();
  if (colon < 0 || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw new UserError(`-H/--header takes 'Name: value', got '${value}'`);
  return [name, value.slice(colon + 1).trim()];
}

/** A proxy as wscat takes it (`host:port` or a URL), as the http:// URL the engine wants. */
export function proxyUrl(value: string): string {
  const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:') throw new Error('scheme');
    return parsed.href;
  } catch {
    throw new UserError(`--proxy takes http://[user:pass@]host:port (an HTTP proxy that supports CONNECT), got '${value}'`);
  }
}

/** `--ignore` JSON paths (replay, serve --replay), each checked; throws a UserError naming the bad one. */
export function parseIgnorePaths(values: readonly string[] | undefined): IgnorePath[] {
  return (values ?? []).map((source) => {
    const path = parseIgnorePath(source);
    if ('error' in path) throw new UserError(`--ignore ${path.error}`);
    return path;
  });
}

/** `--connection` ids of a recording, `2` or `#2` (replay, serve --replay). */
export function parseConnectionIds(values: readonly string[]): number[] {
  return values.map((id) => parseWhole('--connection', id.replace(/^#/, ''), 1));
}

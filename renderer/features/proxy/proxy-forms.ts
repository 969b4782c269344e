/**
 * The proxy panel's forms as pure functions: what the user typed → a command's input, or the
 * error to show beside the form (tested without React).
 */
import type { Input } from '../../../shared/ipc/contract.js';
import type { ProxyInjectInput, ProxyRuleInfo, ProxyRuleInput } from '../../../shared/ipc/proxy-commands.js';
import { toBase64 } from '../../../shared/protocol/base64.js';

/** A form's outcome: the input, or what is wrong. */
export type Parsed<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

const fail = (error: string): Parsed<never> => ({ ok: false, error });

/** The start form as typed. */
export interface StartDraft {
  readonly target: string;
  readonly host: string;
  readonly port: string;
  /** One `Name: value` a line. */
  readonly setHeaders: string;
  /** Names, separated by commas or spaces. */
  readonly removeHeaders: string;
}

export const EMPTY_START: StartDraft = {
  target: '',
  host: '127.0.0.1',
  port: '0',
  setHeaders: '',
  removeHeaders: '',
};

/** `proxy.start` input from the start form. */
export function parseStart(draft: StartDraft): Parsed<Input<'proxy.start'>> {
  const target = draft.target.trim();
  if (target === '') return fail('target: the server the app should reach, e.g. ws://127.0.0.1:9000');
  const port = draft.port.trim() === '' ? 0 : Number(draft.port.trim());
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    return fail(`port: a whole number 0..65535 (0 picks a free one), got '${draft.port}'`);
  const setHeaders: (readonly [string, string])[] = [];
  for (const line of draft.setHeaders.split('\n')) {
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim() : '';
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name))
      return fail(`header '${line.trim()}': write Name: value`);
    setHeaders.push([name, line.slice(colon + 1).trim()]);
  }
  const removeHeaders = draft.removeHeaders.split(/[\s,]+/).filter((n) => n !== '');
  const host = draft.host.trim();
  return {
    ok: true,
    value: {
      target,
      port,
      ...(host === '' || host === '127.0.0.1' ? {} : { host }),
      ...(setHeaders.length > 0 ? { setHeaders } : {}),
      ...(removeHeaders.length > 0 ? { removeHeaders } : {}),
    },
  };
}

/** The rule form as typed. */
export interface RuleDraft {
  readonly toward: 'app' | 'target' | 'both';
  readonly match: string;
  readonly latencyMs: string;
  readonly jitterMs: string;
  /** Percent, 0..100. */
  readonly dropPercent: string;
}

export const EMPTY_RULE: RuleDraft = {
  toward: 'both',
  match: '',
  latencyMs: '',
  jitterMs: '',
  dropPercent: '',
};

const wholeMs = (text: string, name: string): Parsed<number> => {
  const value = text.trim() === '' ? 0 : Number(text.trim());
  return Number.isInteger(value) && value >= 0 && value <= 3600_000
    ? { ok: true, value }
    : fail(`${name}: whole milliseconds 0..3600000, got '${text}'`);
};

/** `proxy.addRule`'s rule from the rule form; a rule that does nothing is refused. */
export function parseRule(draft: RuleDraft): Parsed<ProxyRuleInput> {
  const latency = wholeMs(draft.latencyMs, 'latency');
  if (!latency.ok) return latency;
  const jitter = wholeMs(draft.jitterMs, 'jitter');
  if (!jitter.ok) return jitter;
  const percent = draft.dropPercent.trim() === '' ? 0 : Number(draft.dropPercent.trim());
  if (!Number.isFinite(percent) || percent < 0 || percent > 100)
    return fail(`drop: a percentage 0..100, got '${draft.dropPercent}'`);
  if (draft.match !== '') {
    try {
      new RegExp(draft.match);
    } catch (error) {
      return fail(`match: not a regular expression: ${(error as Error).message}`);
    }
  }
  if (latency.value === 0 && jitter.value === 0 && percent === 0)
    return fail('the rule does nothing: give a latency, a jitter or a drop percentage');
  return {
    ok: true,
    value: {
      toward: draft.toward,
      ...(draft.match === '' ? {} : { match: draft.match }),
      ...(latency.value > 0 ? { latencyMs: latency.value } : {}),
      ...(jitter.value > 0 ? { jitterMs: jitter.value } : {}),
      ...(percent > 0 ? { dropRate: percent / 100 } : {}),
    },
  };
}

/** A rule in one line: `toward target · /^secret/ · +200±50 ms · drop 100%`. */
export function describeRule(rule: ProxyRuleInfo): string {
  const parts = [`toward ${rule.toward}`, rule.match === null ? 'every message' : `/${rule.match}/`];
  if (rule.latencyMs > 0 || rule.jitterMs > 0)
    parts.push(`+${rule.latencyMs}${rule.jitterMs > 0 ? `±${rule.jitterMs}` : ''} ms`);
  if (rule.dropRate > 0) parts.push(`drop ${Math.round(rule.dropRate * 1000) / 10}%`);
  return parts.join(' · ');
}

/** What the inject form sends: text, hex bytes, or a ping. */
export type InjectKind = 'text' | 'hex' | 'ping';

/** `proxy.inject`'s message from the inject form. */
export function parseInject(kind: InjectKind, text: string): Parsed<ProxyInjectInput> {
  switch (kind) {
    case 'text':
      return { ok: true, value: { kind: 'text', text } };
    case 'ping':
      if (new TextEncoder().encode(text).length > 125)
        return fail('a ping carries at most 125 bytes (RFC 6455 §5.5)');
      return { ok: true, value: text === '' ? { kind: 'ping' } : { kind: 'ping', text } };
    case 'hex': {
      const digits = text.replace(/\s+/g, '');
      if (!/^([0-9a-fA-F]{2})*$/.test(digits)) return fail('hex: pairs of hex digits, e.g. 01 ff 7a');
      const bytes = new Uint8Array(digits.length / 2);
      for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(digits.slice(i * 2, i * 2 + 2), 16);
      return { ok: true, value: { kind: 'binary', base64: toBase64(bytes) } };
    }
  }
}

/** A close code the user may send (1000-4999, not the reserved ones a Close frame may not carry). */
export function parseCloseCode(text: string): Parsed<number> {
  const code = Number(text.trim());
  if (!/^\d{4}$/.test(text.trim()) || code < 1000 || code > 4999)
    return fail(`close code: 1000..4999, got '${text}'`);
  if ([1004, 1005, 1006, 1015].includes(code))
    return fail(`close code ${code} may not be sent (RFC 6455 §7.4.1)`);
  return { ok: true, value: code };
}

/** Held bytes as shown: `—` when not held, else the count against the limit. */
export function heldText(held: number | null, maxHeld: number): string {
  if (held === null) return '—';
  return `${bytesText(held)} of ${bytesText(maxHeld)}${held >= maxHeld ? ' (full: reading paused)' : ''}`;
}

/** Bytes in B, KiB or MiB. */
export function bytesText(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Math.round((n / 1024) * 10) / 10} KiB`;
  return `${Math.round((n / 1024 / 1024) * 10) / 10} MiB`;
}

/** A message typed in a server card, checked and turned into what `mock.send` takes. Pure. */
import type { OutgoingInput } from '../../../shared/ipc/contract.js';
import type { MockTarget } from '../../../shared/ipc/mock-commands.js';

/** How the typed text is sent. */
export type SendKind = 'text' | 'json' | 'base64';

/** The message, or what is wrong with it. */
export function outgoingOf(
  kind: SendKind,
  text: string,
): { readonly ok: true; readonly message: OutgoingInput } | { readonly ok: false; readonly error: string } {
  switch (kind) {
    case 'text':
      return { ok: true, message: { kind: 'text', text } };
    case 'json':
      try {
        JSON.parse(text);
        return { ok: true, message: { kind: 'json', text } };
      } catch (error) {
        return { ok: false, error: `Not valid JSON: ${(error as Error).message}` };
      }
    case 'base64': {
      const compact = text.replace(/\s+/g, '');
      const valid = /^[A-Za-z0-9+/]*={0,2}$/.test(compact) && compact.length % 4 !== 1;
      return valid
        ? { ok: true, message: { kind: 'binary', base64: compact } }
        : { ok: false, error: 'Not valid base64 (A-Z, a-z, 0-9, +, / and = padding).' };
    }
  }
}

/** Who a send goes to, from the target picker's value: `all`, `room:<name>` or `conn:<id>`. */
export function targetOf(value: string): MockTarget {
  if (value.startsWith('room:')) return { kind: 'room', room: value.slice(5) };
  if (value.startsWith('conn:')) return { kind: 'conn', id: Number(value.slice(5)) };
  return { kind: 'all' };
}

/** The picker's label for a target. */
export function targetLabel(target: MockTarget): string {
  return target.kind === 'all'
    ? 'every client'
    : target.kind === 'room'
      ? `room ${target.room}`
      : `client #${target.id}`;
}

/** A close code typed in the close form: 1000-4999 but the ones RFC 6455 §7.4.1 keeps off the wire. */
export function closeCodeOf(text: string): number | { readonly error: string } {
  const code = Number(text.trim());
  if (!/^\d+$/.test(text.trim()) || code < 1000 || code > 4999 || [1004, 1005, 1006, 1015].includes(code))
    return { error: 'A close code 1000-4999 (not 1004, 1005, 1006 or 1015).' };
  return code;
}

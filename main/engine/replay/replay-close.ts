/**
 * Compares how a replayed connection ended with how the recorded one did: who sent the first
 * Close and with which code (the server's answer when the client closed first).
 */
import type { ConversationClose } from '../../../shared/interchange/conversation.js';
import type { ClosedEvent } from '../../../shared/model/events.js';
import type { Finding } from '../../../shared/replay/replay-report.js';

/** A recorded close in words: `server closed with 4000 "room closed"`. */
export function describeRecordedClose(close: ConversationClose): string {
  if (close.initiator === 'none') return 'the connection ended without a Close frame';
  const reply = close.replyCode === null ? '' : `, answered with ${close.replyCode}`;
  return `${close.initiator} closed with ${codeText(close.code, close.reason)}${reply}`;
}

/** A live close in words, in the same terms. */
export function describeLiveClose(closed: ClosedEvent | null, waitedMs: number): string {
  if (closed === null) return `the connection was still open after ${waitedMs} ms`;
  if (closed.initiator === 'none') return `the connection ended without a Close frame (${closed.code})`;
  const [first, reply] =
    closed.initiator === 'us' ? [closed.sent, closed.received] : [closed.received, closed.sent];
  const who = closed.initiator === 'us' ? 'client' : 'server';
  const answer = reply === null || reply.code === null ? '' : `, answered with ${reply.code}`;
  return `${who} closed with ${codeText(first?.code ?? null, first?.reason ?? '')}${answer}`;
}

/** A `close` finding when the live end differs from the recorded one, else null. */
export function compareClose(
  expected: ConversationClose,
  closed: ClosedEvent | null,
  waitedMs: number,
): Finding | null {
  if (closed !== null && sameEnd(expected, closed)) return null;
  return {
    kind: 'close',
    expected: describeRecordedClose(expected),
    actual: describeLiveClose(closed, waitedMs),
  };
}

function sameEnd(expected: ConversationClose, closed: ClosedEvent): boolean {
  switch (expected.initiator) {
    case 'none':
      return closed.initiator === 'none';
    case 'server':
      return closed.initiator === 'peer' && (closed.received?.code ?? null) === expected.code;
    case 'client':
      // Our own code is the recorded one by construction: the server's answer is what can differ.
      return closed.initiator === 'us' && (closed.received?.code ?? null) === expected.replyCode;
  }
}

function codeText(code: number | null, reason: string): string {
  if (code === null) return 'no code';
  return reason === '' ? String(code) : `${code} ${JSON.stringify(reason)}`;
}

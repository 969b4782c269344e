import type { Header } from '../../../shared/model/events.js';
import type { HttpHead } from '../../../shared/protocol/http-message.js';

/** Changes to the app's request headers on their way to the target. */
export interface HeaderEdits {
  /** Set these (replacing any the app sent with the same name), e.g. an Authorization token. */
  readonly set: readonly Header[];
  /** Drop these (names, any case). */
  readonly remove: readonly string[];
}

/**
 * The request head as the target gets it: the app's request line and headers, in order and in
 * their case, with Host naming the target, the edits applied, and — when the target URL has a
 * path — that path put in front of the app's (`--target ws://h/api` + `GET /chat` → `GET /api/chat`).
 */
export function forwardedHead(head: HttpHead, target: URL, edits: HeaderEdits): Buffer {
  const start =
    head.start.kind === 'request' ? head.start : { method: 'GET', target: '/', version: 'HTTP/1.1' };
  const base = target.pathname.replace(/\/+$/, '');
  const path =
    base === '' ? start.target : `${base}${start.target.startsWith('/') ? '' : '/'}${start.target}`;
  const replaced = new Set(
    [...edits.remove, ...edits.set.map(([name]) => name)].map((name) => name.toLowerCase()),
  );
  const lines = [`${start.method} ${path} ${start.version}`];
  let hostDone = false;
  for (const [name, value] of head.headers) {
    const lower = name.toLowerCase();
    if (lower === 'host') {
      if (!hostDone) lines.push(`${name}: ${target.host}`);
      hostDone = true;
    } else if (!replaced.has(lower)) lines.push(`${name}: ${value}`);
  }
  if (!hostDone) lines.push(`Host: ${target.host}`);
  for (const [name, value] of edits.set) lines.push(`${name}: ${value.replace(/[\r\n]+/g, ' ')}`);
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
}

/** How the proxy panel words an ended relayed connection. Pure. */
import type { ClosedRelayed, ProxyCloser } from '../../../shared/ipc/proxy-commands.js';
import { closeCodeLabel } from '../../../shared/protocol/close-codes.js';

const CLOSERS: { readonly [K in ProxyCloser]: string } = {
  app: 'the app closed',
  target: 'the target closed',
  wstap: 'wstap closed',
  none: 'TCP ended without a Close',
};

/** "the app closed with 1000 Normal Closure" (the reason is shown apart, as text). */
export function closedSummary(closed: ClosedRelayed): string {
  return `${CLOSERS[closed.closedBy]}: ${closeCodeLabel(closed.code)}`;
}

/** The heading of the ended connections: how many are listed, and how many were let go. */
export function closedHeading(listed: number, dropped: number): string {
  return `Closed connections (${listed}${dropped > 0 ? `; ${dropped} older not kept` : ''})`;
}

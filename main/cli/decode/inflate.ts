// Placeholder replaced once the permessage-deflate inflater lands.
import type { Sender } from '../../../shared/protocol/frame.js';
import type { Violation } from '../../../shared/protocol/violations.js';

/** Inflates the compressed messages of one direction, in order. */
export interface MessageInflater {
  inflate(payload: Uint8Array): Promise<{ payload: Uint8Array | null; violations: readonly Violation[] }>;
  close(): void;
}

/** Builds an inflater from a negotiated Sec-WebSocket-Extensions value. */
export function createInflaterFromHeader(_header: string, _sender: Sender): MessageInflater | null {
  return null;
}

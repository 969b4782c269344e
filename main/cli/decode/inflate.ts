import { perMessageDeflateFromResponse } from '../../../shared/protocol/extensions.js';
import type { Sender } from '../../../shared/protocol/frame.js';
import type { Violation } from '../../../shared/protocol/violations.js';
import { Inflater } from '../../engine/permessage-deflate.js';
import { UserError } from '../errors.js';

/** Inflates the compressed messages of one direction, in order. */
export interface MessageInflater {
  inflate(payload: Uint8Array): Promise<{ payload: Uint8Array | null; violations: readonly Violation[] }>;
  close(): void;
}

/**
 * An inflater for the permessage-deflate a `Sec-WebSocket-Extensions` value negotiated, or null
 * when it negotiated none. A malformed value is the user's mistake: a UserError says where.
 */
export function createInflaterFromHeader(header: string, sender: Sender): MessageInflater | null {
  const parsed = perMessageDeflateFromResponse(header);
  if (!parsed.ok) {
    throw new UserError(`--deflate '${header}': ${parsed.error.message} (at character ${parsed.error.position})`);
  }
  if (parsed.value === null) return null;
  const inflater = new Inflater({ params: parsed.value, sender });
  return {
    async inflate(payload) {
      const result = await inflater.inflate(payload);
      return result.ok ? { payload: result.data, violations: [] } : { payload: null, violations: [result.violation] };
    },
    close: () => inflater.close(),
  };
}

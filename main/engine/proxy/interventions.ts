import { encodeFrame } from '../../../shared/protocol/encoder.js';
import { OPCODE } from '../../../shared/protocol/opcodes.js';
import type { Outgoing } from '../client/client-options.js';
import { closePayload, controlPayload, outgoingBytes } from '../client/send.js';
import type { Injection } from './relay-direction.js';

/** A side of a proxied connection. */
export type Side = 'app' | 'target';

/** What can be injected: a message, or a ping or pong. */
export type Injected = Outgoing | { readonly kind: 'ping' | 'pong'; readonly data?: string };

/**
 * One frame wstap injects: uncompressed (RSV1 clear, legal inside a permessage-deflate session),
 * masked with a random key toward the target (a client's frames must be), unmasked toward the app.
 */
export function injectedFrame(what: Injected, masked: boolean): Injection & { readonly description: string } {
  if (what.kind === 'ping' || what.kind === 'pong') {
    const payload = controlPayload(what.data);
    const bytes = encodeFrame({
      opcode: what.kind === 'ping' ? OPCODE.PING : OPCODE.PONG,
      payload,
      mask: masked,
    });
    return { bytes, control: true, description: `a ${what.kind} of ${payload.length} B` };
  }
  const { bytes: payload, binary } = outgoingBytes(what as Outgoing);
  const bytes = encodeFrame({ opcode: binary ? OPCODE.BINARY : OPCODE.TEXT, payload, mask: masked });
  return { bytes, control: false, description: `${binary ? 'binary' : 'text'} ${payload.length} B` };
}

/** A Close frame with a code any side may get (validated as for a client's close). */
export function closeFrame(code: number, reason: string, masked: boolean): Injection {
  const payload = closePayload({ code, reason });
  return {
    bytes: encodeFrame({ opcode: OPCODE.CLOSE, payload: payload ?? new Uint8Array(0), mask: masked }),
    control: true,
  };
}

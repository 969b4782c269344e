/** Values a script connection converts: what it sends, how a close is described. */
import type { ClosedEvent } from '../../../../shared/model/events.js';
import { closeCodeInfo } from '../../../../shared/protocol/close-codes.js';
import type { CloseInfo } from '../../../../types/script.js';
import type { Outgoing } from '../../client/client-options.js';

/** How a connection ended, as the script API describes it. */
export function closeInfo(event: ClosedEvent): CloseInfo {
  return {
    code: event.code,
    reason: event.received?.reason ?? event.sent?.reason ?? '',
    initiator: event.initiator,
    explanation: event.explanation,
  };
}

/** `1008 (Policy Violation)`. */
export function codeText(code: number): string {
  return `${code} (${closeCodeInfo(code).name})`;
}

/** What a script sends: strings as text (or UTF-8 bytes for sendBinary), bytes as binary, anything else as JSON. */
export function outgoing(data: string | Uint8Array | ArrayBuffer | object, binary: boolean): Outgoing {
  if (data instanceof ArrayBuffer) return { kind: 'binary', bytes: new Uint8Array(data) };
  if (ArrayBuffer.isView(data))
    return { kind: 'binary', bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
  if (typeof data === 'string')
    return binary ? { kind: 'binary', bytes: new TextEncoder().encode(data) } : { kind: 'text', text: data };
  return { kind: 'json', value: data };
}

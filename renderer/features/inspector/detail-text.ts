/** Text of the detail pane's header fields: every bit with what it means. Pure. */
import type { MessageDetail } from '../../../shared/ipc/contract.js';
import { closeCodeInfo } from '../../../shared/protocol/close-codes.js';
import { isKnownOpcode } from '../../../shared/protocol/opcodes.js';
import { formatBytes } from './payload.js';

/** FIN with its meaning. */
export function finText(fin: boolean): string {
  return fin ? '1 · final fragment' : '0 · more fragments follow';
}

/** An RSV bit: RSV1 on a compressed frame is permessage-deflate's (RFC 7692 §6). */
export function rsvText(set: boolean, bit: 1 | 2 | 3, compressed: boolean): string {
  if (!set) return '0';
  if (bit === 1 && compressed) return '1 · permessage-deflate: payload compressed';
  return '1 · set: needs a negotiated extension that defines it (RFC 6455 §5.2)';
}

/** Opcode in hex with its name; reserved opcodes say so. */
export function opcodeText(opcode: number, name: string): string {
  const hex = `0x${opcode.toString(16)}`;
  return isKnownOpcode(opcode) ? `${hex} · ${name}` : `${hex} · ${name} (reserved, RFC 6455 §5.2)`;
}

/** MASK bit. */
export function maskText(masked: boolean): string {
  return masked ? '1 · masked' : '0 · not masked';
}

/** Payload length with the width of its field and whether that width was the smallest possible. */
export function lengthText(length: number, bits: 7 | 16 | 64, minimal: boolean): string {
  const field = bits === 7 ? '7-bit field' : bits === 16 ? '16-bit field (126)' : '64-bit field (127)';
  const encoding = minimal ? 'minimal' : 'not minimal: a shorter field fits (RFC 6455 §5.2)';
  return `${length.toLocaleString('en-US')} B · ${field} · ${encoding}`;
}

/** Wire versus payload size of a message. */
export function compressionText(detail: Pick<MessageDetail, 'compressed' | 'wireLength' | 'size'>): string {
  if (!detail.compressed) return `not compressed · ${formatBytes(detail.size)}`;
  const ratio = detail.size > 0 ? ` (${Math.round((detail.wireLength / detail.size) * 100)}%)` : '';
  return `permessage-deflate · ${formatBytes(detail.wireLength)} on the wire → ${formatBytes(detail.size)} inflated${ratio}`;
}

/** A close code's label and meaning, flagging codes that must not be sent (RFC 6455 §7.4.1). */
export function closeCodeText(code: number): { readonly label: string; readonly meaning: string } {
  const info = closeCodeInfo(code);
  return {
    label: `${code} ${info.name}`,
    meaning: info.allowedOnWire
      ? info.meaning
      : `${info.meaning} (not allowed in a Close frame, RFC 6455 §7.4.1)`,
  };
}

/** A violation's consequence: the close code a strict peer answers with, or that it is accepted. */
export function violationConsequence(closeCode: number | null): string {
  if (closeCode === null) return 'a strict peer accepts it (warning)';
  return `a strict peer closes with ${closeCode} ${closeCodeInfo(closeCode).name}`;
}

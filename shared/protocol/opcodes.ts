/** Opcodes of RFC 6455 §5.2 and their names; 3–7 and 11–15 are reserved and reported, not dropped. */
export const OPCODE = {
  CONTINUATION: 0x0,
  TEXT: 0x1,
  BINARY: 0x2,
  CLOSE: 0x8,
  PING: 0x9,
  PONG: 0xa,
} as const;

/** The name shown for an opcode: `text`, `ping`, … or `reserved-3` … `reserved-15`. */
export type OpcodeName =
  | 'continuation'
  | 'text'
  | 'binary'
  | 'close'
  | 'ping'
  | 'pong'
  | `reserved-${number}`;

const NAMES: readonly OpcodeName[] = Array.from({ length: 16 }, (_, op): OpcodeName => {
  switch (op) {
    case OPCODE.CONTINUATION:
      return 'continuation';
    case OPCODE.TEXT:
      return 'text';
    case OPCODE.BINARY:
      return 'binary';
    case OPCODE.CLOSE:
      return 'close';
    case OPCODE.PING:
      return 'ping';
    case OPCODE.PONG:
      return 'pong';
    default:
      return `reserved-${op}`;
  }
});

/** Name of a 4-bit opcode. */
export function opcodeName(opcode: number): OpcodeName {
  return NAMES[opcode & 0x0f] as OpcodeName;
}

/** Control frames have the high opcode bit set (RFC 6455 §5.5). */
export function isControlOpcode(opcode: number): boolean {
  return (opcode & 0x08) !== 0;
}

/** Opcodes RFC 6455 defines; the rest are reserved for future use (§5.2). */
export function isKnownOpcode(opcode: number): boolean {
  return opcode <= 2 || (opcode >= 8 && opcode <= 10);
}

/** Parses `text`, `ping`, `0x9`, `9`, `reserved-3` back to an opcode number, or undefined. */
export function parseOpcode(input: string): number | undefined {
  const s = input.trim().toLowerCase();
  const byName = NAMES.indexOf(s as OpcodeName);
  if (byName >= 0) return byName;
  if (s === 'cont') return OPCODE.CONTINUATION;
  const n = /^0x[0-9a-f]+$/.test(s) ? Number.parseInt(s.slice(2), 16) : /^\d+$/.test(s) ? Number(s) : NaN;
  return Number.isInteger(n) && n >= 0 && n <= 15 ? n : undefined;
}

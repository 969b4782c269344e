// Writes examples/captures/misbehaving-client.hex: client frames built with wstap's encoder that
// break RFC 6455 on purpose (the kind of stream `wstap decode` explains). Run after `npm run build`.
import { writeFileSync } from 'node:fs';
import { encodeCloseBody } from '../out/shared/protocol/close-body.js';
import { encodeFrames } from '../out/shared/protocol/encoder.js';

const bytes = encodeFrames([
  { opcode: 1, payload: '{"op":"subscribe","topic":"prices"}', mask: 0x3f9a12c0 },
  { opcode: 1, payload: 'compressed?', rsv1: true, mask: 0x5c21d0e4 },
  { opcode: 9, payload: new Uint8Array(126), mask: 0x0badf00d },
  { opcode: 1, payload: Uint8Array.of(0x6f, 0x6b, 0x20, 0xc3, 0x28), mask: 0x11223344 },
  { opcode: 2, payload: 'raw', lengthBits: 64 },
  { opcode: 8, payload: encodeCloseBody(1005), mask: 0x99887766 },
]);
const hex = Buffer.from(bytes).toString('hex').match(/.{1,32}/g).map((l) => l.match(/../g).join(' ')).join('\n');
writeFileSync(new URL('../examples/captures/misbehaving-client.hex', import.meta.url), hex + '\n');

import { describe, expect, it } from 'vitest';
import { parseRow, reassemble } from './tshark-read.js';

const row = (...cols: string[]): string => cols.join('\t');

describe('parseRow (tshark -T fields output)', () => {
  it('reads one masked frame with a 16-bit length', () => {
    expect(
      parseRow(row('13', '44452', '39683', '1', '0x00', '2', '1', '7b2412bf', '126', '126', '', '', '')),
    ).toEqual([
      {
        packet: 13,
        srcPort: 44452,
        dstPort: 39683,
        fin: true,
        rsv: 0,
        opcode: 2,
        masked: true,
        maskKeyHex: '7b2412bf',
        payloadLength: 126,
        lengthBits: 16,
        closeCode: null,
        closeReason: null,
      },
    ]);
  });

  it('splits a segment that carries several frames, matching optional fields in order', () => {
    // Three frames: text (7-bit), binary (64-bit), continuation (16-bit), all server-sent.
    const frames = parseRow(
      row(
        '20',
        '1',
        '2',
        '0,0,1',
        '0x04,0x00,0x00',
        '1,2,0',
        '0,0,0',
        '',
        '3,127,126',
        '300',
        '70000',
        '',
        '',
      ),
    );
    expect(frames.map((f) => [f.fin, f.rsv, f.opcode, f.payloadLength, f.lengthBits])).toEqual([
      [false, 4, 1, 3, 7],
      [false, 0, 2, 70000, 64],
      [true, 0, 0, 300, 16],
    ]);
  });

  it('keeps commas in a close reason when the row holds a single Close', () => {
    const [ping, close] = parseRow(
      row(
        '34',
        '1',
        '2',
        '1,1',
        '0x00,0x00',
        '9,8',
        '1,1',
        'aabbccdd,01020304',
        '0,10',
        '',
        '',
        '4000',
        'bye, now',
      ),
    );
    expect(ping).toMatchObject({ opcode: 9, maskKeyHex: 'aabbccdd', closeCode: null });
    expect(close).toMatchObject({
      opcode: 8,
      maskKeyHex: '01020304',
      closeCode: 4000,
      closeReason: 'bye, now',
    });
  });

  it('gives a code-only Close an empty reason and an empty Close neither', () => {
    const [codeOnly] = parseRow(row('1', '1', '2', '1', '0x00', '8', '0', '', '2', '', '', '1000', ''));
    const [empty] = parseRow(row('2', '1', '2', '1', '0x00', '8', '0', '', '0', '', '', '', ''));
    expect([codeOnly?.closeCode, codeOnly?.closeReason]).toEqual([1000, '']);
    expect([empty?.closeCode, empty?.closeReason]).toEqual([null, null]);
  });
});

describe('reassemble (one direction of a TCP connection)', () => {
  const seg = (seq: number, text: string) => ({ seq, bytes: Buffer.from(text) });

  it('orders segments and takes retransmitted or overlapping bytes once', () => {
    const bytes = reassemble(
      [seg(1, 'abc'), seg(7, 'ghi'), seg(4, 'def'), seg(4, 'def'), seg(6, 'fgh')],
      'test',
    );
    expect(Buffer.from(bytes).toString()).toBe('abcdefghi');
  });

  it('refuses a capture that missed bytes', () => {
    expect(() => reassemble([seg(1, 'abc'), seg(5, 'e')], 'test')).toThrow(/misses bytes 4\.\.4/);
  });
});

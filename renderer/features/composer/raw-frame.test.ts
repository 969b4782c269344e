import { describe, expect, it } from 'vitest';
import { DEFAULT_RAW_FRAME, buildRawFrame, type RawFrameForm } from './raw-frame.js';

const build = (change: Partial<RawFrameForm>) => buildRawFrame({ ...DEFAULT_RAW_FRAME, ...change });

describe('buildRawFrame', () => {
  it('builds a compliant masked text frame by default', () => {
    const r = build({ payload: 'hi' });
    expect(r).toMatchObject({
      ok: true,
      frame: {
        opcode: 1,
        fin: true,
        rsv1: false,
        rsv2: false,
        rsv3: false,
        mask: true,
        lengthBits: 'minimal',
        payload: { text: 'hi' },
      },
      payloadBytes: 2,
      breaks: [],
    });
    expect(r.ok && r.headerHex.startsWith('81 82 00 00 00 00')).toBe(true);
  });

  it('writes what it is told: reserved opcode, RSV bits, no FIN, unmasked, a lying 64-bit length', () => {
    const r = build({
      opcode: 3,
      fin: false,
      rsv2: true,
      mask: 'off',
      lengthBits: '64',
      declaredLength: '1000',
      payloadMode: 'hex',
      payload: '01 02',
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.frame).toEqual({
      opcode: 3,
      fin: false,
      rsv1: false,
      rsv2: true,
      rsv3: false,
      mask: false,
      lengthBits: 64,
      payload: { base64: 'AQI=' },
      declaredLength: 1000,
    });
    expect(r.headerHex).toBe('23 7f 00 00 00 00 00 00 03 e8');
    expect(r.breaks.join('\n')).toMatch(/reserved/);
    expect(r.breaks.join('\n')).toMatch(/RSV/);
    expect(r.breaks.join('\n')).toMatch(/must mask/);
    expect(r.breaks.join('\n')).toMatch(/declared length 1000/);
    expect(r.breaks.join('\n')).toMatch(/minimal encoding \(16-bit\)/);
  });

  it('takes a mask key of 8 hex digits', () => {
    const r = build({ mask: 'key', maskKey: '37 FA 21 3D', payload: 'x' });
    expect(r.ok && r.frame.mask).toBe('37fa213d');
    expect(r.ok && r.headerHex).toBe('81 81 37 fa 21 3d');
    expect(build({ mask: 'key', maskKey: '123' }).ok).toBe(false);
  });

  it('names control-frame rule breaks', () => {
    const r = build({ opcode: 9, fin: false, payload: 'x'.repeat(126) });
    expect(r.ok && r.breaks.join('\n')).toMatch(/fragmented/);
    expect(r.ok && r.breaks.join('\n')).toMatch(/over 125/);
  });

  it('refuses lengths the chosen encoding cannot hold, and bad fields', () => {
    expect(build({ lengthBits: '7', payload: 'x'.repeat(126) }).ok).toBe(false);
    expect(build({ lengthBits: '16', declaredLength: '70000' }).ok).toBe(false);
    expect(build({ declaredLength: '-1' }).ok).toBe(false);
    expect(build({ declaredLength: '9007199254740993' }).ok).toBe(false);
    expect(build({ payloadMode: 'hex', payload: 'xyz' }).ok).toBe(false);
    expect(build({ opcode: 16 }).ok).toBe(false);
  });

  it('leaves the payload out when empty', () => {
    const r = build({ opcode: 8 });
    expect(r.ok && 'payload' in r.frame).toBe(false);
  });
});

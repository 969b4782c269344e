import { describe, expect, it } from 'vitest';
import { CLOSE_CODE_CHOICES, checkCloseReason, controlPayload, parseCloseCode } from './control.js';

describe('close codes', () => {
  it('lists sendable codes with their names and meanings', () => {
    const byCode = new Map(CLOSE_CODE_CHOICES.map((c) => [c.code, c]));
    expect(byCode.get(1000)?.name).toBe('Normal Closure');
    expect(byCode.get(1001)?.name).toBe('Going Away');
    expect(byCode.get(1008)?.name).toBe('Policy Violation');
    expect(byCode.get(1011)?.name).toBe('Internal Error');
    expect(byCode.get(4000)?.name).toBe('Private use');
    for (const c of CLOSE_CODE_CHOICES) expect(c.meaning.length).toBeGreaterThan(10);
    for (const reserved of [1004, 1005, 1006, 1015]) expect(byCode.has(reserved)).toBe(false);
  });

  it('accepts 3000–4999 and refuses codes that must not be sent', () => {
    expect(parseCloseCode(' 4321 ')).toEqual({ ok: true, code: 4321 });
    expect(parseCloseCode('3000')).toEqual({ ok: true, code: 3000 });
    const r = parseCloseCode('1006');
    expect(!r.ok && r.error).toContain('Abnormal Closure');
    expect(parseCloseCode('5000').ok).toBe(false);
    expect(parseCloseCode('abc').ok).toBe(false);
    expect(parseCloseCode('').ok).toBe(false);
  });

  it('keeps the reason within 123 UTF-8 bytes', () => {
    expect(checkCloseReason('x'.repeat(123))).toBeNull();
    expect(checkCloseReason('x'.repeat(124))).toContain('124 bytes');
    expect(checkCloseReason('é'.repeat(62))).toContain('124 bytes');
  });
});

describe('controlPayload', () => {
  it('sends nothing for an empty payload', () => {
    expect(controlPayload('text', '')).toEqual({ ok: true, payload: undefined, bytes: 0 });
  });

  it('enforces 125 bytes in text and hex', () => {
    expect(controlPayload('text', 'x'.repeat(125))).toMatchObject({ ok: true, bytes: 125 });
    expect(controlPayload('text', 'x'.repeat(126)).ok).toBe(false);
    expect(controlPayload('hex', '00 '.repeat(126)).ok).toBe(false);
    expect(controlPayload('hex', '01 02')).toEqual({ ok: true, payload: { base64: 'AQI=' }, bytes: 2 });
    expect(controlPayload('hex', '0g').ok).toBe(false);
  });
});

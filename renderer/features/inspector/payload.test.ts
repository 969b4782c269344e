import { describe, expect, it } from 'vitest';
import { toBase64 } from '../../../shared/protocol/base64.js';
import { defaultTab, formatBytes, hexDumpText, MAX_TEXT_CHARS, payloadViews } from './payload.js';

const b64 = (text: string) => toBase64(new TextEncoder().encode(text));

describe('payloadViews', () => {
  it('is null without a payload', () => {
    expect(payloadViews(null)).toBeNull();
  });

  it('opens JSON objects on the JSON tab', () => {
    const views = payloadViews(b64('{"a":[1,2]}'))!;
    expect(views.json).toEqual({ value: { a: [1, 2] } });
    expect(views.text).toBe('{"a":[1,2]}');
    expect(defaultTab(views)).toBe('json');
  });

  it('opens text on the text tab and invalid UTF-8 on hex', () => {
    expect(defaultTab(payloadViews(b64('hello'))!)).toBe('text');
    const binary = payloadViews(toBase64(new Uint8Array([0xff, 0x00, 0x41])))!;
    expect(binary.validUtf8).toBe(false);
    expect(binary.json).toBeNull();
    expect(defaultTab(binary)).toBe('hex');
    expect(binary.hex).toBe('00000000  ff 00 41' + ' '.repeat(40) + '  ..A');
  });

  it('bounds the text it keeps and counts the rest', () => {
    const views = payloadViews(b64('x'.repeat(MAX_TEXT_CHARS + 10)))!;
    expect(views.text).toHaveLength(MAX_TEXT_CHARS);
    expect(views.textOmitted).toBe(10);
    expect(views.base64Omitted).toBeGreaterThan(0);
  });
});

describe('hexDumpText', () => {
  it('lays out one line per 16 bytes', () => {
    const text = hexDumpText(new Uint8Array(20));
    expect(text.split('\n')).toHaveLength(2);
    expect(text.startsWith('00000000  00 00')).toBe(true);
  });
});

describe('formatBytes', () => {
  it('uses binary units', () => {
    expect(formatBytes(12)).toBe('12 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MiB');
  });
});

import { describe, expect, it } from 'vitest';
import {
  closeCodeText,
  compressionText,
  finText,
  lengthText,
  maskText,
  opcodeText,
  rsvText,
  violationConsequence,
} from './detail-text.js';

describe('detail field text', () => {
  it('explains header bits', () => {
    expect(finText(true)).toBe('1 · final fragment');
    expect(rsvText(true, 1, true)).toContain('permessage-deflate');
    expect(rsvText(true, 1, false)).toContain('negotiated extension');
    expect(rsvText(false, 3, false)).toBe('0');
    expect(opcodeText(1, 'text')).toBe('0x1 · text');
    expect(opcodeText(0xb, 'reserved-11')).toBe('0xb · reserved-11 (reserved, RFC 6455 §5.2)');
    expect(maskText(false)).toBe('0 · not masked');
  });

  it('names the length field and whether it was minimal', () => {
    expect(lengthText(5, 7, true)).toBe('5 B · 7-bit field · minimal');
    expect(lengthText(70_000, 64, false)).toBe(
      '70,000 B · 64-bit field (127) · not minimal: a shorter field fits (RFC 6455 §5.2)',
    );
  });

  it('compares wire and payload sizes', () => {
    expect(compressionText({ compressed: false, wireLength: 10, size: 10 })).toBe('not compressed · 10 B');
    expect(compressionText({ compressed: true, wireLength: 512, size: 2048 })).toBe(
      'permessage-deflate · 512 B on the wire → 2.0 KiB inflated (25%)',
    );
  });

  it('explains close codes and flags ones not allowed on the wire', () => {
    expect(closeCodeText(1000).label).toBe('1000 Normal Closure');
    expect(closeCodeText(1006).meaning).toContain('not allowed in a Close frame');
    expect(closeCodeText(1001).meaning).not.toContain('not allowed');
  });

  it('says what a strict peer does', () => {
    expect(violationConsequence(1007)).toBe('a strict peer closes with 1007 Invalid Frame Payload Data');
    expect(violationConsequence(null)).toContain('accepts');
  });
});

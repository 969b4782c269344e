import { describe, expect, it } from 'vitest';
import {
  checkDraft,
  convertDraft,
  draftOfMessage,
  formatBytes,
  parseBase64Text,
  parseFragments,
  parseHexText,
  utf8Length,
} from './payload.js';

describe('parseHexText', () => {
  it('reads hex with spaces and newlines', () => {
    const r = parseHexText('48 65\n6c6C\t6f');
    expect(r.ok && Array.from(r.bytes)).toEqual([0x48, 0x65, 0x6c, 0x6c, 0x6f]);
    expect(parseHexText('').ok).toBe(true);
  });

  it('points at a bad digit and at the unfinished byte', () => {
    const bad = parseHexText('48 6x');
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error).toContain('"x"');
      expect(bad.position).toEqual({ offset: 4, line: 1, column: 5 });
    }
    const odd = parseHexText('48 65\n6');
    expect(!odd.ok && odd.error).toContain('odd number of hex digits (5)');
    expect(!odd.ok && odd.position).toEqual({ offset: 6, line: 2, column: 1 });
  });
});

describe('parseBase64Text', () => {
  it('normalises whitespace and missing padding and counts bytes', () => {
    expect(parseBase64Text('SGVs bG8=')).toEqual({ ok: true, base64: 'SGVsbG8=', bytes: 5 });
    expect(parseBase64Text('SGVsbG8')).toEqual({ ok: true, base64: 'SGVsbG8=', bytes: 5 });
    expect(parseBase64Text('')).toEqual({ ok: true, base64: '', bytes: 0 });
  });

  it('rejects bad characters (with a URL-safe hint), bad lengths and misplaced padding', () => {
    const dash = parseBase64Text('ab-d');
    expect(!dash.ok && dash.error).toContain('URL-safe');
    expect(!dash.ok && dash.position?.offset).toBe(2);
    expect(parseBase64Text('abcde').ok).toBe(false);
    expect(parseBase64Text('ab=c').ok).toBe(false);
    expect(parseBase64Text('abcd=').ok).toBe(false);
    expect(parseBase64Text('a===').ok).toBe(false);
  });
});

describe('checkDraft', () => {
  it('turns each mode into the message the bridge takes', () => {
    expect(checkDraft('text', 'héllo')).toEqual({
      ok: true,
      message: { kind: 'text', text: 'héllo' },
      bytes: 6,
    });
    expect(checkDraft('json', '{"a":1}')).toEqual({
      ok: true,
      message: { kind: 'json', text: '{"a":1}' },
      bytes: 7,
    });
    expect(checkDraft('hex', '01 ff')).toEqual({
      ok: true,
      message: { kind: 'binary', base64: 'Af8=' },
      bytes: 2,
    });
    expect(checkDraft('base64', 'Af8')).toEqual({
      ok: true,
      message: { kind: 'binary', base64: 'Af8=' },
      bytes: 2,
    });
  });

  it('reports invalid JSON with its position', () => {
    const r = checkDraft('json', '{"a":}');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.position?.column).toBe(6);
  });
});

describe('convertDraft', () => {
  it('re-spells the same bytes across modes', () => {
    expect(convertDraft('text', 'hex', 'Hi')).toBe('48 69');
    expect(convertDraft('hex', 'base64', '48 69')).toBe('SGk=');
    expect(convertDraft('base64', 'text', 'SGk=')).toBe('Hi');
    expect(convertDraft('text', 'json', '{"a":1}')).toBe('{"a":1}');
  });

  it('keeps the text when it cannot convert', () => {
    expect(convertDraft('hex', 'base64', 'zz')).toBe('zz');
    expect(convertDraft('hex', 'text', 'ff fe')).toBe('ff fe');
    expect(convertDraft('text', 'file', 'x')).toBe('x');
  });

  it('breaks hex into lines of 16 bytes', () => {
    const hex = convertDraft('text', 'hex', 'a'.repeat(20));
    expect(hex.split('\n')).toHaveLength(2);
  });
});

describe('helpers', () => {
  it('counts UTF-8 bytes like TextEncoder', () => {
    for (const s of ['', 'abc', 'é', '€', '😀', 'a\ud800b'])
      expect(utf8Length(s)).toBe(new TextEncoder().encode(s).length);
  });

  it('loads short binary as hex and long binary as base64', () => {
    expect(draftOfMessage({ kind: 'binary', base64: 'Af8=' })).toEqual({ mode: 'hex', text: '01 ff' });
    const long = btoa('x'.repeat(5000));
    expect(draftOfMessage({ kind: 'binary', base64: long }).mode).toBe('base64');
    expect(draftOfMessage({ kind: 'json', text: '{}' })).toEqual({ mode: 'json', text: '{}' });
  });

  it('formats sizes and parses fragments', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(100 * 1024 * 1024)).toBe('100 MiB');
    expect(parseFragments('3')).toEqual({ ok: true, count: 3 });
    expect(parseFragments('0').ok).toBe(false);
    expect(parseFragments('1.5').ok).toBe(false);
    expect(parseFragments('10001').ok).toBe(false);
  });
});

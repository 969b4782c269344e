import { describe, expect, it } from 'vitest';
import { toBase64 } from '../protocol/base64.js';
import {
  decodeWireBase64,
  encodeHeader,
  encodeLine,
  parseHeader,
  parseLine,
  rawWireLine,
  type LineResult,
} from './line-codec.js';
import { exampleSession, testHeader } from './session-sim.test-util.js';
import type { WireRecord } from './types.js';

const wire: WireRecord = {
  type: 'wire',
  conn: 1,
  dir: 'in',
  seq: 4,
  id: 17,
  t: 12.345,
  wall: 1_763_700_000_012.345,
  offset: 130,
  frames: 2,
  base64: toBase64(new Uint8Array([0x81, 0x02, 0x68, 0x69])),
};

const problem = <T>(result: LineResult<T>) => (result.ok ? null : result.error);

describe('encoding', () => {
  it('round-trips the header and every line of a session, one line each', () => {
    const header = testHeader();
    expect(parseHeader(encodeHeader(header), 1)).toEqual({ ok: true, value: header });
    const lines = exampleSession((bytes) => [bytes]).lines();
    for (const [i, line] of lines.entries()) {
      const text = encodeLine(line);
      expect(text).not.toContain('\n');
      expect(parseLine(text, i + 2)).toEqual({ ok: true, value: line });
    }
  });

  it('writes a raw wire line field by field exactly as JSON.stringify would', () => {
    const { type: _type, base64: _base64, ...fields } = wire;
    expect(rawWireLine(fields, 70_000)).toBe(JSON.stringify({ ...wire, base64: undefined, length: 70_000 }));
    expect(rawWireLine({ ...fields, frames: 0, id: -1, t: 0, wall: 1e21 }, 0)).toBe(
      JSON.stringify({ ...wire, frames: 0, id: -1, t: 0, wall: 1e21, base64: undefined, length: 0 }),
    );
  });
});

describe('parseHeader', () => {
  it('rejects a newer format version, saying which one it reads', () => {
    expect(problem(parseHeader(JSON.stringify({ ...testHeader(), version: 3 }), 1))).toEqual({
      code: 'RECORDING_UNSUPPORTED_VERSION',
      line: 1,
      message: 'the recording is format version 3; this reader supports version 2 (a newer wstap wrote it)',
    });
  });

  it.each([
    ['', /^not JSON/],
    ['[1,2]', /expected a JSON object, got an array/],
    ['{"format":"pcap"}', /not a wstap recording: the header's "format" is "pcap"/],
    [JSON.stringify({ ...testHeader(), version: '1' }), /"version" must be a positive integer, got "1"/],
    [JSON.stringify({ ...testHeader(), anchor: 'now' }), /"anchor" must be a number/],
    [
      JSON.stringify({ ...testHeader(), connections: [{ conn: 1, role: 'peer', url: 'x' }] }),
      /connections\[0\]/,
    ],
  ])('rejects %j as a header', (text, message) => {
    const error = problem(parseHeader(text, 1));
    expect(error?.code).toBe('RECORDING_BAD_HEADER');
    expect(error?.message).toMatch(message);
  });
});

describe('parseLine', () => {
  const line = (value: unknown) =>
    problem(parseLine(typeof value === 'string' ? value : JSON.stringify(value), 7));

  it('names the line and what is wrong', () => {
    expect(line('{"type":"wire",')).toMatchObject({ code: 'RECORDING_NOT_JSON', line: 7 });
    expect(line('42')).toMatchObject({
      code: 'RECORDING_BAD_LINE',
      message: 'expected a JSON object, got a number: 42',
    });
    expect(line({ conn: 1 })).toMatchObject({
      code: 'RECORDING_BAD_LINE',
      message: 'the record has no string "type": {"conn":1}',
    });
    expect(line({ ...wire, frames: -1 })).toEqual({
      code: 'RECORDING_BAD_LINE',
      line: 7,
      message: 'wire record: "frames" must be a non-negative integer, got -1',
    });
    expect(line({ ...wire, dir: 'up' })?.message).toBe('wire record: "dir" must be "in" or "out", got "up"');
    expect(line({ ...wire, base64: undefined })?.message).toBe(
      'wire record: "base64" must be a string, got nothing',
    );
    expect(line({ ...wire, base64: 'gQJoaQ' })?.message).toBe(
      'wire record: "base64" is not valid base64 (length 6)',
    );
    expect(line({ ...wire, t: null })?.message).toBe('wire record: "t" must be a number, got null');
    expect(line({ ...wire, id: -1 })?.message).toBe('wire record: "id" must be an integer ≥ 0, got -1');
    expect(line({ ...wire, id: -1, frames: 0 })).toBeNull();
  });

  it('checks wire-setup records, event stamps and message payloads', () => {
    const setup = exampleSession((b) => [b])
      .lines()
      .find((l) => l.type === 'wire-setup');
    expect(line({ ...setup, sender: 'proxy' })?.message).toBe(
      'wire-setup record: "sender" must be "client" or "server", got "proxy"',
    );
    expect(line({ ...setup, maxPayload: 1.5 })?.message).toMatch(
      /"maxPayload" must be a non-negative integer/,
    );
    const resume = { bytes: 10, frames: 2, messages: 1, closeFrame: -1 };
    expect(line({ ...setup, resume })).toBeNull();
    expect(line({ ...setup, resume: { ...resume, closeFrame: -2 } })?.message).toBe(
      'wire-setup record: "resume": "closeFrame" must be an integer ≥ -1, got -2',
    );
    expect(line({ ...setup, resume: 5 })?.message).toBe(
      'wire-setup record: "resume" must be an object, got 5',
    );
    expect(line({ type: 'open', conn: 1, seq: 'x', t: 1, wall: 2 })?.message).toBe(
      'open record: "seq" must be a non-negative integer, got "x"',
    );
    expect(line({ type: 'message', conn: 1, seq: 1, t: 1, wall: 2, dir: 'in', text: 5 })?.message).toBe(
      'message record: "text" must be a string, got 5',
    );
  });

  it('refuses stored frame events and tells unknown types apart, so readers can skip them', () => {
    expect(line({ type: 'frame', conn: 1, seq: 0, t: 0, wall: 0 })?.message).toMatch(
      /frame events are never stored/,
    );
    expect(line({ type: 'annotation', conn: 1 })).toEqual({
      code: 'RECORDING_UNKNOWN_TYPE',
      line: 7,
      message: 'unknown record type "annotation"',
    });
  });
});

describe('decodeWireBase64', () => {
  const nodeLenient = (text: string) => Buffer.from(text, 'base64');

  it.each([
    ['gQJoaQ==', [0x81, 0x02, 0x68, 0x69]],
    ['', []],
    ['AAA=', [0, 0]],
  ])('decodes %j', (text, bytes) => {
    expect(Array.from(decodeWireBase64(text) ?? [])).toEqual(bytes);
    expect(Array.from(decodeWireBase64(text, nodeLenient) ?? [])).toEqual(bytes);
  });

  it.each(['gQJoaQ', 'gQ Joa==', 'gQ*oaQ==', 'AA==AAAA', 'A==='])(
    'rejects %j, with a lenient decoder too',
    (text) => {
      expect(decodeWireBase64(text)).toBeNull();
      expect(decodeWireBase64(text, nodeLenient)).toBeNull();
    },
  );
});

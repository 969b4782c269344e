// The decoders on real bytes: MessagePack written byte by byte from its spec, a .proto with nested
// messages, an enum, a repeated field and an import (wire bytes written by hand), user modules
// that decode, throw and loop (stopped by the time limit), and the per-connection choice.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decoderHandlers, type StoredPayload } from './decoder-handlers.js';
import { decodeWithModule } from './decoder-module.js';
import { jsonSafe } from './decoder-values.js';

const dir = mkdtempSync(join(tmpdir(), 'wstap-decoders-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bytes = (...parts: (number | string)[]): Uint8Array =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'utf8')] : [p])));
/** Bytes from hex groups (spaces ignored). */
const hex = (...groups: string[]): Uint8Array =>
  new Uint8Array(Buffer.from(groups.join('').replace(/\s+/g, ''), 'hex'));
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

/** Payloads by kind:id, all of connection 3 (frame 9 of connection 4). */
const stored = new Map<string, StoredPayload>();
const handlers = decoderHandlers(async (kind, id) => stored.get(`${kind}:${id}`));
const put = (kind: 'frame' | 'message', id: number, payload: Uint8Array, conn = 3) =>
  stored.set(`${kind}:${id}`, { conn, payloadBase64: b64(payload), payloadError: null });

// {"op": "tick", "seq": 7, "big": 2^60+1, "neg": -1, "ok": true, "raw": bin(0x01 0xff), "list": [1.5, nil]}
const MSGPACK = hex(
  '87',
  'a2 6f70  a4 7469636b', // "op": "tick"
  'a3 736571  07', // "seq": 7
  'a3 626967  cf 10 00 00 00 00 00 00 01', // "big": uint64 2^60 + 1
  'a3 6e6567  ff', // "neg": -1 (negative fixint)
  'a2 6f6b  c3', // "ok": true
  'a3 726177  c4 02 01 ff', // "raw": bin 8
  'a4 6c697374  92 cb 3f f8 00 00 00 00 00 00 c0', // "list": [1.5 (float 64), nil]
);

describe('MessagePack and JSON', () => {
  it('decodes a map with every common type, 64-bit integers exact', async () => {
    put('frame', 1, MSGPACK);
    const result = await handlers['decoder.decode']({ kind: 'frame', id: 1, decoder: { kind: 'msgpack' } });
    expect(result).toEqual({
      ok: true,
      value: {
        decoder: { kind: 'msgpack' },
        bytes: MSGPACK.length,
        value: {
          op: 'tick',
          seq: 7,
          big: '1152921504606846977',
          neg: -1,
          ok: true,
          raw: { $bytes: 'Af8=' },
          list: [1.5, null],
        },
      },
    });
  });

  it('says why bytes are not MessagePack or JSON', async () => {
    put('frame', 2, bytes(0xc1));
    const bad = await handlers['decoder.decode']({ kind: 'frame', id: 2, decoder: { kind: 'msgpack' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'DECODER_FAILED', message: /^MessagePack: / } });
    put('message', 3, bytes('{"a": [1, 2]}'));
    expect(
      await handlers['decoder.decode']({ kind: 'message', id: 3, decoder: { kind: 'json' } }),
    ).toMatchObject({
      ok: true,
      value: { value: { a: [1, 2] } },
    });
    put('message', 4, bytes('{"a": '));
    expect(
      await handlers['decoder.decode']({ kind: 'message', id: 4, decoder: { kind: 'json' } }),
    ).toMatchObject({
      ok: false,
      error: { code: 'DECODER_FAILED', message: /^JSON: / },
    });
  });

  it('makes any value JSON: cycles, Maps, Dates, non-finite numbers', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(jsonSafe(cyclic)).toEqual({ a: 1, self: '[circular]' });
    expect(jsonSafe(new Map([[1, 'x']]))).toEqual({ '1': 'x' });
    expect(jsonSafe(new Date(0))).toBe('1970-01-01T00:00:00.000Z');
    expect(jsonSafe([NaN, Infinity, undefined])).toEqual(['NaN', 'Infinity', null]);
  });
});

describe('Protobuf', () => {
  writeFileSync(
    join(dir, 'common.proto'),
    'syntax = "proto3";\npackage common;\nmessage User { string name = 1; uint32 id = 2; }\n',
  );
  const proto = join(dir, 'chat.proto');
  writeFileSync(
    proto,
    [
      'syntax = "proto3";',
      'package chat;',
      'import "common.proto";',
      'message Envelope {',
      '  enum Kind { UNKNOWN = 0; SAY = 1; JOIN = 2; }',
      '  message Meta { int64 at = 1; repeated string tags = 2; }',
      '  Kind kind = 1;',
      '  common.User from = 2;',
      '  Meta meta = 3;',
      '  bytes blob = 4;',
      '}',
    ].join('\n'),
  );
  // kind=SAY; from={name:"bo", id:7}; meta={at:1700000000000, tags:["a","b"]}; blob=0x00ff
  const ENVELOPE = hex(
    '08 01',
    '12 06  0a 02 62 6f  10 07',
    '1a 0d  08 80 d0 95 ff bc 31  12 01 61  12 01 62',
    '22 02 00 ff',
  );

  it('lists the message types of a schema, nested ones and imported ones too', async () => {
    expect(await handlers['decoder.protoTypes']({ path: proto })).toEqual({
      ok: true,
      value: ['chat.Envelope', 'chat.Envelope.Meta', 'common.User'],
    });
  });

  it('decodes nested messages, an enum by name, int64 as text, bytes as base64', async () => {
    put('frame', 5, ENVELOPE);
    const decoder = { kind: 'protobuf', protoPath: proto, messageType: 'chat.Envelope' } as const;
    expect(await handlers['decoder.decode']({ kind: 'frame', id: 5, decoder })).toMatchObject({
      ok: true,
      value: {
        value: {
          kind: 'SAY',
          from: { name: 'bo', id: 7 },
          meta: { at: '1700000000000', tags: ['a', 'b'] },
          blob: 'AP8=',
        },
      },
    });
  });

  it('refuses a schema that does not parse, a type that is not there, a relative path', async () => {
    const broken = join(dir, 'broken.proto');
    writeFileSync(broken, 'syntax = "proto3";\nmessage A {\n  string name = ;\n}\n');
    expect(await handlers['decoder.protoTypes']({ path: broken })).toMatchObject({
      ok: false,
      error: { code: 'DECODER_INVALID', message: /broken\.proto.*line 3/ },
    });
    const set = await handlers['decoder.set']({
      conn: 3,
      decoder: { kind: 'protobuf', protoPath: proto, messageType: 'chat.Nope' },
    });
    expect(set).toMatchObject({
      ok: false,
      error: {
        code: 'DECODER_INVALID',
        message: /no message type "chat.Nope"; it has chat.Envelope, chat.Envelope.Meta, common.User/,
      },
    });
    expect(await handlers['decoder.protoTypes']({ path: 'chat.proto' })).toMatchObject({
      ok: false,
      error: { code: 'DECODER_INVALID', message: /absolute path/ },
    });
  });
});

describe('user modules', () => {
  it('runs decode(bytes) in a worker: its value as JSON, bytes and bigint included', async () => {
    const file = join(dir, 'sum.mjs');
    writeFileSync(
      file,
      'export function decode(b) { return { sum: b.reduce((a, x) => a + x, 0), head: b.subarray(0, 1), big: 2n ** 64n }; }\n',
    );
    expect(await decodeWithModule(file, bytes(1, 2, 3))).toEqual({
      sum: 6,
      head: { $bytes: 'AQ==' },
      big: '18446744073709551616',
    });
  });

  it('reports a throw with its message and line, and stops a loop at the time limit', async () => {
    const throws = join(dir, 'throws.mjs');
    writeFileSync(throws, 'export function decode() {\n  throw new RangeError("bad frame");\n}\n');
    await expect(decodeWithModule(throws, bytes(1))).rejects.toMatchObject({
      code: 'DECODER_FAILED',
      message: expect.stringMatching(/decode threw: bad frame \(at decode \(file:\/\/.*throws\.mjs:2:9\)\)/),
    });
    const loops = join(dir, 'loops.mjs');
    writeFileSync(loops, 'export function decode() { for (;;) {} }\n');
    await expect(decodeWithModule(loops, bytes(1), 300)).rejects.toMatchObject({
      code: 'DECODER_FAILED',
      message: expect.stringMatching(/did not return within 300 ms/),
    });
    const none = join(dir, 'none.mjs');
    writeFileSync(none, 'export const x = 1;\n');
    await expect(decodeWithModule(none, bytes(1))).rejects.toMatchObject({
      message: /exports no decode\(bytes\) function/,
    });
  });
});

describe('the decoder of a connection', () => {
  it('is used when none is given; cleared with null; a connection without one says so', async () => {
    put('frame', 8, MSGPACK);
    put('frame', 9, MSGPACK, 4);
    expect(await handlers['decoder.get']({ conn: 3 })).toEqual({ ok: true, value: null });
    expect(await handlers['decoder.set']({ conn: 3, decoder: { kind: 'msgpack' } })).toEqual({
      ok: true,
      value: { kind: 'msgpack' },
    });
    expect(await handlers['decoder.get']({ conn: 3 })).toEqual({ ok: true, value: { kind: 'msgpack' } });
    expect(await handlers['decoder.decode']({ kind: 'frame', id: 8 })).toMatchObject({
      ok: true,
      value: { value: { op: 'tick' } },
    });
    expect(await handlers['decoder.decode']({ kind: 'frame', id: 9 })).toMatchObject({
      ok: false,
      error: { code: 'DECODER_FAILED', message: 'connection #4 has no decoder: choose one first' },
    });
    await handlers['decoder.set']({ conn: 3, decoder: null });
    expect(await handlers['decoder.get']({ conn: 3 })).toEqual({ ok: true, value: null });
    expect(await handlers['decoder.decode']({ kind: 'frame', id: 404 })).toMatchObject({
      ok: false,
      error: { message: 'no frame with id 404' },
    });
  });
});

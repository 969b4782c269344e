import { describe, expect, it } from 'vitest';
import { EMPTY_FORM, formOf, specLabel, specOf } from './decoder-form.js';

describe('decoder form', () => {
  it('round-trips every kind of spec', () => {
    for (const spec of [
      { kind: 'json' },
      { kind: 'msgpack' },
      { kind: 'protobuf', protoPath: '/p/chat.proto', messageType: 'chat.Envelope' },
      { kind: 'module', modulePath: '/p/decode.mjs' },
    ] as const)
      expect(specOf(formOf(spec))).toEqual({ ok: true, spec });
    expect(specOf(formOf(null))).toEqual({ ok: true, spec: null });
  });

  it('says what is missing: absolute paths, a message type', () => {
    expect(
      specOf({ ...EMPTY_FORM, choice: 'protobuf', protoPath: 'chat.proto', messageType: 'A' }),
    ).toMatchObject({ ok: false });
    expect(
      specOf({ ...EMPTY_FORM, choice: 'protobuf', protoPath: '/chat.proto', messageType: ' ' }),
    ).toMatchObject({ ok: false });
    expect(specOf({ ...EMPTY_FORM, choice: 'module', modulePath: 'C:\\d\\x.mjs' })).toMatchObject({
      ok: true,
    });
    expect(specOf({ ...EMPTY_FORM, choice: 'module', modulePath: 'x.mjs' })).toMatchObject({ ok: false });
  });

  it('labels', () => {
    expect(specLabel(null)).toBe('none');
    expect(specLabel({ kind: 'msgpack' })).toBe('MessagePack');
    expect(specLabel({ kind: 'protobuf', protoPath: '/a', messageType: 'chat.Envelope' })).toBe(
      'Protobuf chat.Envelope',
    );
    expect(specLabel({ kind: 'module', modulePath: '/a/b/decode.mjs' })).toBe('module decode.mjs');
  });
});

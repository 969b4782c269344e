import { describe, expect, it } from 'vitest';
import { ConsoleError } from './console-error.js';
import { base64Bytes, bytesOf, clientOptionsOf, frameSpecOf, outgoingOf } from './engine-inputs.js';

describe('engine inputs', () => {
  it('decodes base64 with or without padding and refuses what is not base64', () => {
    expect([...base64Bytes('AAEC/w==', 'p')]).toEqual([0, 1, 2, 255]);
    expect([...base64Bytes('AAEC/w', 'p')]).toEqual([0, 1, 2, 255]);
    expect([...base64Bytes('', 'p')]).toEqual([]);
    for (const bad of ['A', 'AB=', 'a b=', 'AA==AA==', '***']) {
      expect(() => base64Bytes(bad, 'input.x')).toThrow(
        new ConsoleError('BAD_INPUT', 'input.x: not valid base64'),
      );
    }
    expect(Buffer.from(bytesOf({ text: 'é' }, 'p')).toString('hex')).toBe('c3a9');
  });

  it('sends JSON as the text typed, after checking it parses', () => {
    expect(outgoingOf({ kind: 'json', text: ' { "a" : 1 } ' }, 'm')).toEqual({
      kind: 'text',
      text: ' { "a" : 1 } ',
    });
    expect(() => outgoingOf({ kind: 'json', text: '{' }, 'input.message')).toThrow(
      /^input\.message\.text: not valid JSON: /,
    );
    expect(outgoingOf({ kind: 'binary', base64: 'AQ==' }, 'm')).toEqual({
      kind: 'binary',
      bytes: Buffer.from([1]),
    });
  });

  it('turns a raw frame into a FrameSpec, a hex mask into its 4 bytes', () => {
    const spec = frameSpecOf({ opcode: 1, payload: { text: 'hi' }, mask: '0a0b0c0d', rsv2: true }, 'f');
    expect(spec).toMatchObject({ opcode: 1, rsv2: true, mask: new Uint8Array([10, 11, 12, 13]) });
    expect(Buffer.from(spec.payload as Uint8Array).toString()).toBe('hi');
    expect(frameSpecOf({ opcode: 9, mask: true }, 'f')).toMatchObject({
      mask: true,
      payload: new Uint8Array(0),
    });
    expect(() => frameSpecOf({ opcode: 2, declaredLength: 70_000, lengthBits: 16 }, 'f')).toThrow(
      'f.lengthBits: a length of 70000 does not fit the 16-bit field',
    );
  });

  it('maps permessage-deflate: true is the default offer, false off, an object its parameters', () => {
    expect(clientOptionsOf({ url: 'ws://a', perMessageDeflate: true })).toEqual({ url: 'ws://a' });
    expect(clientOptionsOf({ url: 'ws://a', perMessageDeflate: false })).toEqual({
      url: 'ws://a',
      perMessageDeflate: false,
    });
    expect(clientOptionsOf({ url: 'ws://a', perMessageDeflate: { threshold: 0 }, autoPong: false })).toEqual({
      url: 'ws://a',
      autoPong: false,
      perMessageDeflate: { threshold: 0 },
    });
  });
});

/**
 * Bridge inputs (shared/ipc/contract.ts, already shape-checked by dispatch) turned into what the
 * engine takes. What the shape check cannot see — base64 that does not decode, JSON that does not
 * parse, a forced length field too narrow for the length — is refused here as BAD_INPUT.
 */
import type { BytesInput, ConnectInput, OutgoingInput, RawFrameInput } from '../../../shared/ipc/contract.js';
import type { FrameSpec } from '../../../shared/protocol/encoder.js';
import type { ClientOptions, Outgoing } from '../client/client-options.js';
import { ConsoleError } from './console-error.js';

// One character class scanned once: no backtracking on a 100 MiB payload.
const NOT_BASE64 = /[^A-Za-z0-9+/]/;

/** Standard base64 (padding optional) as bytes; BAD_INPUT naming `path` when it is not base64. */
export function base64Bytes(text: string, path: string): Uint8Array {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const body = padding === 0 ? text : text.slice(0, -padding);
  if (NOT_BASE64.test(body) || body.length % 4 === 1 || (padding > 0 && text.length % 4 !== 0)) {
    throw new ConsoleError('BAD_INPUT', `${path}: not valid base64`);
  }
  return Buffer.from(text, 'base64');
}

/** The bytes of a BytesInput: text as UTF-8, or base64 decoded. */
export function bytesOf(input: BytesInput, path: string): Uint8Array {
  return 'text' in input ? Buffer.from(input.text, 'utf8') : base64Bytes(input.base64, `${path}.base64`);
}

/** A composer message as the engine sends it: JSON must parse, and then goes out as the very text typed. */
export function outgoingOf(message: OutgoingInput, path: string): Outgoing {
  switch (message.kind) {
    case 'text':
      return { kind: 'text', text: message.text };
    case 'json':
      try {
        JSON.parse(message.text);
      } catch (error) {
        throw new ConsoleError('BAD_INPUT', `${path}.text: not valid JSON: ${(error as Error).message}`);
      }
      return { kind: 'text', text: message.text };
    case 'binary':
      return { kind: 'binary', bytes: base64Bytes(message.base64, `${path}.base64`) };
  }
}

/** A raw frame as the encoder takes it; a mask given as 8 hex digits becomes those 4 bytes. */
export function frameSpecOf(frame: RawFrameInput, path: string): FrameSpec {
  const payload = frame.payload === undefined ? new Uint8Array(0) : bytesOf(frame.payload, `${path}.payload`);
  // The encoder's own rule (RFC 6455 §5.2), checked here so a too-narrow field is the user's
  // mistake (BAD_INPUT) rather than a RangeError from deep inside a send.
  const length = frame.declaredLength ?? payload.length;
  if ((frame.lengthBits === 7 && length > 125) || (frame.lengthBits === 16 && length > 0xffff)) {
    throw new ConsoleError(
      'BAD_INPUT',
      `${path}.lengthBits: a length of ${length} does not fit the ${frame.lengthBits}-bit field`,
    );
  }
  return {
    opcode: frame.opcode,
    payload,
    fin: frame.fin,
    rsv1: frame.rsv1,
    rsv2: frame.rsv2,
    rsv3: frame.rsv3,
    mask: typeof frame.mask === 'string' ? Uint8Array.from(Buffer.from(frame.mask, 'hex')) : frame.mask,
    lengthBits: frame.lengthBits,
    declaredLength: frame.declaredLength,
  };
}

/**
 * Client options from the connect form. permessage-deflate: true is the engine's default offer
 * (left out), false turns it off, an object offers those parameters.
 */
export function clientOptionsOf(input: ConnectInput): ClientOptions {
  const { perMessageDeflate, ...rest } = input;
  if (perMessageDeflate === undefined || perMessageDeflate === true) return rest;
  return { ...rest, perMessageDeflate: perMessageDeflate === false ? false : { ...perMessageDeflate } };
}

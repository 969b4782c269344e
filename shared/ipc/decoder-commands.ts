/** Payload decoders: JSON, MessagePack, Protobuf, user modules. */
import { either, int, obj, oneOf, str, type Check } from './validate.js';

/** How a connection's payloads are decoded. */
export type DecoderSpec =
  | { readonly kind: 'json' }
  | { readonly kind: 'msgpack' }
  /** A message type of a `.proto` file (read and checked by main; its imports resolved from its folder). */
  | { readonly kind: 'protobuf'; readonly protoPath: string; readonly messageType: string }
  /** A JS module exporting `decode(bytes: Uint8Array): unknown`, run by main in a worker with a time limit. */
  | { readonly kind: 'module'; readonly modulePath: string };

/** A payload decoded: the value as JSON (bytes as `{"$bytes": base64}`, 64-bit integers as strings). */
export interface DecodedPayload {
  readonly decoder: DecoderSpec;
  readonly value: unknown;
  /** Payload bytes decoded (the detail fetch bound applies: at most 1 MiB). */
  readonly bytes: number;
}

/** Channels of this workflow: `domain.verb` → input and output. */
export interface DecoderCommands {
  /** Sets (or with null, clears) a connection's decoder; a Protobuf schema or module is checked first. */
  'decoder.set': {
    input: { readonly conn: number; readonly decoder: DecoderSpec | null };
    output: DecoderSpec | null;
  };
  'decoder.get': { input: { readonly conn: number }; output: DecoderSpec | null };
  /** Decodes a frame's or message's payload with the given decoder, else its connection's. */
  'decoder.decode': {
    input: { readonly kind: 'frame' | 'message'; readonly id: number; readonly decoder?: DecoderSpec };
    output: DecodedPayload;
  };
  /** The message types of a `.proto` file (full names), or why it does not parse. */
  'decoder.protoTypes': { input: { readonly path: string }; output: readonly string[] };
}

const path = str(4096);
const spec = either(
  obj({ kind: oneOf('json') }),
  obj({ kind: oneOf('msgpack') }),
  obj({ kind: oneOf('protobuf'), protoPath: path, messageType: str(1024) }),
  obj({ kind: oneOf('module'), modulePath: path }),
);
const conn = int(1, 2 ** 31);

/** The input check of each channel above. */
export const DECODER_INPUT_CHECKS: { readonly [C in keyof DecoderCommands]: Check } = {
  'decoder.set': obj({ conn, decoder: either((v, p) => (v === null ? null : `${p}: expected null`), spec) }),
  'decoder.get': obj({ conn }),
  'decoder.decode': obj({
    kind: oneOf('frame', 'message'),
    id: int(0, Number.MAX_SAFE_INTEGER),
    'decoder?': spec,
  }),
  'decoder.protoTypes': obj({ path }),
};

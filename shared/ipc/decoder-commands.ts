/** Payload decoders: JSON, MessagePack, Protobuf, user modules. */
import type { Check } from './validate.js';

/** Channels of this workflow: `domain.verb` → input and output. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DecoderCommands {}

/** The input check of each channel above. */
export const DECODER_INPUT_CHECKS: { readonly [C in keyof DecoderCommands]: Check } = {};

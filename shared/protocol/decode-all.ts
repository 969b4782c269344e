import { FrameDecoder } from './decoder.js';
import type { DecoderOptions, Frame, Message, StreamEnd } from './frame.js';

/** Everything a decoder reported for one stream. */
export interface Decoded {
  readonly frames: readonly Frame[];
  readonly messages: readonly Message[];
  readonly end: StreamEnd;
}

/** Decodes a stream given as one or more chunks and collects every frame and message. */
export function decodeAll(
  chunks: Uint8Array | readonly Uint8Array[],
  options: Omit<DecoderOptions, 'onFrame' | 'onMessage'>,
): Decoded {
  const frames: Frame[] = [];
  const messages: Message[] = [];
  const decoder = new FrameDecoder({ ...options, onFrame: (f) => frames.push(f), onMessage: (m) => messages.push(m) });
  for (const chunk of chunks instanceof Uint8Array ? [chunks] : chunks) decoder.push(chunk);
  return { frames, messages, end: decoder.end() };
}

import { FrameDecoder } from '../../shared/protocol/decoder.js';
import { maskKeyHex, type Frame, type Sender, type StreamEnd } from '../../shared/protocol/frame.js';
import type { TcpStream, TsharkFrame, WireFields } from '../peers/tshark.js';

/** One direction of one connection, as tshark and as our decoder saw it. */
export interface DirectionResult {
  readonly label: string;
  readonly tshark: readonly WireFields[];
  readonly ours: readonly WireFields[];
  readonly frames: readonly Frame[];
  readonly end: StreamEnd;
  /** How many bytes the HTTP head (request or 101 response) took. */
  readonly headLength: number;
}

const HEAD_END = Buffer.from('\r\n\r\n');

/** Projects a tshark row onto the compared fields. */
export function fromTshark(frame: TsharkFrame): WireFields {
  const {
    fin,
    rsv,
    opcode,
    masked,
    maskKeyHex: key,
    payloadLength,
    lengthBits,
    closeCode,
    closeReason,
  } = frame;
  return { fin, rsv, opcode, masked, maskKeyHex: key, payloadLength, lengthBits, closeCode, closeReason };
}

/** Projects our decoder's frame onto the compared fields (tshark's rsv is rsv1<<2|rsv2<<1|rsv3). */
export function fromDecoder(frame: Frame): WireFields {
  const hasCode = frame.close !== null && frame.close.code !== null;
  return {
    fin: frame.fin,
    rsv: (frame.rsv1 ? 4 : 0) | (frame.rsv2 ? 2 : 0) | (frame.rsv3 ? 1 : 0),
    opcode: frame.opcode,
    masked: frame.masked,
    maskKeyHex: maskKeyHex(frame.maskKey),
    payloadLength: frame.payloadLength,
    lengthBits: frame.lengthBits,
    closeCode: hasCode ? (frame.close?.code ?? null) : null,
    closeReason: hasCode ? (frame.close?.reason ?? null) : null,
  };
}

/** Decodes one direction's bytes after its HTTP head (frames begin after the first CRLFCRLF). */
export function decodeAfterHead(
  bytes: Uint8Array,
  sender: Sender,
  perMessageDeflate: boolean,
): { frames: Frame[]; end: StreamEnd; headLength: number } {
  const at = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(HEAD_END);
  if (at < 0) throw new Error(`no HTTP head in the ${sender}'s bytes`);
  const headLength = at + HEAD_END.length;
  const frames: Frame[] = [];
  const decoder = new FrameDecoder({ sender, perMessageDeflate, onFrame: (frame) => frames.push(frame) });
  // Feed in uneven chunks: the decoder must not care where TCP (or we) cut the stream.
  const body = bytes.subarray(headLength);
  for (let pos = 0, step = 1; pos < body.length; pos += step, step = ((step * 7 + 3) % 9000) + 1) {
    decoder.push(body.subarray(pos, pos + step));
  }
  return { frames, end: decoder.end(), headLength };
}

/** Lines up tshark's frames and our decoder's for both directions of one captured connection. */
export function compareConnection(
  stream: TcpStream,
  tsharkFrames: readonly TsharkFrame[],
  perMessageDeflate: boolean,
  name: string,
): DirectionResult[] {
  const directions = [
    { sender: 'client', bytes: stream.clientToServer, src: stream.clientPort, dst: stream.serverPort },
    { sender: 'server', bytes: stream.serverToClient, src: stream.serverPort, dst: stream.clientPort },
  ] as const;
  return directions.map(({ sender, bytes, src, dst }) => {
    const { frames, end, headLength } = decodeAfterHead(bytes, sender, perMessageDeflate);
    return {
      label: `${name}: ${sender} → ${sender === 'client' ? 'server' : 'client'} (port ${src} → ${dst})`,
      tshark: tsharkFrames.filter((f) => f.srcPort === src && f.dstPort === dst).map(fromTshark),
      ours: frames.map(fromDecoder),
      frames,
      end,
      headLength,
    };
  });
}

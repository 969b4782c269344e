import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The header fields tshark and our decoder both report, in one comparable shape. */
export interface WireFields {
  readonly fin: boolean;
  /** tshark's websocket.rsv: the 3 bits as a number, rsv1 << 2 | rsv2 << 1 | rsv3. */
  readonly rsv: number;
  readonly opcode: number;
  readonly masked: boolean;
  /** 8 lowercase hex digits, or null when unmasked. */
  readonly maskKeyHex: string | null;
  /** The payload length, taken from the extended field when one was used. */
  readonly payloadLength: number;
  /** Which length field was used: 7 (126 and 127 mean 16 and 64). */
  readonly lengthBits: 7 | 16 | 64;
  readonly closeCode: number | null;
  readonly closeReason: string | null;
}

/** One WebSocket frame as tshark's dissector saw it, with the packet and ports it came in. */
export interface TsharkFrame extends WireFields {
  /** The packet (frame.number) tshark reported the frame in: the segment that completed it. */
  readonly packet: number;
  readonly srcPort: number;
  readonly dstPort: number;
}

const FIELDS = [
  'frame.number',
  'tcp.srcport',
  'tcp.dstport',
  'websocket.fin',
  'websocket.rsv',
  'websocket.opcode',
  'websocket.mask',
  'websocket.masking_key',
  'websocket.payload_length',
  'websocket.payload_length_ext_16',
  'websocket.payload_length_ext_64',
  'websocket.payload.close.status_code',
  'websocket.payload.close.reason',
] as const;

/**
 * Reads every WebSocket frame tshark dissects in a capture, in packet order. `serverPorts` are
 * decoded as HTTP so the upgrade (and then WebSocket) is found on any port.
 */
export async function readWebSocketFrames(
  file: string,
  serverPorts: readonly number[],
): Promise<TsharkFrame[]> {
  const decodeAs = serverPorts.flatMap((port) => ['-d', `tcp.port==${port},http`]);
  const args = ['-r', file, '-n', ...decodeAs, '-Y', 'websocket', '-T', 'fields', '-E', 'separator=/t'];
  const { stdout } = await run('tshark', [...args, ...FIELDS.flatMap((field) => ['-e', field])], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .flatMap(parseRow);
}

/**
 * Splits one tshark row into frames. A segment carrying several frames gets one row whose fields
 * are comma-joined, and a field appears only for the frames that have it (masking key, extended
 * lengths, close code and reason), so those are matched to frames in order. A close reason may
 * itself contain commas: it is split only when the row holds more than one Close.
 */
export function parseRow(line: string): TsharkFrame[] {
  const cols = line.split('\t');
  const col = (field: (typeof FIELDS)[number]): string => cols[FIELDS.indexOf(field)] ?? '';
  const list = (field: (typeof FIELDS)[number]): string[] => (col(field) === '' ? [] : col(field).split(','));
  const fins = list('websocket.fin');
  const rsvs = list('websocket.rsv');
  const opcodes = list('websocket.opcode');
  const masks = list('websocket.mask');
  const lengths = list('websocket.payload_length');
  const keys = list('websocket.masking_key');
  const ext16 = list('websocket.payload_length_ext_16');
  const ext64 = list('websocket.payload_length_ext_64');
  const codes = list('websocket.payload.close.status_code');
  const closes = opcodes.filter((op) => Number(op) === 8).length;
  const reasons =
    closes > 1 ? list('websocket.payload.close.reason') : [col('websocket.payload.close.reason')];
  const count = fins.length;
  for (const other of [rsvs, opcodes, masks, lengths]) {
    if (other.length !== count) throw new Error(`tshark row with uneven fields: ${line}`);
  }

  const frames: TsharkFrame[] = [];
  for (let i = 0; i < count; i++) {
    const masked = masks[i] === '1';
    const length7 = Number(lengths[i]);
    const lengthBits = length7 === 126 ? 16 : length7 === 127 ? 64 : 7;
    const payloadLength =
      lengthBits === 16 ? Number(ext16.shift()) : lengthBits === 64 ? Number(ext64.shift()) : length7;
    const opcode = Number(opcodes[i]);
    let closeCode: number | null = null;
    let closeReason: string | null = null;
    if (opcode === 8 && payloadLength >= 2) {
      closeCode = Number(codes.shift());
      // tshark leaves the reason out when it is empty.
      closeReason = payloadLength > 2 ? (reasons.shift() ?? '') : '';
    }
    frames.push({
      packet: Number(col('frame.number')),
      srcPort: Number(col('tcp.srcport')),
      dstPort: Number(col('tcp.dstport')),
      fin: fins[i] === '1',
      rsv: Number.parseInt(rsvs[i] ?? '', 16),
      opcode,
      masked,
      maskKeyHex: masked ? (keys.shift() ?? null) : null,
      payloadLength,
      lengthBits,
      closeCode,
      closeReason,
    });
  }
  return frames;
}

/** The bytes of one TCP connection, each direction reassembled by sequence number. */
export interface TcpStream {
  /** tshark's tcp.stream index. */
  readonly stream: number;
  readonly clientPort: number;
  readonly serverPort: number;
  readonly clientToServer: Uint8Array;
  readonly serverToClient: Uint8Array;
}

/** A TCP segment's payload at its (relative) sequence number. */
export interface Segment {
  readonly seq: number;
  readonly bytes: Buffer;
}

/**
 * Reads the raw TCP payload of every connection to one of `serverPorts` in a capture. Segments are put in
 * sequence order; retransmitted or overlapping bytes are taken once; a gap (bytes the capture
 * missed) is an error. Reassembly is off so each segment reports its own payload.
 */
export async function readTcpStreams(file: string, serverPorts: readonly number[]): Promise<TcpStream[]> {
  const args = [
    '-r',
    file,
    '-n',
    '-o',
    'tcp.desegment_tcp_streams:FALSE',
    '-o',
    'tcp.relative_sequence_numbers:TRUE',
  ];
  const filter = `tcp.len>0 && (${serverPorts.map((port) => `tcp.port==${port}`).join(' || ')})`;
  const fields = ['tcp.stream', 'tcp.srcport', 'tcp.dstport', 'tcp.seq', 'tcp.payload'];
  const { stdout } = await run(
    'tshark',
    [...args, '-Y', filter, '-T', 'fields', ...fields.flatMap((f) => ['-e', f])],
    {
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  const streams = new Map<
    number,
    { clientPort: number; serverPort: number; up: Segment[]; down: Segment[] }
  >();
  for (const line of stdout.split('\n')) {
    if (line === '') continue;
    const [stream, src, dst, seq, hex] = line.split('\t').map((col) => col.trim());
    const toServer = serverPorts.includes(Number(dst));
    const key = Number(stream);
    let entry = streams.get(key);
    if (!entry) {
      entry = {
        clientPort: Number(toServer ? src : dst),
        serverPort: Number(toServer ? dst : src),
        up: [],
        down: [],
      };
      streams.set(key, entry);
    }
    (toServer ? entry.up : entry.down).push({ seq: Number(seq), bytes: Buffer.from(hex ?? '', 'hex') });
  }
  return [...streams].map(([stream, { clientPort, serverPort, up, down }]) => ({
    stream,
    clientPort,
    serverPort,
    clientToServer: reassemble(up, `stream ${stream} client→server`),
    serverToClient: reassemble(down, `stream ${stream} server→client`),
  }));
}

/** Orders segments by sequence number and takes every byte once; throws on a gap. */
export function reassemble(segments: readonly Segment[], what: string): Uint8Array {
  const sorted = [...segments].sort((a, b) => a.seq - b.seq);
  const parts: Buffer[] = [];
  let next = sorted[0]?.seq ?? 0;
  for (const { seq, bytes } of sorted) {
    if (seq > next) throw new Error(`${what}: the capture misses bytes ${next}..${seq - 1}`);
    const fresh = bytes.subarray(next - seq);
    if (fresh.length > 0) parts.push(fresh);
    next = Math.max(next, seq + bytes.length);
  }
  return new Uint8Array(Buffer.concat(parts));
}

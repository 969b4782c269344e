/**
 * A binary protocol round trip: each message is an 8-byte header built with DataView — magic
 * 0x5753 ("WS"), version, message type, sequence number (uint32, big-endian) — followed by a UTF-8
 * payload. Requests go out as binary messages; replies are parsed the same way and matched by
 * sequence number.
 *
 * Server: the Go guides' echo server (gorilla/websocket) sends every frame back, so each reply is
 * its request; against your own server, parse its replies with the same decode():
 *   cd test/peers/go/echo && GO111MODULE=off GOPATH=/usr/share/gocode go run . -addr 127.0.0.1:8080
 *
 * Run:  wstap run examples/scripts/binary-protocol.ws.ts -- ws://127.0.0.1:8080/echo
 * Test: WSTAP_ECHO_URL=ws://127.0.0.1:8080/echo wstap test examples/scripts
 * (the URL is args[0], else $WSTAP_ECHO_URL, else ws://127.0.0.1:8080/echo)
 */
import { args, assert, connect, env, log, type Message } from 'wstap';

const url = args[0] ?? env.WSTAP_ECHO_URL ?? 'ws://127.0.0.1:8080/echo';

const MAGIC = 0x5753;
const VERSION = 1;
const HEADER = 8;
const TYPES = { hello: 1, data: 2, bye: 3 } as const;
const TYPE_NAMES = ['?', 'hello', 'data', 'bye'];

interface Packet {
  readonly type: number;
  readonly seq: number;
  readonly payload: string;
}

function encode({ type, seq, payload }: Packet): Uint8Array {
  const body = new TextEncoder().encode(payload);
  const bytes = new Uint8Array(HEADER + body.length);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, MAGIC); // DataView is big-endian (network order) unless told otherwise
  view.setUint8(2, VERSION);
  view.setUint8(3, type);
  view.setUint32(4, seq);
  bytes.set(body, HEADER);
  return bytes;
}

function decode(message: Message): Packet {
  assert.equal(message.type, 'binary', 'a binary reply');
  const { data } = message;
  assert(data.length >= HEADER, `a reply of ${data.length} bytes has no room for the header`);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  assert.equal(view.getUint16(0), MAGIC, 'magic');
  assert.equal(view.getUint8(2), VERSION, 'version');
  return {
    type: view.getUint8(3),
    seq: view.getUint32(4),
    payload: new TextDecoder().decode(data.subarray(HEADER)),
  };
}

/** The sequence number in a binary message's header (null for anything else): expect() picks replies by it. */
const seqOf = (m: Message): number | null =>
  m.type === 'binary' && m.data.length >= HEADER
    ? new DataView(m.data.buffer, m.data.byteOffset, m.data.byteLength).getUint32(4)
    : null;

const ws = await connect(url);
const sent: Packet[] = [
  { type: TYPES.hello, seq: 1, payload: 'client v1' },
  { type: TYPES.data, seq: 2, payload: 'temperature=21.5' },
  { type: TYPES.data, seq: 0xfffffffe, payload: 'ünïcödé ✓' },
  { type: TYPES.bye, seq: 3, payload: '' },
];
for (const packet of sent) await ws.sendBinary(encode(packet));

for (const packet of sent) {
  const reply = decode(await ws.expect((m) => seqOf(m) === packet.seq));
  assert.deepEqual(reply, packet);
  log(`seq ${reply.seq} ${TYPE_NAMES[reply.type]}: ${JSON.stringify(reply.payload)}`);
}
await ws.close();

/**
 * Echo round trip: text, JSON and binary messages come back as they went, a ping's round trip
 * time, then a clean close (1000, initiated by us).
 *
 * Server: the Go guides' echo server (gorilla/websocket), e.g. wstap's test peer:
 *   cd test/peers/go/echo && GO111MODULE=off GOPATH=/usr/share/gocode go run . -addr 127.0.0.1:8080
 * or wstap's own: wstap serve --port 8080
 *
 * Run:  wstap run examples/scripts/echo.ws.ts -- ws://127.0.0.1:8080/echo
 * Test: WSTAP_ECHO_URL=ws://127.0.0.1:8080/echo wstap test examples/scripts
 * (the URL is args[0], else $WSTAP_ECHO_URL, else ws://127.0.0.1:8080/echo)
 */
import { args, assert, connect, env, log } from 'wstap';

const url = args[0] ?? env.WSTAP_ECHO_URL ?? 'ws://127.0.0.1:8080/echo';
const ws = await connect(url);

// Text: expect a string waits for a message whose whole text is exactly that.
await ws.send('hello, echo');
await ws.expect('hello, echo');

// JSON: an object is sent as JSON text; { json } matches the fields it names.
await ws.send({ type: 'greeting', id: 7, tags: ['a', 'b'] });
const reply = await ws.expect({ json: { type: 'greeting', id: 7 } });
assert.deepEqual(reply.json(), { type: 'greeting', id: 7, tags: ['a', 'b'] });

// Binary: bytes go as a binary message and come back byte for byte.
const bytes = new Uint8Array([0x00, 0x01, 0x7f, 0x80, 0xfe, 0xff]);
await ws.send(bytes);
const echoed = await ws.expect((m) => m.type === 'binary');
assert.deepEqual(echoed.data, bytes, 'binary payload');
log(`round trips ok: text, JSON, ${echoed.size} binary bytes (compressed: ${echoed.compressed})`);

// Ping: resolves with the round trip in ms when the pong comes.
const rtt = await ws.ping();
log(`ping rtt ${rtt.toFixed(2)} ms`);

// Close: resolves once the server answered our Close.
const closed = await ws.close(1000, 'done');
assert.equal(closed.code, 1000);
assert.equal(closed.initiator, 'us');
log(`closed: ${closed.explanation}`);

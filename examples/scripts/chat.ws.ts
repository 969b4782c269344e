/**
 * A conversation in a chat room between two clients, and a third in another room who hears none
 * of it. The Go guides' hub sends every message to everyone in the sender's room, the sender
 * included — which also tells a client it has joined: its own first message comes back.
 *
 * Server: the Go guides' chat hub, e.g. wstap's gorilla peer (test/peers/go/chat; rooms by path
 * /ws/<room>):
 *   cd test/peers/go/chat && GO111MODULE=off GOPATH=/usr/share/gocode go run . -addr 127.0.0.1:8080
 *
 * Run:  wstap run examples/scripts/chat.ws.ts -- ws://127.0.0.1:8080
 * Test: WSTAP_CHAT_URL=ws://127.0.0.1:8080 wstap test examples/scripts
 * (the server's base URL is args[0], else $WSTAP_CHAT_URL, else ws://127.0.0.1:8080)
 */
import { args, assert, connect, env, log, type Connection } from 'wstap';

const base = (args[0] ?? env.WSTAP_CHAT_URL ?? 'ws://127.0.0.1:8080').replace(/\/$/, '');
const room = `${base}/ws/red`;

/** Connects and waits until the hub has registered us: our own hello comes back. */
async function join(url: string, name: string): Promise<Connection> {
  const ws = await connect(url);
  await ws.send(`${name} joined`);
  await ws.expect(`${name} joined`);
  return ws;
}

const ana = await join(room, 'ana');
const bob = await join(room, 'bob');
const cy = await join(`${base}/ws/blue`, 'cy');

// Ana speaks, Bob hears it (and Ana gets her own copy, as in the Go guides' hub).
await ana.send('hi bob, how are you?');
await bob.expect('hi bob, how are you?');
await ana.expect('hi bob, how are you?');

// Bob answers; the room gets it in order.
await bob.send('fine, thanks!');
const answer = await ana.expect(/^fine/);
log(`ana heard bob: ${answer.text}`);

// Cy is in another room: the first thing Cy hears after its own hello is its own next message.
await cy.send('anyone in blue?');
assert.equal((await cy.next()).text, 'anyone in blue?', 'nothing from red reached blue');

await Promise.all([ana.close(), bob.close(), cy.close()]);

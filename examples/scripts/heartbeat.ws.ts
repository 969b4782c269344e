/**
 * The Go guides' heartbeat, seen from the client: the server pings every pingPeriod and drops a
 * client whose pong does not come within pongWait. wstap answers pings by itself, so a normal
 * connection stays open; one opened with `autoPong: false` must be dropped (TCP closed without a
 * Close frame: 1006). The answering one opens first, so when the silent one is dropped it has
 * outlived a pongWait too — and a round trip on it shows it is still there. No sleeps.
 *
 * Server: one with a ping/pong liveness check, e.g. wstap's gorilla echo peer (test/peers/go/echo):
 *   cd test/peers/go/echo && GO111MODULE=off GOPATH=/usr/share/gocode go run . -addr 127.0.0.1:8080 -ping-interval 1s
 * (pong wait 3 s), or wstap's mock: wstap serve --port 8080 --mock examples/mock/heartbeat.yaml
 *
 * Run:  wstap run examples/scripts/heartbeat.ws.ts -- ws://127.0.0.1:8080/echo [PONG_WAIT_MS]
 * Test: WSTAP_HEARTBEAT_URL=ws://127.0.0.1:8080/echo wstap test examples/scripts
 * (the URL is args[0], else $WSTAP_HEARTBEAT_URL, else ws://127.0.0.1:8080/echo; the server's
 * pong wait, bounding how long to wait for the drop, is args[1], else $WSTAP_PONG_WAIT, else 10 s)
 */
import { args, assert, connect, env, log } from 'wstap';

const url = args[0] ?? env.WSTAP_HEARTBEAT_URL ?? 'ws://127.0.0.1:8080/echo';
const pongWait = Number(args[1] ?? env.WSTAP_PONG_WAIT ?? 10_000);

const alive = await connect(url); // answers the server's pings (autoPong defaults to true)
const silent = await connect(url, { autoPong: false });
const opened = Date.now();

// The liveness check: the server gives up on the client that never answers.
const dropped = await silent.expectClose(1006, { timeout: 2 * pongWait });
assert.equal(dropped.initiator, 'none', 'dropped without a Close frame');
log(`silent client dropped after ${Date.now() - opened} ms: ${dropped.explanation}`);

// The answered pings kept the other one open past the same deadline.
assert.equal(alive.state, 'open');
await alive.send('still here');
await alive.expect('still here');
log(`answering client still open after ${Date.now() - opened} ms`);

// Client-side liveness works the other way round: our own ping, answered by the server.
log(`our ping: ${(await alive.ping()).toFixed(2)} ms`);
await alive.close();

/**
 * Reconnect with exponential backoff: the server drops the connection and refuses the next two
 * attempts (503); wstap waits initialDelay, then initialDelay × factor, … between attempts and the
 * connection comes back on the fourth. Messages sent after that go over the new connection.
 *
 * Server: the Go guides' echo server as wstap's test peer has it (test/peers/go/echo): the text
 * command `drop:2` drops the TCP connection and answers the next 2 upgrade requests with 503.
 *   cd test/peers/go/echo && GO111MODULE=off GOPATH=/usr/share/gocode go run . -addr 127.0.0.1:8080
 *
 * The refusals go to whoever connects next, so give this script a server of its own when other
 * scripts run at the same time (wstap test runs 4 at once).
 *
 * Run:  wstap run examples/scripts/reconnect.ws.ts -- ws://127.0.0.1:8080/echo
 * Test: WSTAP_RECONNECT_URL=ws://127.0.0.1:8081/echo wstap test examples/scripts
 * (the URL is args[0], else $WSTAP_RECONNECT_URL, else ws://127.0.0.1:8080/echo)
 */
import { args, assert, connect, env, log } from 'wstap';

const url = args[0] ?? env.WSTAP_RECONNECT_URL ?? 'ws://127.0.0.1:8080/echo';
const REFUSED = 2;

// jitter 0 makes the delays exact: 100, 200, 400 ms (jitter 0.5, the default, picks each in d/2..d).
const ws = await connect(url, {
  reconnect: { initialDelay: 100, factor: 2, maxDelay: 2000, jitter: 0, maxAttempts: 5 },
});

const delays: number[] = [];
ws.on('reconnect', ({ attempt, delayMs, reason }) => {
  delays.push(delayMs);
  log(`attempt ${attempt} in ${delayMs} ms (${reason})`);
});
// The next 'open' is the connection coming back.
const reopened = new Promise<number>((resolve) => ws.on('open', ({ attempt }) => resolve(attempt)));

await ws.send('before the outage');
await ws.expect('before the outage');
await ws.send(`drop:${REFUSED}`);

const attempt = await reopened;
log(`open again on attempt ${attempt} after waiting ${delays.join(' + ')} ms`);
assert.equal(attempt, 2 + REFUSED, 'the first attempt after the refused ones gets through');
assert.equal(delays.length, 1 + REFUSED, 'one reconnect after the drop, one after each refusal');
for (let i = 1; i < delays.length; i++)
  assert(delays[i]! > delays[i - 1]!, `delays grow: ${delays.join(', ')}`);

await ws.send('after the outage');
await ws.expect('after the outage');
assert.equal((await ws.close()).code, 1000);

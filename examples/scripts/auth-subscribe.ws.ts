/**
 * Token auth, then a subscription — both ways the Go guides authenticate:
 *  1. a bearer token at the handshake: a wrong one gets 401 and `connect` rejects (caught below
 *     with try/catch); the right one is let in and welcomed;
 *  2. an auth message as the first thing sent: `auth-ok`, then the subscription; a wrong token is
 *     answered with Close 1008 (policy violation).
 *
 * Server: wstap's mock of both (/secure wants "Authorization: Bearer s3cret"; /login-first wants
 * {"token":"s3cret"} within 3 s and then echoes, so the subscription comes back as its own ack —
 * a real server would answer with its own):
 *   wstap serve --port 8080 --mock examples/mock/auth.yaml
 *
 * Run:  wstap run examples/scripts/auth-subscribe.ws.ts -- ws://127.0.0.1:8080 [TOKEN]
 * Test: WSTAP_AUTH_URL=ws://127.0.0.1:8080 wstap test examples/scripts
 * (the server's base URL is args[0], else $WSTAP_AUTH_URL, else ws://127.0.0.1:8080; the token is
 * args[1], else $WSTAP_TOKEN, else s3cret)
 */
import { args, assert, connect, env, log } from 'wstap';

const base = (args[0] ?? env.WSTAP_AUTH_URL ?? 'ws://127.0.0.1:8080').replace(/\/$/, '');
const token = args[1] ?? env.WSTAP_TOKEN ?? 's3cret';

// 1a. A wrong token: no upgrade. connect rejects, and the error names the status and body.
// (Assert after the try/catch: an assert.fail inside the try would be caught as the refusal.)
let refusal: Error | null = null;
try {
  await connect(`${base}/secure`, { bearer: 'not-the-token' });
} catch (error) {
  refusal = error as Error;
}
assert(refusal !== null, 'a wrong token must be refused');
assert.match(refusal.message, /401 Unauthorized/);
log(`refused as expected: ${refusal.message}`);

// 1b. The right token (sent as "Authorization: Bearer …"): in, and welcomed.
const secure = await connect(`${base}/secure`, { bearer: token });
await secure.expect({ json: { type: 'welcome', auth: 'handshake' } });
await secure.close();

// 2a. An auth message first, then subscribe.
const feed = await connect(`${base}/login-first`);
await feed.send({ token });
await feed.expect({ path: '$.type', equals: 'auth-ok' });
await feed.send({ type: 'subscribe', topic: 'prices' });
const ack = await feed.expect({ json: { type: 'subscribe', topic: 'prices' } });
log(`subscribed: ${ack.text}`);
await feed.close();

// 2b. A wrong token in the auth message: the server closes with 1008.
const intruder = await connect(`${base}/login-first`);
await intruder.send({ token: 'guess' });
const closed = await intruder.expectClose(1008);
log(`wrong auth message: ${closed.code} ${closed.reason}`);

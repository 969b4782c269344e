/**
 * JSON request/response with correlation ids (JSON-RPC style), in plain JavaScript: several
 * requests go out at once, and each reply is picked by its id, whatever order they come back in
 * (`slow` answers last). Errors come back as `{ id, error: { code, message } }`.
 *
 * Server: wstap's mock of a JSON API (subprotocol jsonrpc; getUser, sum, slow; a tick pushed
 * every 5 s, which the expects below simply leave alone):
 *   wstap serve --port 8080 --mock examples/mock/json-api.yaml
 *
 * Run:  wstap run examples/scripts/json-rpc.ws.mjs -- ws://127.0.0.1:8080/api
 * Test: WSTAP_API_URL=ws://127.0.0.1:8080/api wstap test examples/scripts
 * (the URL is args[0], else $WSTAP_API_URL, else ws://127.0.0.1:8080/api)
 */
import { args, assert, connect, env, log } from 'wstap';

const url = args[0] ?? env.WSTAP_API_URL ?? 'ws://127.0.0.1:8080/api';
const api = await connect(url, { subprotocols: ['jsonrpc'] });
assert.equal(api.subprotocol, 'jsonrpc');

let lastId = 0;
/**
 * Sends a request and resolves with its reply, found by id among whatever comes.
 * @param {string} method
 * @param {unknown} [params]
 */
async function call(method, params) {
  const id = ++lastId;
  await api.send({ jsonrpc: '2.0', id, method, params });
  return api.expect({ path: '$.id', equals: id }).then((reply) => reply.json());
}

// All three in flight at once; Promise.all keeps them in request order.
const started = Date.now();
const [slow, user, sum] = await Promise.all([
  call('slow'),
  call('getUser', { id: 42 }),
  call('sum', [1, 2, 3.5]),
]);
assert.deepEqual(user.result, { id: 42, name: 'Ana' });
assert.equal(sum.result, 6.5);
assert.equal(slow.result, 'done');
log(`3 replies in ${Date.now() - started} ms, matched by id: ${JSON.stringify([slow, user, sum])}`);

// The order they arrived in: the fast ones overtook the slow one.
const order = api.messages.map((m) => m.json().id).filter((id) => id !== undefined);
log(`arrival order of ids: ${order.join(', ')}`);
assert.equal(order.at(-1), 1, 'the slow reply came last');

// An error reply carries the request's id too.
const missing = await call('nope');
assert.equal(missing.error?.code, -32601);
log(`error reply: ${missing.error.message}`);

await api.close();

/**
 * The shape every command's input must have, checked by main before a handler runs (Electron IPC
 * and browser mode alike): the renderer shows untrusted payloads, so what it sends is untrusted too.
 */
import type { Channel } from './contract.js';
import { DECODER_INPUT_CHECKS } from './decoder-commands.js';
import { MOCK_INPUT_CHECKS } from './mock-commands.js';
import { PROXY_INPUT_CHECKS } from './proxy-commands.js';
import { RECORDING_INPUT_CHECKS } from './recording-commands.js';
import { SCRIPT_INPUT_CHECKS } from './script-commands.js';
import { bool, either, int, list, obj, oneOf, str, tuple, type Check } from './validate.js';

const session = int(1, 2 ** 31);
const bytes = either(obj({ text: str() }), obj({ base64: str(100 << 20) }));
const ms = int(0, 24 * 3600_000);
const none: Check = (v, p) => (v === null || v === undefined ? null : `${p}: expected no input`);

const outgoing = either(
  obj({ kind: oneOf('text'), text: str(100 << 20) }),
  obj({ kind: oneOf('json'), text: str(100 << 20) }),
  obj({ kind: oneOf('binary'), base64: str(140 << 20) }),
);

const connectInput = obj({
  url: str(8192),
  'headers?': list(tuple(str(1024), str(65536)), 200),
  'subprotocols?': list(str(1024), 50),
  'origin?': str(8192),
  'basicAuth?': str(8192),
  'bearerToken?': str(65536),
  'tls?': obj({
    'caFile?': str(4096),
    'certFile?': str(4096),
    'keyFile?': str(4096),
    'passphrase?': str(4096),
    'insecure?': bool,
    'servername?': str(1024),
  }),
  'proxy?': str(8192),
  'followRedirects?': bool,
  'maxRedirects?': int(0, 100),
  'perMessageDeflate?': either(
    bool,
    obj({
      'clientNoContextTakeover?': bool,
      'serverNoContextTakeover?': bool,
      'clientMaxWindowBits?': int(8, 15),
      'serverMaxWindowBits?': int(8, 15),
      'threshold?': int(0, 2 ** 31),
    }),
  ),
  'maxPayload?': int(1, 2 ** 40),
  'handshakeTimeout?': int(1, 3600_000),
  'autoPong?': bool,
  'heartbeat?': obj({ interval: int(1, 3600_000), timeout: int(1, 3600_000), misses: int(1, 1000) }),
  'reconnect?': obj({
    'initialDelay?': ms,
    'maxDelay?': ms,
    'factor?': (v, p) =>
      typeof v === 'number' && v >= 1 && v <= 100 ? null : `${p}: expected a number 1..100`,
    'jitter?': (v, p) => (typeof v === 'number' && v >= 0 && v <= 1 ? null : `${p}: expected a number 0..1`),
    'maxAttempts?': int(1, 1_000_000),
  }),
});

const rawFrame = obj({
  opcode: int(0, 15),
  'payload?': bytes,
  'fin?': bool,
  'rsv1?': bool,
  'rsv2?': bool,
  'rsv3?': bool,
  'mask?': either(bool, (v, p) =>
    typeof v === 'string' && /^[0-9a-f]{8}$/i.test(v) ? null : `${p}: expected 8 hex digits`,
  ),
  'lengthBits?': oneOf('minimal', 7, 16, 64),
  'declaredLength?': int(0, Number.MAX_SAFE_INTEGER),
});

const savedConnection = obj({ name: str(200), options: connectInput });
const savedMessage = obj({ name: str(200), group: str(200), message: outgoing });

/** The input check of every channel. */
export const INPUT_CHECKS: { readonly [C in Channel]: Check } = {
  ...MOCK_INPUT_CHECKS,
  ...PROXY_INPUT_CHECKS,
  ...RECORDING_INPUT_CHECKS,
  ...SCRIPT_INPUT_CHECKS,
  ...DECODER_INPUT_CHECKS,
  'app.info': none,
  'app.replay': none,
  'session.connect': connectInput,
  'session.send': obj({ session, message: outgoing, 'fragments?': int(1, 10_000), 'compress?': bool }),
  'session.ping': obj({ session, 'payload?': bytes }),
  'session.pong': obj({ session, 'payload?': bytes }),
  'session.close': obj({ session, 'code?': int(0, 65535), 'reason?': str(1024), 'force?': bool }),
  'session.terminate': obj({ session }),
  'session.sendRaw': obj({ session, frames: list(rawFrame, 1000) }),
  'session.setAutoPong': obj({ session, on: bool }),
  'server.start': obj({ behaviour: oneOf('echo', 'broadcast'), 'host?': str(255), 'port?': int(0, 65535) }),
  'server.stop': obj({ url: str(8192) }),
  'frames.detail': obj({ id: int(0, Number.MAX_SAFE_INTEGER) }),
  'messages.detail': obj({ id: int(0, Number.MAX_SAFE_INTEGER) }),
  'store.stats': none,
  'saved.connections': none,
  'saved.putConnection': savedConnection,
  'saved.removeConnection': obj({ name: str(200) }),
  'saved.messages': none,
  'saved.setMessages': list(savedMessage, 10_000),
};

/** True for a channel name of the contract (not `__proto__`, not `toString`). */
export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(INPUT_CHECKS, name);
}

/** Null when `input` fits the channel, else what was wrong. */
export function checkInput(channel: Channel, input: unknown): string | null {
  return INPUT_CHECKS[channel](input, 'input');
}

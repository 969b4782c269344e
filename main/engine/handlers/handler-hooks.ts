/**
 * Running a handler module's hooks for the server: one ctx per connection, and every throw or
 * rejection turned into an `error` event (HANDLER_FAILED, "<file>:<line>:<col>: <message>") on
 * that connection instead of an exception — a handler's bug never takes the server down.
 *
 * Not covered: a promise the handler starts and forgets (`fetch(...).then(boom)` without await,
 * outside a ctx timer) rejects with nothing tying it to a connection or a hook; Node's
 * unhandled-rejection policy applies to it as to any other code in the process.
 */
import { basename } from 'node:path';
import type {
  Behaviour,
  HandshakeDecision,
  IncomingMessage,
  ServerPort,
  UpgradeInfo,
} from '../server/behaviour.js';
import { handlerFailure } from './error-location.js';
import { createHandlerContext } from './handler-context.js';
import { createHandlerMessage } from './handler-message.js';
import type { HandlerContext, HandlerModule } from './handler-types.js';

/** A handler module as the mock definition's `handler:` routes (and createHandlerBehaviour) call it. Never rejects. */
export interface HandlerHooks {
  /** The handler file errors are reported against. */
  readonly file: string;
  onConnect(port: ServerPort): Promise<void>;
  onMessage(port: ServerPort, message: IncomingMessage): Promise<void>;
  onClose(port: ServerPort, code: number, reason: string): Promise<void>;
}

/** Wraps a loaded module's hooks: a missing hook does nothing, a failing one reports HANDLER_FAILED. */
export function handlerHooks(module: HandlerModule, file: string): HandlerHooks {
  const contexts = new WeakMap<ServerPort, HandlerContext>();
  const report = (port: ServerPort, error: unknown, where: string): void =>
    port.error('HANDLER_FAILED', handlerFailure(error, file, where));
  const contextOf = (port: ServerPort): HandlerContext => {
    let ctx = contexts.get(port);
    if (ctx === undefined) {
      ctx = createHandlerContext(port, { onError: (error, where) => report(port, error, where) });
      contexts.set(port, ctx);
    }
    return ctx;
  };
  const run = async (port: ServerPort, where: string, call: () => unknown): Promise<void> => {
    try {
      await call();
    } catch (error) {
      report(port, error, where);
    }
  };
  return {
    file,
    onConnect: (port) => run(port, 'onConnect', () => module.onConnect?.(contextOf(port))),
    onMessage: (port, message) =>
      run(port, 'onMessage', () => module.onMessage?.(contextOf(port), createHandlerMessage(message))),
    onClose: async (port, code, reason) => {
      await run(port, 'onClose', () => module.onClose?.(contextOf(port), code, reason));
      contexts.delete(port);
    },
  };
}

/** Options of a handler behaviour. */
export interface HandlerBehaviourOptions {
  /** The loaded module (loadHandlerModule(path)). */
  readonly module: HandlerModule;
  /** The behaviour's name in the timeline (default "handler <file name>"). */
  readonly name?: string;
}

/**
 * The behaviour of `wstap serve --handler FILE`: the module's hooks for every connection on any
 * path. The handshake accepts everything unless the module exports `handshake(upgrade)`.
 */
export function createHandlerBehaviour(path: string, options: HandlerBehaviourOptions): Behaviour {
  const hooks = handlerHooks(options.module, path);
  return {
    name: options.name ?? `handler ${basename(path)}`,
    handshake: (upgrade) => decideHandshake(options.module, path, upgrade),
    open: (port) => hooks.onConnect(port),
    message: (port, message) => hooks.onMessage(port, message),
    closed: (port, code, reason) => hooks.onClose(port, code, reason),
  };
}

/** The subprotocol to select: the first the client offered that the module lists, else none. */
function pickSubprotocol(module: HandlerModule, upgrade: UpgradeInfo): string | null {
  const spoken = module.subprotocols;
  if (spoken === undefined) return null;
  return upgrade.subprotocols.find((offered) => spoken.includes(offered)) ?? null;
}

/** A value shaped like a HandshakeDecision (the server checks the details). */
function isDecision(value: unknown): value is HandshakeDecision {
  if (typeof value !== 'object' || value === null) return false;
  const { accept, status } = value as { accept?: unknown; status?: unknown };
  if (accept === true) return true;
  return (
    accept === false &&
    typeof status === 'number' &&
    Number.isInteger(status) &&
    status >= 200 &&
    status <= 599
  );
}

/** The module's answer to an upgrade; a throw or a malformed answer refuses with 500 and says why. */
async function decideHandshake(
  module: HandlerModule,
  file: string,
  upgrade: UpgradeInfo,
): Promise<HandshakeDecision> {
  const accept: HandshakeDecision = {
    accept: true,
    subprotocol: pickSubprotocol(module, upgrade),
    note: `handler ${basename(file)}`,
  };
  if (module.handshake === undefined) return accept;
  let answer: unknown;
  try {
    answer = await module.handshake(upgrade);
  } catch (error) {
    const message = handlerFailure(error, file, 'handshake');
    return { accept: false, status: 500, body: `${message}\n`, note: message };
  }
  if (answer === undefined || answer === true) return accept;
  if (answer === false)
    return { accept: false, status: 403, note: `${basename(file)}: handshake() returned false` };
  if (!isDecision(answer)) {
    const message = `${file}: handshake() returned ${JSON.stringify(answer) ?? String(answer)}; return true, false, {accept: true} or {accept: false, status: 403}`;
    return { accept: false, status: 500, body: `${message}\n`, note: message };
  }
  // An accept that does not choose a subprotocol gets the default choice.
  return answer.accept && !('subprotocol' in answer)
    ? { ...answer, subprotocol: accept.subprotocol ?? null }
    : answer;
}

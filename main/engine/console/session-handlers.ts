import type { CommandHandlers } from '../../../shared/ipc/contract.js';
import type { Engine } from '../engine.js';
import { handle } from './console-error.js';
import { bytesOf, clientOptionsOf, frameSpecOf, outgoingOf } from './engine-inputs.js';

/** The channels that drive client sessions. */
type SessionChannel =
  | 'session.connect'
  | 'session.send'
  | 'session.ping'
  | 'session.pong'
  | 'session.close'
  | 'session.terminate'
  | 'session.sendRaw'
  | 'session.setAutoPong';

/** The `session.*` handlers: each a thin map onto one engine command (its EngineError becomes the Result). */
export function sessionHandlers(engine: Engine): Pick<CommandHandlers, SessionChannel> {
  return {
    'session.connect': handle('session.connect', (input) => ({
      session: engine.connect(clientOptionsOf(input)),
    })),
    'session.send': handle('session.send', async ({ session, message, fragments, compress }) => {
      await engine.send(session, outgoingOf(message, 'input.message'), { fragments, compress });
      return null;
    }),
    'session.ping': handle('session.ping', ({ session, payload }) => {
      engine.ping(session, payload === undefined ? undefined : bytesOf(payload, 'input.payload'));
      return null;
    }),
    'session.pong': handle('session.pong', ({ session, payload }) => {
      engine.pong(session, payload === undefined ? undefined : bytesOf(payload, 'input.payload'));
      return null;
    }),
    'session.close': handle('session.close', ({ session, code, reason, force }) => {
      engine.close(session, { code, reason, force });
      return null;
    }),
    'session.terminate': handle('session.terminate', ({ session }) => {
      engine.terminate(session);
      return null;
    }),
    'session.sendRaw': handle('session.sendRaw', async ({ session, frames }) => {
      await engine.sendRaw(
        session,
        frames.map((frame, i) => frameSpecOf(frame, `input.frames[${i}]`)),
      );
      return null;
    }),
    'session.setAutoPong': handle('session.setAutoPong', ({ session, on }) => {
      engine.setAutoPong(session, on);
      return null;
    }),
  };
}

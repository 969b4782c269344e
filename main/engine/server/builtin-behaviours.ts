import type { Outgoing } from '../client/client-options.js';
import type { Behaviour, HandshakeDecision, IncomingMessage, UpgradeInfo } from './behaviour.js';

/** Options shared by the built-in behaviours. */
export interface BuiltinOptions {
  /** Subprotocols the server speaks: the first the client offers is selected. */
  readonly subprotocols?: readonly string[];
}

function acceptWith(options: BuiltinOptions): (upgrade: UpgradeInfo) => HandshakeDecision {
  return (upgrade) => ({
    accept: true,
    subprotocol: upgrade.subprotocols.find((p) => options.subprotocols?.includes(p)) ?? null,
  });
}

/** The message as it came: text stays text, binary stays binary. */
export function sameMessage(message: IncomingMessage): Outgoing {
  // Text goes back as its bytes: ws validated them, and decoding them only to encode again costs.
  return message.type === 'text'
    ? { kind: 'utf8', bytes: message.bytes }
    : { kind: 'binary', bytes: message.bytes };
}

/** Sends every message back to its sender, as it came (the Go guides' echo server). */
export function echoBehaviour(options: BuiltinOptions = {}): Behaviour {
  return {
    name: 'echo',
    handshake: acceptWith(options),
    open: () => undefined,
    message: (port, message) => port.send(sameMessage(message)),
    closed: () => undefined,
  };
}

/** Options of the broadcast behaviour. */
export interface BroadcastOptions extends BuiltinOptions {
  /** Take the room from this query parameter (`?room=red`); otherwise the path is the room. */
  readonly roomParam?: string;
  /** Do not send a message back to its sender (the Go guides' hub sends it to everyone). */
  readonly excludeSelf?: boolean;
}

/** The room of a connection: a query parameter when configured and present, else the path. */
export function roomOf(upgrade: UpgradeInfo, roomParam: string | undefined): string {
  const fromQuery = roomParam === undefined ? undefined : upgrade.query[roomParam];
  return fromQuery !== undefined && fromQuery !== '' ? fromQuery : upgrade.path;
}

/** Chat rooms: every message goes to everyone in the sender's room (the Go guides' chat hub). */
export function broadcastBehaviour(options: BroadcastOptions = {}): Behaviour {
  return {
    name: options.roomParam
      ? `broadcast (room from ?${options.roomParam}=, else the path)`
      : 'broadcast (room = path)',
    handshake: acceptWith(options),
    open: (port) => port.join(roomOf(port.upgrade, options.roomParam)),
    message: async (port, message) => {
      const room = roomOf(port.upgrade, options.roomParam);
      await port.broadcast(room, sameMessage(message), { exceptSelf: options.excludeSelf === true });
    },
    closed: () => undefined,
  };
}

/**
 * The `decoder.*` handlers (shared/ipc/decoder-commands.ts): a decoder per connection, and a
 * frame's or message's payload decoded on request — in main, where the payloads are.
 */
import type { CommandHandlers } from '../../../shared/ipc/contract.js';
import type { DecoderCommands, DecoderSpec } from '../../../shared/ipc/decoder-commands.js';
import { fromBase64 } from '../../../shared/protocol/base64.js';
import { assertNever } from '../../../shared/model/events.js';
import { ConsoleError, handle } from './console-error.js';
import { checkModule, decodeWithModule } from './decoder-module.js';
import { decodeProtobuf, loadProto, lookupMessage, messageTypes } from './decoder-protobuf.js';
import { decodeJson, decodeMessagePack } from './decoder-values.js';

/** A stored payload as the detail commands give it. */
export interface StoredPayload {
  readonly conn: number;
  readonly payloadBase64: string | null;
  readonly payloadError: { readonly code: string; readonly message: string } | null;
}

/** Fetches a frame's or message's payload (undefined: no such id). */
export type PayloadSource = (kind: 'frame' | 'message', id: number) => Promise<StoredPayload | undefined>;

/** A value decoded with a spec. */
export async function decodeWith(spec: DecoderSpec, bytes: Uint8Array): Promise<unknown> {
  switch (spec.kind) {
    case 'json':
      return decodeJson(bytes);
    case 'msgpack':
      return decodeMessagePack(bytes);
    case 'protobuf':
      return decodeProtobuf(spec.protoPath, spec.messageType, bytes);
    case 'module':
      return decodeWithModule(spec.modulePath, bytes);
    default:
      return assertNever(spec);
  }
}

/** Refuses a spec that cannot work before it is stored (a `.proto` that does not parse, a type not in it). */
async function checkSpec(spec: DecoderSpec): Promise<void> {
  if (spec.kind === 'protobuf')
    lookupMessage(await loadProto(spec.protoPath), spec.messageType, spec.protoPath);
  else if (spec.kind === 'module') await checkModule(spec.modulePath);
}

/** The handlers; `payload` reads what the inspector's detail commands read. */
export function decoderHandlers(payload: PayloadSource): Pick<CommandHandlers, keyof DecoderCommands> {
  const byConn = new Map<number, DecoderSpec>();
  return {
    'decoder.set': handle('decoder.set', async ({ conn, decoder }) => {
      if (decoder === null) byConn.delete(conn);
      else {
        await checkSpec(decoder);
        byConn.set(conn, decoder);
      }
      return decoder;
    }),
    'decoder.get': handle('decoder.get', ({ conn }) => byConn.get(conn) ?? null),
    'decoder.decode': handle('decoder.decode', async ({ kind, id, decoder }) => {
      const stored = await payload(kind, id);
      if (stored === undefined) throw new ConsoleError('DECODER_FAILED', `no ${kind} with id ${id}`);
      const spec = decoder ?? byConn.get(stored.conn);
      if (spec === undefined)
        throw new ConsoleError(
          'DECODER_FAILED',
          `connection #${stored.conn} has no decoder: choose one first`,
        );
      if (stored.payloadBase64 === null)
        throw new ConsoleError(
          'DECODER_FAILED',
          `the payload is not available${stored.payloadError === null ? '' : ` (${stored.payloadError.code}: ${stored.payloadError.message})`}`,
        );
      const bytes = fromBase64(stored.payloadBase64);
      return { decoder: spec, value: await decodeWith(spec, bytes), bytes: bytes.length };
    }),
    'decoder.protoTypes': handle('decoder.protoTypes', async ({ path }) =>
      messageTypes(await loadProto(path)),
    ),
  };
}

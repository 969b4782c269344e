/**
 * Protobuf decoding with protobufjs: a `.proto` file (and what it imports, from its folder) parsed
 * and resolved in main, cached per file and change time; a payload decoded as one message type
 * into JSON (enums by name, 64-bit integers as strings, bytes as base64, defaults left out).
 */
import { stat } from 'node:fs/promises';
import protobuf from 'protobufjs';
import { ConsoleError } from './console-error.js';
import { absoluteFile } from './decoder-files.js';

const roots = new Map<string, { readonly mtime: number; readonly root: Promise<protobuf.Root> }>();

/** The parsed and resolved schema of a `.proto` file; a clear DECODER_INVALID when it does not parse. */
export async function loadProto(path: string): Promise<protobuf.Root> {
  const file = absoluteFile(path);
  const info = await stat(file).catch(() => null);
  if (info === null || !info.isFile())
    throw new ConsoleError('DECODER_INVALID', `${file}: no such .proto file`);
  const cached = roots.get(file);
  if (cached !== undefined && cached.mtime === info.mtimeMs) return cached.root;
  const root = (async () => {
    try {
      const parsed = await new protobuf.Root().load(file, { keepCase: true });
      parsed.resolveAll();
      return parsed;
    } catch (error) {
      roots.delete(file);
      throw new ConsoleError('DECODER_INVALID', `${file}: ${(error as Error).message}`);
    }
  })();
  roots.set(file, { mtime: info.mtimeMs, root });
  return root;
}

/** Full names of every message type in a schema (`chat.Envelope`, `chat.Envelope.Meta`). */
export function messageTypes(root: protobuf.NamespaceBase): string[] {
  const out: string[] = [];
  for (const nested of root.nestedArray) {
    if (nested instanceof protobuf.Type) out.push(nested.fullName.replace(/^\./, ''));
    if (nested instanceof protobuf.Namespace || nested instanceof protobuf.Type)
      out.push(...messageTypes(nested));
  }
  return out;
}

/** The message type `name` of a schema; DECODER_INVALID naming the types there when it is not one. */
export function lookupMessage(root: protobuf.Root, name: string, file: string): protobuf.Type {
  try {
    return root.lookupType(name);
  } catch {
    const known = messageTypes(root);
    throw new ConsoleError(
      'DECODER_INVALID',
      `${file} has no message type ${JSON.stringify(name)}; it has ${known.length === 0 ? 'none' : known.join(', ')}`,
    );
  }
}

/** Decodes a payload as `messageType` of the `.proto` file. */
export async function decodeProtobuf(
  protoPath: string,
  messageType: string,
  bytes: Uint8Array,
): Promise<unknown> {
  const type = lookupMessage(await loadProto(protoPath), messageType, protoPath);
  let message: protobuf.Message;
  try {
    message = type.decode(bytes);
  } catch (error) {
    throw new ConsoleError('DECODER_FAILED', `Protobuf ${messageType}: ${(error as Error).message}`);
  }
  return type.toObject(message, {
    longs: String,
    enums: String,
    bytes: String,
    arrays: false,
    defaults: false,
    oneofs: true,
  });
}

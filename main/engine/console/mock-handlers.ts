import type { CommandHandlers } from '../../../shared/ipc/contract.js';
import type { JsonSchemaObject, MockCommands } from '../../../shared/ipc/mock-commands.js';
import type { Engine } from '../engine.js';
import { MOCK_SCHEMA } from '../mock/mock-schema.js';
import { handle } from './console-error.js';
import { formatOf, readMock, validateMock, writeMock } from './mock-files.js';
import { MockServers } from './mock-servers.js';
import type { ServerRegistry } from './server-registry.js';

/** The `mock.*` handlers: the mock servers panel (servers, clients, the definition editor). */
export function mockHandlers(
  engine: Engine,
  registry: ServerRegistry,
): Pick<CommandHandlers, keyof MockCommands> {
  const servers = new MockServers(engine, registry);
  return {
    'mock.start': handle('mock.start', (input) => servers.start(input)),
    'mock.servers': handle('mock.servers', () => servers.list()),
    'mock.send': handle('mock.send', async ({ url, to, message }) => ({
      sent: await servers.send(url, to, message),
    })),
    'mock.close': handle('mock.close', ({ url, conn, code, reason }) => {
      servers.close(url, conn, code, reason);
      return null;
    }),
    'mock.read': handle('mock.read', ({ path }) => readMock(path)),
    'mock.write': handle('mock.write', async ({ path, text }) => {
      const file = await writeMock(path, text);
      return {
        path: file,
        validation: validateMock(text, formatOf(file), file),
        servers: servers.servingFile(file),
      };
    }),
    'mock.validate': handle('mock.validate', ({ text, format, path }) => validateMock(text, format, path)),
    'mock.schema': handle('mock.schema', () => MOCK_SCHEMA as JsonSchemaObject),
  };
}

/** The mock panel's commands: each calls main, puts a failure in the status bar, and updates the panel's store. */
import type { Input } from '../../../shared/ipc/contract.js';
import type { MockTarget } from '../../../shared/ipc/mock-commands.js';
import { command, runCommand } from '../../bridge/commands.js';
import type { ConsoleModel } from '../../store/console-store.js';
import { serverTracker } from '../sessions/server-tracker.js';
import { mockStore, refreshServers } from './mock-store.js';
import type { StartDraft } from './start-form.js';
import { startInputOf } from './start-form.js';
import { targetLabel } from './send-draft.js';

/** Opens `path` in the editor. */
export async function openDoc(model: ConsoleModel, path: string): Promise<boolean> {
  const read = await command(model, 'mock.read', { path });
  if (read === null) return false;
  mockStore(model).setState((s) => ({
    doc: { path: read.path, text: read.text, saved: read.text, rev: (s.doc?.rev ?? 0) + 1 },
  }));
  return true;
}

/** Starts a server from the form; the form's error (a missing file, a bad port) or null on success. */
export async function startMock(model: ConsoleModel, draft: StartDraft): Promise<string | null> {
  const checked = startInputOf(draft);
  if (!checked.ok) return checked.error;
  const result = await model.bridge.call('mock.start', checked.input);
  if (!result.ok) return `${result.error.code}: ${result.error.message}`;
  const { server, warnings, certificate } = result.value;
  serverTracker(model).getState().started({ url: server.url, behaviour: server.behaviour });
  const notes = [
    `${server.behaviour} listening on ${server.url}`,
    ...(certificate ? [`self-signed certificate, SHA-256 ${certificate.fingerprint256}`] : []),
    ...warnings.map((w) => `warning: ${w}`),
  ];
  model.store.getState().notify('info', notes.join(' · '));
  if (server.kind === 'mock' && server.file !== null) await openDoc(model, server.file);
  await refreshServers(model);
  return null;
}

/** Stops a server (`server.stop`: its clients get 1001). */
export async function stopMock(model: ConsoleModel, url: string): Promise<void> {
  const result = await runCommand(model, 'server.stop', { url });
  if (result.ok) serverTracker(model).getState().stopped(url);
  await refreshServers(model);
}

/** Sends to a client, a room or all. */
export async function sendToClients(
  model: ConsoleModel,
  url: string,
  to: MockTarget,
  message: Input<'mock.send'>['message'],
): Promise<boolean> {
  const result = await runCommand(model, 'mock.send', { url, to, message });
  if (result.ok)
    model.store
      .getState()
      .notify(
        'info',
        `sent to ${targetLabel(to)}: ${result.value.sent} client${result.value.sent === 1 ? '' : 's'}`,
      );
  return result.ok;
}

/** Starts the close handshake with one client. */
export async function closeClient(
  model: ConsoleModel,
  url: string,
  conn: number,
  code: number,
  reason: string,
): Promise<boolean> {
  const result = await runCommand(model, 'mock.close', { url, conn, code, ...(reason ? { reason } : {}) });
  return result.ok;
}

/**
 * The sidebar's commands. Close, Terminate and Stop answer `null` on success, so `command()`'s null
 * cannot tell success from failure; these say it with a boolean (the error still goes to the
 * status bar).
 */
import { runCommand } from '../../bridge/commands.js';
import type { ConsoleModel } from '../../store/console-store.js';
import { serverTracker } from './server-tracker.js';

/** Closes a client session with 1000 (normal closure) and stops its reconnecting. */
export async function closeSession(model: ConsoleModel, session: number): Promise<boolean> {
  return (await runCommand(model, 'session.close', { session, code: 1000 })).ok;
}

/** Drops a client session's TCP connection without a close handshake. */
export async function terminateSession(model: ConsoleModel, session: number): Promise<boolean> {
  return (await runCommand(model, 'session.terminate', { session })).ok;
}

/** Starts an echo or broadcast server on a free loopback port and lists it. */
export async function startServer(model: ConsoleModel, behaviour: 'echo' | 'broadcast'): Promise<boolean> {
  const result = await runCommand(model, 'server.start', { behaviour, host: '127.0.0.1', port: 0 });
  if (!result.ok) return false;
  serverTracker(model).getState().started(result.value);
  model.store.getState().notify('info', `${behaviour} server listening on ${result.value.url}`);
  return true;
}

/** Stops a server the console started. */
export async function stopServer(model: ConsoleModel, url: string): Promise<boolean> {
  const result = await runCommand(model, 'server.stop', { url });
  if (result.ok) serverTracker(model).getState().stopped(url);
  return result.ok;
}

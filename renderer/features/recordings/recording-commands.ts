/** Starting and stopping recordings from anywhere in the console; the store learns the new list at once. */
import type { RecordingScope, RecordingStatus } from '../../../shared/ipc/recording-commands.js';
import { command } from '../../bridge/commands.js';
import type { ConsoleModel } from '../../store/console-store.js';
import { scopeLabel } from './recording-scope.js';

/** Starts a recording of every connection (no scope) or of a scope, into `path` or a default file. */
export async function startRecording(
  model: ConsoleModel,
  scope: RecordingScope | null,
  path = '',
): Promise<RecordingStatus | null> {
  const status = await command(model, 'recording.start', {
    ...(path.trim() !== '' && { path: path.trim() }),
    ...(scope !== null && { sessions: scope.sessions, conns: scope.conns }),
  });
  if (status === null) return null;
  const state = model.store.getState();
  state.setRecordings(status.active);
  const started = status.active[status.active.length - 1];
  if (started !== undefined) state.notify('info', `recording ${scopeLabel(scope)} to ${started.path}`);
  return status;
}

/** Stops one recording; answers the status (its file is `last`), or null when it failed. */
export async function stopRecording(model: ConsoleModel, recording: number): Promise<RecordingStatus | null> {
  const status = await command(model, 'recording.stop', { recording });
  if (status === null) return null;
  model.store.getState().setRecordings(status.active);
  return status;
}

/** A proxy command from a component: the status bar hears of a failure, the form gets its text. */
import type { Channel, Input, Output } from '../../../shared/ipc/contract.js';
import type { ConsoleModel } from '../../store/console-store.js';

/** A command's value, or the error text shown beside the control that failed. */
export type CommandOutcome<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** Calls `channel`; on failure notifies the status bar and returns the error text. */
export async function runProxyCommand<C extends Channel>(
  model: ConsoleModel,
  channel: C,
  input: Input<C>,
): Promise<CommandOutcome<Output<C>>> {
  const result = await model.bridge.call(channel, input);
  if (result.ok) return { ok: true, value: result.value };
  const error = `${result.error.code}: ${result.error.message}`;
  model.store.getState().notify('error', error);
  return { ok: false, error };
}

/**
 * Calling a command from a component: the value on success; on failure the error goes to the
 * status bar (the code and the message main wrote for a user) and null comes back.
 */
import type { Channel, Input, Output } from '../../shared/ipc/contract.js';
import type { ConsoleModel } from '../store/console-store.js';

/** Calls `channel`; null (and a visible notice) when it failed. */
export async function command<C extends Channel>(
  model: ConsoleModel,
  channel: C,
  input: Input<C>,
): Promise<Output<C> | null> {
  const result = await model.bridge.call(channel, input);
  if (result.ok) return result.value;
  model.store.getState().notify('error', `${result.error.code}: ${result.error.message}`);
  return null;
}

/**
 * Like renderer/bridge/commands.ts `command()` (the error still goes to the status bar), but the
 * error text comes back too, so the composer can show it beside the control that failed.
 */
import type { Channel, Input, Output } from '../../../shared/ipc/contract.js';
import type { ConsoleModel } from '../../store/console-store.js';

/** A command's value, or the error text a user sees. */
export type RunResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** Calls `channel`; on failure notifies the status bar and returns the error text. */
export async function runCommand<C extends Channel>(model: ConsoleModel, channel: C, input: Input<C>): Promise<RunResult<Output<C>>> {
  const result = await model.bridge.call(channel, input);
  if (result.ok) return { ok: true, value: result.value };
  const error = `${result.error.code}: ${result.error.message}`;
  model.store.getState().notify('error', error);
  return { ok: false, error };
}

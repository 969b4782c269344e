/**
 * Calling a command from a component: on failure the error goes to the status bar (the code and
 * the message main wrote for a user). `runCommand` also returns the error text, for a form that
 * shows it beside the control that failed; `command` returns the value or null.
 */
import type { Channel, Input, Output } from '../../shared/ipc/contract.js';
import type { ConsoleModel } from '../store/console-store.js';

/** A command's value, or the error text a user sees. */
export type RunResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** Calls `channel`; on failure notifies the status bar and returns the error text. */
export async function runCommand<C extends Channel>(
  model: ConsoleModel,
  channel: C,
  input: Input<C>,
): Promise<RunResult<Output<C>>> {
  const result = await model.bridge.call(channel, input);
  if (result.ok) return { ok: true, value: result.value };
  const error = `${result.error.code}: ${result.error.message}`;
  model.store.getState().notify('error', error);
  return { ok: false, error };
}

/** Calls `channel`; null (and a visible notice) when it failed. */
export async function command<C extends Channel>(
  model: ConsoleModel,
  channel: C,
  input: Input<C>,
): Promise<Output<C> | null> {
  const result = await runCommand(model, channel, input);
  return result.ok ? result.value : null;
}

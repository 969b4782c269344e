import type { CommandHandlers } from '../../../shared/ipc/contract.js';
import { checkInput, isChannel } from '../../../shared/ipc/inputs.js';
import { fail, type Result } from '../../../shared/ipc/result.js';
import { failureOf } from './console-error.js';

/** A channel name as a message can quote it, bounded (the caller is untrusted). */
function quote(channel: unknown): string {
  const text = typeof channel === 'string' ? JSON.stringify(channel) : typeof channel;
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * The one entry both hosts call: validates channel + input (shared/ipc/inputs.ts → UNKNOWN_COMMAND,
 * BAD_INPUT), calls the handler, and turns a throw into a Result (EngineError keeps its code, any
 * other throw is INTERNAL, message without stack). Never rejects.
 */
export async function dispatch(
  handlers: CommandHandlers,
  channel: unknown,
  input: unknown,
): Promise<Result<unknown>> {
  if (!isChannel(channel)) return fail('UNKNOWN_COMMAND', `no command named ${quote(channel)}`);
  const problem = checkInput(channel, input);
  if (problem !== null) return fail('BAD_INPUT', problem);
  const handler = handlers[channel] as (input: unknown) => Promise<Result<unknown>>;
  try {
    return await handler(input ?? null);
  } catch (error) {
    return failureOf(error, channel);
  }
}

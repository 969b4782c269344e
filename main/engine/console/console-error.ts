import type { Channel, CommandHandlers, Input, Output } from '../../../shared/ipc/contract.js';
import { fail, ok, type BRIDGE_ERROR_CODES, type Result } from '../../../shared/ipc/result.js';
import { EngineError } from '../errors.js';

/** A code of the bridge's own (shared/ipc/result.ts), for errors the console service raises. */
export type BridgeErrorCode = keyof typeof BRIDGE_ERROR_CODES;

/** A command the console service refuses (bad JSON, unknown id, unreadable saved file), with a stable code. */
export class ConsoleError extends Error {
  constructor(
    readonly code: BridgeErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ConsoleError';
  }
}

/**
 * The Result for a thrown error: an engine or console refusal keeps its code and message; anything
 * else is a bug, reported as INTERNAL with its message only (house-style rule 4: no stack for the
 * user) while the stack goes to stderr, where whoever runs the host can find it.
 */
export function failureOf(error: unknown, channel: string): Result<never> {
  if (error instanceof EngineError || error instanceof ConsoleError) return fail(error.code, error.message);
  const message = error instanceof Error ? error.message : String(error);
  const stack = error instanceof Error && error.stack ? error.stack : message;
  process.stderr.write(`wstap: ${channel} failed unexpectedly: ${stack}\n`);
  return fail('INTERNAL', `${channel} failed unexpectedly: ${message}`);
}

/** The handler of `channel` from a function that returns the output or throws (a throw becomes its failure Result). */
export function handle<C extends Channel>(
  channel: C,
  run: (input: Input<C>) => Output<C> | Promise<Output<C>>,
): CommandHandlers[C] {
  const handler = async (input: Input<C>): Promise<Result<Output<C>>> => {
    try {
      return ok(await run(input));
    } catch (error) {
      return failureOf(error, channel);
    }
  };
  return handler as CommandHandlers[C];
}

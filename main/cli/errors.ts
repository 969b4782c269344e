import { EXIT, type ExitCode } from './exit-codes.js';

/** A mistake of the user's: printed as one clear line (no stack trace) with its exit code. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = EXIT.USAGE,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** Parses a non-negative whole number option, or throws a UserError naming the option. */
export function parseCount(option: string, value: string): number {
  const n = Number(value.replace(/_/g, ''));
  if (!/^\d[\d_]*$/.test(value) || !Number.isSafeInteger(n)) {
    throw new UserError(`${option} takes a whole number of bytes, got '${value}'`);
  }
  return n;
}

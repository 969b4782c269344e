import type { ErrorCode } from '../../shared/model/error-codes.js';

/** A command the engine refuses, with a stable code and a message a user can act on. */
export class EngineError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

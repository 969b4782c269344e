/** Paths of decoder files (a `.proto`, a module) as the renderer gives them: absolute only. */
import { isAbsolute, resolve } from 'node:path';
import { ConsoleError } from './console-error.js';

/** The absolute form of a path; DECODER_INVALID for a relative one (relative to what?). */
export function absoluteFile(path: string): string {
  if (!isAbsolute(path)) throw new ConsoleError('DECODER_INVALID', `${path}: expected an absolute path`);
  return resolve(path);
}

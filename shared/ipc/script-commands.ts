/** Script editor: open, save, run and stop scripts. */
import type { Check } from './validate.js';

/** Channels of this workflow: `domain.verb` → input and output. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ScriptCommands {}

/** The input check of each channel above. */
export const SCRIPT_INPUT_CHECKS: { readonly [C in keyof ScriptCommands]: Check } = {};

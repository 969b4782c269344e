/** Mock servers panel: start/stop echo, broadcast, mock-file and replay servers; the mock editor; clients. */
import type { Check } from './validate.js';

/** Channels of this workflow: `domain.verb` → input and output. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface MockCommands {}

/** The input check of each channel above. */
export const MOCK_INPUT_CHECKS: { readonly [C in keyof MockCommands]: Check } = {};

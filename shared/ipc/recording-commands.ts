/** Recordings: record, open recordings and HAR files, export, replay with a diff, serve as a mock. */
import type { Check } from './validate.js';

/** Channels of this workflow: `domain.verb` → input and output. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface RecordingCommands {}

/** The input check of each channel above. */
export const RECORDING_INPUT_CHECKS: { readonly [C in keyof RecordingCommands]: Check } = {};

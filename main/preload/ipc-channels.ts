/**
 * The two Electron IPC channels the bridge travels on: one for every command (the channel of the
 * contract goes inside, so main checks it like any other input) and one for pushed batches. The
 * preload owns these names; main/app/ipc.ts uses the same constants.
 */

/** Renderer → main: `invoke(CALL_CHANNEL, channel, input)` answers with a Result. */
export const CALL_CHANNEL = 'wstap:call';

/** Main → renderer: one EventBatch per message. */
export const BATCH_CHANNEL = 'wstap:batch';

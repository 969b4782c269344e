/**
 * `wstap run SCRIPT [-- ARGS]`: runs one script in the engine and prints its logs, its sessions'
 * lines (each prefixed with the connection id, like serve and proxy) and its result; returns the
 * exit code of its outcome.
 */
import type { SessionEvent } from '../../../shared/model/events.js';
import { createEngine } from '../../engine/engine.js';
import type { ScriptResult } from '../../engine/script/script-host.js';
import type { Io } from '../decode/decode-command.js';
import type { ExitCode } from '../exit-codes.js';
import { connectionOutput } from '../output/connection-lines.js';
import { startRecordingOrExplain } from '../start-recording.js';
import { exitCodeOf } from './outcome-exit.js';
import type { RunPlan } from './run-plan.js';

export async function runScriptCommand(
  script: string,
  args: readonly string[],
  plan: RunPlan,
  io: Io,
): Promise<ExitCode> {
  const engine = createEngine();
  const { output, lines, err } = connectionOutput(io, plan.output, { quiet: false });
  const recording = plan.record === null ? null : await startRecordingOrExplain(engine, plan.record);
  // -q: the script's own lines and its result only.
  const shown = (event: SessionEvent): boolean => !plan.quiet || event.type === 'script';
  engine.subscribe((event) => void (shown(event) && lines.take(event)), {
    // Pings and pongs are frames: -P needs frame events as --frames does.
    frames: (plan.output.format === 'frames' || plan.output.showPingPong) && !plan.quiet,
  });
  const run = engine.runScript({
    file: script,
    args,
    timeout: plan.timeout,
    expectTimeout: plan.expectTimeout,
  });
  const stop = (): void => run.stop();
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  let result: ScriptResult;
  try {
    result = await run.result;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await recording?.stop().catch(() => undefined);
    await engine.dispose();
  }
  if (plan.record !== null && plan.output.format !== 'json')
    output.add([{ to: 'err', text: err.dim(`recorded to ${plan.record} (wstap show ${plan.record})`) }]);
  await output.flush();
  return exitCodeOf(result.outcome);
}

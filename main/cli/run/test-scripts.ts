/**
 * `wstap test PATTERN...`: runs many scripts, up to --jobs at once, in one engine (so one
 * --record holds them all), prints a line per script as it ends — with the failure and the
 * script's last log lines when it failed — then a summary, and writes JUnit XML on request.
 */
import { writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import type { ScriptEvent, SessionEvent } from '../../../shared/model/events.js';
import { createEngine } from '../../engine/engine.js';
import type { ScriptResult, ScriptRun } from '../../engine/script/script-host.js';
import type { Io } from '../decode/decode-command.js';
import { UserError } from '../errors.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { connectionOutput } from '../output/connection-lines.js';
import { withoutControls } from '../output/event-printer.js';
import { startRecordingOrExplain } from '../start-recording.js';
import { junitXml, type JunitCase } from './junit.js';
import type { TestPlan } from './run-plan.js';
import { findScripts } from './script-files.js';

/** Log lines kept per script for its failure report and JUnit's system-out. */
const KEPT_LOG_LINES = 200;

export async function testScriptsCommand(plan: TestPlan, io: Io): Promise<ExitCode> {
  const files = await findScripts(plan.patterns);
  const engine = createEngine();
  const { output, lines, err } = connectionOutput(io, plan.output, { quiet: false });
  const json = plan.output.format === 'json';
  const recording = plan.record === null ? null : await startRecordingOrExplain(engine, plan.record);
  const logs = new Map<number, string[]>();
  engine.subscribe(
    (event: SessionEvent) => {
      if (event.type === 'script' && event.phase === 'log') keep(logs, event);
      if (json || (plan.verbose && !plan.quiet)) lines.take(event);
    },
    { frames: plan.verbose && (plan.output.format === 'frames' || plan.output.showPingPong) },
  );
  const say = (text: string): void => output.add([{ to: 'err', text }]);
  if (!json)
    say(
      err.dim(
        `running ${files.length} script${files.length === 1 ? '' : 's'}, ${Math.min(plan.jobs, files.length)} at a time`,
      ),
    );
  const started = Date.now();
  const running = new Set<ScriptRun>();
  let stopped = false;
  const stop = (): void => {
    stopped = true;
    for (const run of running) run.stop();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const results: ScriptResult[] = new Array(files.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (!stopped && next < files.length) {
      const index = next++;
      const run = engine.runScript({
        file: files[index]!,
        timeout: plan.timeout,
        expectTimeout: plan.expectTimeout,
      });
      running.add(run);
      const result = await run.result;
      running.delete(run);
      results[index] = result;
      if (!json) say(resultLine(result, logs.get(result.run) ?? [], err, plan.quiet));
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(plan.jobs, files.length) }, worker));
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await recording?.stop().catch(() => undefined);
    await engine.dispose();
  }
  const done = results.filter((r): r is ScriptResult => r !== undefined);
  const failed = done.filter((r) => r.outcome !== 'passed');
  const totalMs = Date.now() - started;
  if (!json) {
    const summary = `${done.length} script${done.length === 1 ? '' : 's'}: ${done.length - failed.length} passed, ${failed.length} failed${done.length < files.length ? `, ${files.length - done.length} not run (interrupted)` : ''} (${(totalMs / 1000).toFixed(1)} s)`;
    say(failed.length === 0 && done.length === files.length ? err.green(summary) : err.red(summary));
  }
  if (plan.junit !== null) {
    const cases: JunitCase[] = done.map((r) => ({
      ...r,
      file: relative(process.cwd(), r.file) || r.file,
      logs: logs.get(r.run) ?? [],
    }));
    try {
      await writeFile(plan.junit, junitXml(cases, totalMs, new Date(started)));
    } catch (error) {
      throw new UserError(
        `cannot write ${plan.junit}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
    }
    if (!json) say(err.dim(`JUnit XML written to ${plan.junit}`));
  }
  if (plan.record !== null && !json) say(err.dim(`recorded to ${plan.record} (wstap show ${plan.record})`));
  await output.flush();
  if (done.length < files.length) return EXIT.INTERRUPTED;
  return failed.length === 0 ? EXIT.OK : EXIT.SCRIPT_FAILED;
}

function keep(logs: Map<number, string[]>, event: ScriptEvent): void {
  const kept = logs.get(event.run) ?? [];
  kept.push(event.message);
  if (kept.length > KEPT_LOG_LINES) kept.shift();
  logs.set(event.run, kept);
}

function resultLine(
  result: ScriptResult,
  logs: readonly string[],
  c: ReturnType<typeof connectionOutput>['err'],
  quiet: boolean,
): string {
  const name = relative(process.cwd(), result.file) || result.file;
  if (result.outcome === 'passed') return `${c.green('✓')} ${name} ${c.dim(`(${result.report})`)}`;
  const lines = [`${c.red('✗')} ${name} ${c.red(result.outcome)} ${c.dim(`(${result.report})`)}`];
  for (const line of (result.failure ?? '').split('\n'))
    if (line) lines.push(`    ${c.red(withoutControls(line))}`);
  const shown = logs.slice(-20);
  if (!quiet && shown.length > 0) {
    lines.push(c.dim(`    its last ${shown.length === 1 ? 'line' : `${shown.length} lines`} of output:`));
    for (const line of shown) lines.push(c.dim(`      ${withoutControls(line)}`));
  }
  return lines.join('\n');
}

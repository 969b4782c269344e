/**
 * `wstap replay FILE`: loads the recording, replays the chosen connections against the target,
 * records the live run, prints the differences and returns the exit code (0 when it matched).
 */
import type { Conversation, ConversationConnection } from '../../../shared/interchange/conversation.js';
import { createMatcher } from '../../../shared/replay/message-matcher.js';
import { itemTotals, replayItems } from '../../../shared/replay/replay-items.js';
import type { ReplayReport } from '../../../shared/replay/replay-report.js';
import { createEngine } from '../../engine/engine.js';
import { EngineError } from '../../engine/errors.js';
import { loadConversation } from '../../engine/interchange/load-conversation.js';
import { runReplay } from '../../engine/replay/replay-runner.js';
import type { ActiveRecording } from '../../engine/session-recorder.js';
import type { Io } from '../decode/decode-command.js';
import { UserError } from '../errors.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { startRecordingOrExplain } from '../start-recording.js';
import { paletteFor } from '../terminal.js';
import { ProgressBar } from './progress-bar.js';
import type { ReplayPlan } from './replay-plan.js';
import { clientOptionsFor, liveUrl } from './replay-target.js';
import { reportLines } from './report-lines.js';

/** Runs the replay; returns the exit code. Throws UserError for what the user can fix. */
export async function runReplayCommand(plan: ReplayPlan, io: Io): Promise<ExitCode> {
  const conversation = await load(plan.file);
  const err = paletteFor(io.stderr, plan.noColor);
  for (const warning of conversation.warnings ?? [])
    io.stderr.write(`${err.yellow('warning')}: ${warning}\n`);
  const connections = choose(conversation, plan);
  for (const c of connections) liveUrl(plan.target, c.url);
  const totals = itemTotals(replayItems(connections));
  if (!plan.json) {
    const target = plan.target ?? 'the recorded URLs';
    io.stdout.write(
      `replaying ${plan.file} → ${target} (${plan.mode}${plan.mode === 'timed' ? ` ×${plan.speed}` : ''}, ${plan.match} match${plan.ignore.length > 0 ? `, ignoring ${plan.ignore.map((p) => p.source).join(' ')}` : ''}): ` +
        `${count(connections.length, 'connection')}, ${count(totals.sends, 'message')} to send, ${totals.expects} expected\n`,
    );
  }
  const engine = createEngine();
  let recording: ActiveRecording | null = null;
  const abort = new AbortController();
  const onSigint = (): void => abort.abort();
  process.on('SIGINT', onSigint);
  const bar = new ProgressBar(
    io.stderr,
    'replaying',
    plan.progress && !plan.json && io.stderr.isTTY === true,
  );
  let report: ReplayReport;
  try {
    if (plan.record !== null) recording = await startRecordingOrExplain(engine, plan.record);
    report = await runReplay(engine, connections, {
      mode: plan.mode,
      speed: plan.speed,
      timeout: plan.timeout,
      matcher: createMatcher(plan.match, plan.ignore),
      ignore: plan.ignore,
      tolerance: plan.tolerance,
      clientOptions: (c) => clientOptionsFor(plan, c),
      onProgress: (done, total) => bar.update(done, total),
      signal: abort.signal,
    });
  } finally {
    process.off('SIGINT', onSigint);
    bar.clear();
    await recording?.stop().catch(() => undefined);
    await engine.dispose();
  }
  if (plan.json)
    io.stdout.write(`${JSON.stringify({ file: plan.file, ...report, recording: plan.record })}\n`);
  else
    io.stdout.write(`${reportLines(report, connections, paletteFor(io.stdout, plan.noColor)).join('\n')}\n`);
  if (abort.signal.aborted)
    io.stderr.write('interrupted: the report covers what was replayed before Ctrl-C\n');
  if (plan.record !== null && !plan.json)
    io.stderr.write(`live run recorded to ${plan.record} (wstap show ${plan.record})\n`);
  return exitCode(report);
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function exitCode(report: ReplayReport): ExitCode {
  if (report.differences === 0) return EXIT.OK;
  const none = report.connections.every(
    (c) =>
      c.liveConn === null || (c.matched === 0 && c.sent === 0 && c.findings.some((f) => f.kind === 'failed')),
  );
  return none ? EXIT.CONNECT_FAILED : EXIT.REPLAY_DIFFERS;
}

async function load(file: string): Promise<Conversation> {
  try {
    return await loadConversation(file);
  } catch (error) {
    if (error instanceof EngineError) throw new UserError(error.message);
    throw error;
  }
}

function choose(conversation: Conversation, plan: ReplayPlan): readonly ConversationConnection[] {
  const all = conversation.connections;
  if (all.length === 0) throw new UserError(`${plan.file} holds no WebSocket connection to replay`);
  if (plan.connections.length === 0) return all;
  return plan.connections.map((id) => {
    const found = all.find((c) => c.id === id);
    if (found === undefined) {
      const ids = all.map((c) => `#${c.id} ${c.url}`).join(', ');
      throw new UserError(`--connection ${id}: ${plan.file} has no connection ${id}; it has ${ids}`);
    }
    return found;
  });
}

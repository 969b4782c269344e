import { readFileSync } from 'node:fs';
import type { SessionEvent } from '../../../shared/model/events.js';
import { createEngine, type Engine } from '../../engine/engine.js';
import { EngineError } from '../../engine/errors.js';
import { makeSelfSigned } from '../../engine/server/self-signed.js';
import type { RunningServer, ServerOptions } from '../../engine/server/server.js';
import type { ActiveRecording } from '../../engine/session-recorder.js';
import type { Io } from '../decode/decode-command.js';
import { UserError } from '../errors.js';
import { startRecordingOrExplain } from '../start-recording.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import type { BatchedOutput } from '../output/batched-output.js';
import { connectionOutput, type ConnectionLines } from '../output/connection-lines.js';
import type { OutputLine } from '../output/event-printer.js';
import { openPrompt, type Prompt } from '../connect/prompt.js';
import type { Palette } from '../terminal.js';
import { behaviourSource, type BehaviourSource } from './behaviour-source.js';
import { ServeConsole } from './serve-console.js';
import type { ServePlan } from './serve-plan.js';
import { Timelines } from './timelines.js';
import { startReloading, type Reloading } from '../../engine/server/reloading.js';

/**
 * One `wstap serve` run: the engine's server, the printed timeline of every connection (each line
 * prefixed with its id), the console (a prompt on a terminal, commands from a pipe), hot reload,
 * and a clean stop on Ctrl-C, SIGTERM or /quit.
 */
export class ServeRun {
  private readonly engine: Engine = createEngine();
  private readonly output: BatchedOutput;
  private readonly lines: ConnectionLines;
  private readonly err: Palette;
  private readonly timelines = new Timelines();
  private readonly source: BehaviourSource;
  private server: RunningServer | null = null;
  private recording: ActiveRecording | null = null;
  private prompt: Prompt | null = null;
  private reloading: Reloading | null = null;
  private stopping: Promise<void> | null = null;
  private resolveStopped!: () => void;
  private readonly stopped = new Promise<void>((resolve) => (this.resolveStopped = resolve));
  private interrupts = 0;

  constructor(
    private readonly plan: ServePlan,
    private readonly io: Io,
  ) {
    ({
      output: this.output,
      err: this.err,
      lines: this.lines,
    } = connectionOutput(io, plan.output, { quiet: plan.quiet, keepHidden: true }));
    this.source = behaviourSource(plan);
  }

  /** Serves until stopped; returns the exit code. Throws UserError for what the user can fix. */
  async run(): Promise<ExitCode> {
    this.engine.subscribe((event) => this.onEvent(event));
    try {
      const loaded = await this.source.load();
      if (!loaded.ok) throw new UserError(loaded.errors.join('\n'));
      for (const warning of loaded.warnings ?? []) this.note(this.err.yellow(`warning: ${warning}`));
      if (this.plan.record !== null)
        this.recording = await startRecordingOrExplain(this.engine, this.plan.record);
      this.server = await this.engine.serve({ ...(await this.serverOptions()), behaviour: loaded.behaviour });
      if (this.source.reloadable && this.plan.watch)
        this.reloading = startReloading(this.source, this.server, loaded.files, this.plan.reloadClose);
    } catch (error) {
      await this.recording?.stop().catch(() => undefined);
      await this.engine.dispose();
      if (error instanceof EngineError) throw new UserError(error.message);
      throw error;
    }
    const onSignal = (): void => this.interrupt();
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    this.startInput(this.server);
    await this.stopped;
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    this.prompt?.close();
    this.output.setGuard(null);
    if (!this.io.stdin.isTTY) this.io.stdin.destroy();
    const recordingError = await this.recording?.stop().then(
      () => null,
      (error: Error) => error.message,
    );
    if (recordingError)
      this.note(this.err.red(`the recording ${this.plan.record} is incomplete: ${recordingError}`));
    await this.output.flush();
    return EXIT.OK;
  }

  private async serverOptions(): Promise<Omit<ServerOptions, 'behaviour'>> {
    const { plan } = this;
    let tls: ServerOptions['tls'];
    if (plan.tls.kind === 'files') {
      tls = { cert: readPem(plan.tls.cert, '--tls-cert'), key: readPem(plan.tls.key, '--tls-key') };
    } else if (plan.tls.kind === 'self-signed') {
      const made = await makeSelfSigned();
      tls = { cert: made.cert, key: made.key };
      this.note(
        this.err.yellow(`self-signed certificate for localhost, 127.0.0.1 and ::1, valid to ${made.validTo}`),
        this.err.dim(`  SHA-256 ${made.fingerprint256}`),
        this.err.dim('  clients must trust it (wstap connect -k, or import it) to connect'),
      );
    }
    return {
      host: plan.host,
      port: plan.port,
      tls,
      maxPayload: plan.maxPayload,
      maxFragments: plan.maxFragments,
      perMessageDeflate: plan.deflate,
    };
  }

  private onEvent(event: SessionEvent): void {
    const lines = this.lines.take(event);
    if (this.plan.output.format !== 'json') this.timelines.add(event.conn, lines);
  }

  /** The console: a prompt on a terminal, else commands read from the pipe (its end changes nothing). */
  private startInput(server: RunningServer): void {
    const console = new ServeConsole({
      server,
      timelines: this.timelines,
      err: this.err,
      note: (...lines) => this.note(...lines),
      reload: () =>
        this.reloading
          ? this.reloading.now()
          : this.note(this.err.dim('nothing to reload: only --mock and --handler reload')),
      quit: () => void this.stop(),
    });
    if (this.io.stdin.isTTY) {
      const terminal = this.io.stdout.isTTY ? this.io.stdout : this.io.stderr;
      const prompt = openPrompt(this.io.stdin, terminal, '> ');
      this.prompt = prompt;
      this.output.setGuard(prompt);
      prompt.rl.on('line', (line) => {
        void console.run(line);
        prompt.show();
      });
      prompt.rl.on('SIGINT', () => this.interrupt());
      prompt.rl.on('close', () => void this.stop());
      this.note(
        this.err.dim('text goes to every client; /help lists commands; Ctrl-C or /quit stops the server'),
      );
      prompt.show();
      return;
    }
    void console.readLines(this.io.stdin);
  }

  /** Ctrl-C or SIGTERM: close every client with 1001 and stop; a second one stops at once. */
  private interrupt(): void {
    this.interrupts++;
    if (this.interrupts === 1) {
      this.note(this.err.dim('stopping: closing every client with 1001 (Ctrl-C again to drop them)'));
      void this.stop();
    } else {
      for (const client of this.server?.clients() ?? []) this.server?.connection(client.id).drop();
    }
  }

  private stop(): Promise<void> {
    this.stopping ??= (async () => {
      this.reloading?.close();
      await this.engine.dispose();
      this.resolveStopped();
    })();
    return this.stopping;
  }

  private note(...texts: string[]): void {
    this.output.add(texts.map((text): OutputLine => ({ to: 'err', text })));
  }
}

function readPem(path: string, option: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UserError(
      `${option}: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

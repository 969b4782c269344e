import type { Engine } from '../../engine/engine.js';
import { createEngine } from '../../engine/engine.js';
import { EngineError } from '../../engine/errors.js';
import type { RunningProxy } from '../../engine/proxy/proxy.js';
import type { ActiveRecording } from '../../engine/session-recorder.js';
import type { Io } from '../decode/decode-command.js';
import { UserError } from '../errors.js';
import { startRecordingOrExplain } from '../start-recording.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import type { BatchedOutput } from '../output/batched-output.js';
import { connectionOutput, type ConnectionLines } from '../output/connection-lines.js';
import type { Palette } from '../terminal.js';
import { openPrompt, type Prompt } from '../connect/prompt.js';
import { ProxyConsole } from './proxy-console.js';
import type { ProxyPlan } from './proxy-plan.js';

/**
 * One `wstap proxy` run: the engine's proxy in front of the target, every connection's timeline
 * printed with its id, an optional recording, and a clean stop on Ctrl-C or SIGTERM.
 */
export class ProxyRun {
  private readonly engine: Engine = createEngine();
  private readonly output: BatchedOutput;
  private readonly lines: ConnectionLines;
  private readonly err: Palette;

  constructor(
    private readonly plan: ProxyPlan,
    private readonly io: Io,
  ) {
    ({
      output: this.output,
      err: this.err,
      lines: this.lines,
    } = connectionOutput(io, plan.output, { quiet: plan.quiet }));
  }

  /** Relays until stopped; returns the exit code. Throws UserError for what the user can fix. */
  async run(): Promise<ExitCode> {
    // With -q no frame or message is printed: the taps then build no such events (bench/proxy).
    const traffic = this.lines.showsTraffic;
    this.engine.subscribe((event) => void this.lines.take(event), { frames: traffic, messages: traffic });
    let recording: ActiveRecording | null = null;
    let proxy: RunningProxy;
    try {
      if (this.plan.record !== null) recording = await startRecordingOrExplain(this.engine, this.plan.record);
      const { host, port, target, set, remove, ca, insecure } = this.plan;
      proxy = await this.engine.proxy({
        host,
        port,
        target,
        edits: { set, remove },
        tls: { ca, insecure },
        maxHeld: this.plan.maxHeld,
        rules: this.plan.rules,
      });
    } catch (error) {
      await recording?.stop().catch(() => undefined);
      await this.engine.dispose();
      if (error instanceof EngineError) throw new UserError(error.message);
      throw error;
    }
    this.output.add([
      {
        to: 'err',
        text: this.err.dim(
          `apps connect to ${proxy.url}; wstap forwards to ${proxy.target}; /help lists interventions; Ctrl-C stops`,
        ),
      },
    ]);
    await this.serveConsole(proxy);
    await this.engine.dispose();
    const failed = await recording?.stop().then(
      () => null,
      (error: Error) => error.message,
    );
    if (failed)
      this.output.add([
        { to: 'err', text: this.err.red(`the recording ${this.plan.record} is incomplete: ${failed}`) },
      ]);
    await this.output.flush();
    return EXIT.OK;
  }

  /** The console until Ctrl-C, SIGTERM or /quit: a prompt on a terminal, else commands from the pipe. */
  private serveConsole(proxy: RunningProxy): Promise<void> {
    return new Promise<void>((resolve) => {
      let prompt: Prompt | null = null;
      const stop = (): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        this.output.setGuard(null);
        prompt?.close();
        if (!this.io.stdin.isTTY) this.io.stdin.destroy();
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      const note = (...lines: string[]): void =>
        this.output.add(lines.map((text) => ({ to: 'err' as const, text })));
      const console = new ProxyConsole({ proxy, err: this.err, note, quit: stop });
      if (!this.io.stdin.isTTY) {
        void console.readLines(this.io.stdin).catch(() => undefined);
        return;
      }
      const opened = openPrompt(this.io.stdin, this.io.stdout.isTTY ? this.io.stdout : this.io.stderr, '> ');
      prompt = opened;
      this.output.setGuard(opened);
      opened.rl.on('line', (line) => {
        console.run(line);
        opened.show();
      });
      opened.rl.on('SIGINT', stop);
      opened.show();
    });
  }
}

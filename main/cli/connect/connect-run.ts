import type { MessageEvent, SessionEvent } from '../../../shared/model/events.js';
import { ms } from '../../../shared/model/close-explanation.js';
import { createEngine, type Engine } from '../../engine/engine.js';
import { EngineError } from '../../engine/errors.js';
import type { ActiveRecording } from '../../engine/session-recorder.js';
import type { Io } from '../decode/decode-command.js';
import { UserError } from '../errors.js';
import { startRecordingOrExplain } from '../start-recording.js';
import type { ExitCode } from '../exit-codes.js';
import { BatchedOutput } from '../output/batched-output.js';
import { printerFor, type EventPrinter, type OutputLine } from '../output/event-printer.js';
import { helpLines, infoLines } from '../output/info-lines.js';
import { paletteFor, type Palette } from '../terminal.js';
import { CommandQueue } from './command-queue.js';
import type { ConnectPlan } from './connect-plan.js';
import { decideExit } from './exit-decision.js';
import { ExpectationQueue } from './expectations.js';
import { pipedCommands } from './piped-input.js';
import { openPrompt, type Prompt } from './prompt.js';
import { SessionFacts } from './session-facts.js';
import { parseInputLine, type ParsedLine } from './slash-commands.js';

/** How long a Close we sent may go unanswered before the TCP connection is dropped. */
const CLOSE_GRACE_MS = 5000;

/**
 * One `wstap connect` run: the engine, the input (a prompt, piped lines or -x), the output, and
 * when to stop (end of input and -w, --expect, -1/--max-messages, Ctrl-C, the peer closing).
 */
export class ConnectRun {
  private readonly engine: Engine = createEngine();
  private readonly facts = new SessionFacts();
  private readonly expectations: ExpectationQueue;
  private readonly output: BatchedOutput;
  private readonly printer: EventPrinter;
  private readonly err: Palette;
  private readonly timers = new Set<NodeJS.Timeout>();
  private session = 0;
  private queue: CommandQueue | null = null;
  private prompt: Prompt | null = null;
  private recording: ActiveRecording | null = null;
  private finishing = false;
  private over = false;
  private expectTimedOut = false;
  private received = 0;
  private interrupts = 0;
  private autoPong: boolean;

  constructor(
    private readonly plan: ConnectPlan,
    private readonly io: Io,
  ) {
    this.expectations = new ExpectationQueue(plan.expectations);
    this.output = new BatchedOutput({ out: io.stdout, err: io.stderr });
    this.err = paletteFor(io.stderr, plan.output.noColor);
    const out = paletteFor(io.stdout, plan.output.noColor);
    this.printer = printerFor(plan.output, out, this.err);
    this.autoPong = plan.client.autoPong ?? true;
  }

  /** Runs the session to its end and returns the exit code. Throws UserError for bad options. */
  async run(): Promise<ExitCode> {
    this.engine.subscribe((event) => this.onEvent(event));
    try {
      if (this.plan.record !== null) this.recording = await startRecordingOrExplain(this.engine, this.plan.record);
      this.session = this.engine.connect(this.plan.client);
    } catch (error) {
      await this.recording?.stop().catch(() => undefined);
      await this.engine.dispose();
      if (error instanceof EngineError) throw new UserError(error.message);
      throw error;
    }
    const onSigint = (): void => this.interrupt();
    const onOutputError = (error: NodeJS.ErrnoException): void => {
      // The reader went away (`| head -1`): nothing more can be shown, so end the session.
      if (error.code === 'EPIPE') this.finish();
    };
    process.on('SIGINT', onSigint);
    this.io.stdout.on('error', onOutputError);
    if (this.plan.timeoutMs !== null) this.after(this.plan.timeoutMs, () => this.expectTimeout());
    this.queue = new CommandQueue({
      engine: this.engine,
      session: this.session,
      report: (message) => this.note(this.err.red(message)),
      closing: () => this.closing(),
    });
    this.startInput(this.queue);
    // The wait for replies starts once everything was sent on an open connection, not before it opened.
    void this.queue.drained.then(() => this.engine.opened(this.session)).then((open) => open && this.inputDone());

    await this.engine.done(this.session);
    this.over = true;
    process.off('SIGINT', onSigint);
    for (const timer of this.timers) clearTimeout(timer);
    this.queue.clear();
    this.stopInput();
    const recordingError = await this.recording?.stop().then(
      () => null,
      (error: Error) => error.message,
    );
    if (recordingError) this.note(this.err.red(`the recording ${this.plan.record} is incomplete: ${recordingError}`));
    await this.engine.dispose();
    const decision = decideExit({
      opened: this.facts.opened,
      closed: this.facts.lastClosed,
      peerViolation: this.facts.peerViolations[0] ?? null,
      expectations: { total: this.expectations.all.length, met: this.expectations.met, timedOut: this.expectTimedOut },
      failOn: this.plan.failOn,
    });
    if (decision.why !== null) this.note(this.err.red(`exit ${decision.code}: ${decision.why}`));
    await this.output.flush();
    this.io.stdout.off('error', onOutputError);
    return decision.code;
  }

  private onEvent(event: SessionEvent): void {
    this.facts.take(event);
    this.output.add(this.printer.lines(event));
    if (event.type === 'message' && event.dir === 'in') this.onReceived(event);
  }

  private onReceived(message: MessageEvent): void {
    this.received++;
    const met = this.expectations.offer(message);
    const total = this.expectations.all.length;
    met.forEach((expectation, i) => {
      const n = this.expectations.met - met.length + i + 1;
      this.note(this.err.green(`expected message ${n}/${total} arrived: ${expectation.spec}`));
    });
    if (met.length > 0 && this.expectations.done) this.finish();
    if (this.plan.maxMessages !== null && this.received >= this.plan.maxMessages) this.finish();
  }

  /** -x messages, the interactive prompt, or piped standard input. */
  private startInput(queue: CommandQueue): void {
    if (this.plan.execute.length > 0) {
      for (const text of this.plan.execute) void queue.submit({ kind: 'send', message: { kind: 'text', text } });
      queue.end();
      return;
    }
    if (this.io.stdin.isTTY) return this.startPrompt(queue);
    void this.readPiped(queue);
  }

  private async readPiped(queue: CommandQueue): Promise<void> {
    try {
      for await (const parsed of pipedCommands(this.io.stdin, { mode: this.plan.input, slash: this.plan.slash })) {
        if (this.over || this.finishing) break;
        await this.take(parsed, queue);
      }
    } catch (error) {
      this.note(this.err.red(`cannot read standard input: ${(error as Error).message}`));
    }
    queue.end();
  }

  private startPrompt(queue: CommandQueue): void {
    const terminal = this.io.stdout.isTTY ? this.io.stdout : this.io.stderr;
    const prompt = openPrompt(this.io.stdin, terminal, '> ');
    this.prompt = prompt;
    this.output.setGuard(prompt);
    prompt.rl.on('line', (line) => {
      void this.take(parseInputLine(line), queue);
      prompt.show();
    });
    prompt.rl.on('SIGINT', () => this.interrupt());
    // Ctrl-D: the user is done typing.
    prompt.rl.on('close', () => {
      if (!this.over) this.finish();
    });
    this.note(this.err.dim('type a message and press Enter; /help lists commands; Ctrl-D or /quit closes'));
    prompt.show();
  }

  /** Runs what the prompt answers at once; queues what goes on the wire. */
  private async take(parsed: ParsedLine, queue: CommandQueue): Promise<void> {
    if (!parsed.ok) return this.note(this.err.red(parsed.error));
    const command = parsed.command;
    switch (command.kind) {
      case 'nothing':
        return;
      case 'help':
        return this.note(...helpLines());
      case 'info':
        return this.note(...infoLines(this.facts, this.autoPong, this.engine.clock.now()));
      case 'quit':
        return this.finish();
      case 'pongs':
        this.autoPong = command.on;
        this.engine.setAutoPong(this.session, command.on);
        return this.note(this.err.dim(`automatic pongs ${command.on ? 'on' : 'off'}`));
      default:
        return queue.submit(command);
    }
  }

  private stopInput(): void {
    this.output.setGuard(null);
    this.prompt?.close();
    if (!this.io.stdin.isTTY && this.plan.execute.length === 0) this.io.stdin.destroy();
  }

  /** Everything given (piped input ended, -x sent): wait -w for replies, then close. */
  private inputDone(): void {
    if (this.over || this.finishing) return;
    if (this.expectations.all.length > 0) return; // --expect and --timeout decide when to stop.
    if (this.prompt !== null) return; // the prompt ends with /quit or Ctrl-D
    if (this.plan.exitOnEof) return this.finish();
    if (this.plan.waitMs !== null) this.after(this.plan.waitMs, () => this.finish());
  }

  private expectTimeout(): void {
    if (this.expectations.done) return;
    this.expectTimedOut = true;
    const spec = this.expectations.pending?.spec ?? '';
    this.note(this.err.red(`no message matched ${JSON.stringify(spec)} within ${ms(this.plan.timeoutMs ?? 0)}`));
    this.finish();
  }

  /** Ends the session with our Close (--close-status-code, default 1000). */
  private finish(): void {
    if (this.finishing || this.over) return;
    try {
      this.engine.close(this.session, this.plan.close);
    } catch (error) {
      this.note(this.err.red((error as Error).message));
      this.engine.terminate(this.session);
    }
    this.closing();
  }

  /** A Close went out: give the peer CLOSE_GRACE_MS to answer, then drop TCP. */
  private closing(): void {
    if (this.finishing) return;
    this.finishing = true;
    this.after(CLOSE_GRACE_MS, () => this.engine.terminate(this.session));
  }

  /** Ctrl-C: close cleanly; a second Ctrl-C drops the connection. */
  private interrupt(): void {
    if (this.over) return;
    this.interrupts++;
    if (this.interrupts === 1) {
      this.note(this.err.dim('closing (Ctrl-C again drops the connection)'));
      this.finish();
    } else {
      this.engine.terminate(this.session);
    }
  }

  private after(delayMs: number, action: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      action();
    }, delayMs);
    this.timers.add(timer);
  }

  private note(...texts: string[]): void {
    this.output.add(texts.map((text): OutputLine => ({ to: 'err', text })));
  }
}

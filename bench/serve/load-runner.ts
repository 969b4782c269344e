import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { WrongEcho } from './echo-stream.js';
import type { IdleCommand, LoadConfig, LoadEvent } from './load-protocol.js';
import { spawnNode, Tail } from './spawn-node.js';

type EventOf<E extends LoadEvent['event']> = Extract<LoadEvent, { event: E }>;

/** The load process (load.ts) of one run, seen from the bench. */
export interface LoadProcess {
  /** The next event of this kind. Rejects with WrongEcho on the referee's verdict, or when the load dies first. */
  next<E extends LoadEvent['event']>(event: E, timeoutMs?: number): Promise<EventOf<E>>;
  /** A command to an idle load. */
  tell(command: IdleCommand): void;
  /** Resolves when the load has exited 0. */
  done(): Promise<void>;
}

/** Starts the load process, from out/bench/serve/load.js (the transpiled load.ts next to this module). */
export function startLoad(config: LoadConfig, env: NodeJS.ProcessEnv): LoadProcess {
  const script = resolve(import.meta.dirname, 'load.js');
  const child = spawnNode([script, JSON.stringify(config)], env);
  const err = new Tail();
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => err.add(chunk));
  const events: LoadEvent[] = [];
  let wake = (): void => undefined;
  let exit: string | null = null;
  const exited = new Promise<void>((done) =>
    child.once('close', (code, signal) => ((exit = signal ?? `exit ${code}`), wake(), done())),
  );
  createInterface({ input: child.stdout, terminal: false }).on('line', (line) => {
    events.push(JSON.parse(line) as LoadEvent);
    wake();
  });
  const failure = (): Error | null => {
    const wrong = events.find((e): e is EventOf<'wrong'> => e.event === 'wrong');
    if (wrong) return new WrongEcho(wrong.message);
    return exit === null ? null : new Error(`the load process ended (${exit})\nstderr: ${String(err)}`);
  };
  return {
    next(event, timeoutMs = 60_000) {
      return new Promise((resolvePromise, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no ${event} from the load process within ${timeoutMs} ms`)),
          timeoutMs,
        );
        const check = (): void => {
          const at = events.findIndex((e) => e.event === event);
          const problem = at < 0 ? failure() : null;
          if (at < 0 && problem === null) return;
          clearTimeout(timer);
          wake = () => undefined;
          if (problem) return reject(problem);
          resolvePromise(events.splice(at, 1)[0] as EventOf<typeof event>);
        };
        wake = check;
        check();
      });
    },
    tell: (command) => void child.stdin.write(`${command}\n`),
    async done() {
      await exited;
      const problem = failure();
      if (exit !== 'exit 0') throw problem ?? new Error(`the load process ended (${exit})`);
    },
  };
}

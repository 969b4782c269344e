import type { ServerContestant } from './contestants.js';
import { spawnNode, Tail } from './spawn-node.js';

/** A server stopped working (died, never listened, or did not stop cleanly): the bench fails. */
export class ServerFailure extends Error {}

/** A contestant's server, running in its own process. */
export interface ServerProcess {
  readonly pid: number;
  /** `ws://127.0.0.1:PORT`, as it printed it. */
  readonly url: string;
  /** Bytes it has printed so far (stdout and stderr), all read and dropped by the bench. */
  printedBytes(): number;
  /** Throws ServerFailure when it has exited. */
  assertRunning(): void;
  /** Ctrl-C (SIGINT) and waits for it to exit; ServerFailure unless it exits 0 within `timeoutMs`. */
  stop(timeoutMs?: number): Promise<void>;
}

const LISTENING = /listening on (wss?:\/\/\S+)/;

/**
 * Starts the contestant's server with stdin an open pipe (nothing typed) and resolves once it
 * prints `listening on ws://…` (both servers say it on stderr). Everything it prints is read as it
 * comes, as a terminal would, so printing costs it what it costs a user.
 */
export function startServer(contestant: ServerContestant, env: NodeJS.ProcessEnv, timeoutMs = 15_000): Promise<ServerProcess> {
  const child = spawnNode(contestant.args, env);
  const out = new Tail();
  const err = new Tail();
  let printed = 0;
  let exit: string | null = null;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exit = signal ?? `exit ${code}`;
      resolve();
    }),
  );
  const describe = (what: string): string => `${contestant.label} ${what}\nstdout: …${String(out)}\nstderr: …${String(err)}`;
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    printed += Buffer.byteLength(chunk);
    out.add(chunk);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new ServerFailure(describe(`did not say where it listens within ${timeoutMs} ms`)));
    }, timeoutMs);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new ServerFailure(describe(`ended (${exit}) before it listened`)));
    });
    let url: string | null = null;
    child.stderr.on('data', (chunk: string) => {
      printed += Buffer.byteLength(chunk);
      err.add(chunk);
      if (url !== null) return;
      url = LISTENING.exec(String(err))?.[1] ?? null;
      if (url === null) return;
      clearTimeout(timer);
      resolve({
        pid: child.pid as number,
        url,
        printedBytes: () => printed,
        assertRunning() {
          if (exit !== null) throw new ServerFailure(describe(`died during the run (${exit})`));
        },
        async stop(stopMs = 10_000) {
          if (exit === null) child.kill('SIGINT');
          const killer = setTimeout(() => child.kill('SIGKILL'), stopMs);
          await exited;
          clearTimeout(killer);
          if (exit !== 'exit 0') throw new ServerFailure(describe(`did not stop cleanly on Ctrl-C: ${exit}`));
        },
      });
    });
  });
}

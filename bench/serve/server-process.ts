import { connect } from 'node:net';
import { spawnNode, spawnProgram, Tail } from './spawn-node.js';

/** A server stopped working (died, never listened, or did not stop cleanly): the bench fails. */
export class ServerFailure extends Error {}

/** A server the bench starts in its own process. */
export interface ServerCommand {
  readonly label: string;
  /** The program; node (process.execPath) when absent, and `args` then start with the script. */
  readonly command?: string;
  readonly args: readonly string[];
  /**
   * Where it listens, for a server that does not print `listening on ws://…` on stderr: it is
   * ready once a TCP connection there succeeds.
   */
  readonly url?: string;
}

/** A contestant's server, running in its own process. */
export interface ServerProcess {
  readonly pid: number;
  /** `ws://127.0.0.1:PORT`, as it printed it (or as it was told to listen). */
  readonly url: string;
  /** Bytes it has printed so far (stdout and stderr), all read and dropped by the bench. */
  printedBytes(): number;
  /** The last 2000 characters it printed on stderr. */
  stderrTail(): string;
  /** Throws ServerFailure when it has exited. */
  assertRunning(): void;
  /** Ctrl-C (SIGINT) and waits for it to exit; ServerFailure unless it exits 0 within `timeoutMs`. */
  stop(timeoutMs?: number): Promise<void>;
}

const LISTENING = /listening on (wss?:\/\/\S+)/;
const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** Whether something accepts TCP connections at the URL's host and port now. */
function accepting(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Starts the server with stdin an open pipe (nothing typed) and resolves once it prints
 * `listening on ws://…` on stderr (wstap and the bench's own servers say it), or, for a server
 * started with its `url`, once it accepts a TCP connection there. Everything it prints is read as
 * it comes, as a terminal would, so printing costs it what it costs a user.
 */
export function startServer(
  server: ServerCommand,
  env: NodeJS.ProcessEnv,
  timeoutMs = 15_000,
): Promise<ServerProcess> {
  const child =
    server.command === undefined
      ? spawnNode(server.args, env)
      : spawnProgram(server.command, server.args, env);
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
  const describe = (what: string): string =>
    `${server.label} ${what}\nstdout: …${String(out)}\nstderr: …${String(err)}`;
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    printed += Buffer.byteLength(chunk);
    out.add(chunk);
  });
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (what: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(new ServerFailure(describe(what)));
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(
        `did not ${server.url === undefined ? 'say where it listens' : `accept connections at ${server.url}`} within ${timeoutMs} ms`,
      );
    }, timeoutMs);
    child.once('error', (error) => fail(`could not be started: ${error.message}`));
    void exited.then(() => fail(`ended (${exit}) before it listened`));
    const listening = (url: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({
        pid: child.pid as number,
        url,
        printedBytes: () => printed,
        stderrTail: () => String(err),
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
    };
    child.stderr.on('data', (chunk: string) => {
      printed += Buffer.byteLength(chunk);
      err.add(chunk);
      if (settled || server.url !== undefined) return;
      const url = LISTENING.exec(String(err))?.[1];
      if (url !== undefined) listening(url);
    });
    const { url } = server;
    if (url === undefined) return;
    void (async () => {
      while (!settled) {
        if (await accepting(url)) return listening(url);
        await sleep(50);
      }
    })();
  });
}

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

/** Open files a process needs besides its sockets: Node's own, stdio, pipes, the module files. */
export const FILES_BESIDES_SOCKETS = 64;

/**
 * Throws, saying what to do, when `need` open files are more than the limit. Node raises its own
 * soft limit to the hard limit as it starts, so the bench's limit is what every Node child gets.
 */
export function checkOpenFiles(limit: { soft: number; hard: number }, need: number): void {
  if (need <= limit.soft) return;
  throw new RangeError(
    `the memory race needs ${need} open files in the server and in the load process, and \`ulimit -n\` ` +
      `allows ${limit.soft} (hard limit ${limit.hard}): raise the hard limit (ulimit -Hn ${need} as root), or pass fewer --clients`,
  );
}

const children = new Set<ChildProcessWithoutNullStreams>();
// A bench that stops on a failure must not leave a server or a load behind.
process.once('exit', () => children.forEach((child) => child.kill('SIGKILL')));

/** Starts `node <args>` (process.execPath, no shell or npm shim) with every stdio a pipe. */
export function spawnNode(args: readonly string[], env: NodeJS.ProcessEnv): ChildProcessWithoutNullStreams {
  return spawnProgram(process.execPath, args, env);
}

/** Starts `command <args>` (no shell) with every stdio a pipe; killed when the bench exits. */
export function spawnProgram(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): ChildProcessWithoutNullStreams {
  const child = spawn(command, args, { env, stdio: 'pipe' });
  children.add(child);
  child.once('exit', () => children.delete(child));
  child.stdin.on('error', () => undefined);
  return child;
}

/** The last `max` characters of a growing text: what a failure message quotes. */
export class Tail {
  private text = '';

  constructor(private readonly max = 2000) {}

  add(chunk: string): void {
    this.text = (this.text + chunk).slice(-this.max);
  }

  toString(): string {
    return this.text;
  }
}

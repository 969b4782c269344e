import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export { readTcpStreams, readWebSocketFrames, type TcpStream, type TsharkFrame, type WireFields } from './tshark-read.js';

/** A running loopback capture. */
export interface Capture {
  /** The pcapng file; complete once `stop()` resolved. */
  readonly file: string;
  /** Waits until every packet sent so far is in the file, then stops tshark and waits for it. */
  stop(): Promise<void>;
}

/** Options of startCapture. */
export interface CaptureOptions {
  /** Capture TCP traffic to or from these ports (the servers under test). */
  readonly ports: readonly number[];
  /** A directory for the pcapng (a mkdtemp dir). */
  readonly dir: string;
  readonly name?: string;
  /** Bound on starting and on stopping (default 20 s each). */
  readonly timeoutMs?: number;
}

const RETRY_MS = 200;

/**
 * Starts `tshark -i lo` on the given TCP ports and resolves once it is really capturing.
 *
 * Neither stderr line is enough: a packet sent right after "Capturing on 'Loopback: lo'" is lost,
 * and one sent just before SIGINT is lost too (libpcap hands packets over in blocks, on a
 * timeout; tshark stops without draining). So the capture also takes UDP datagrams that we send to
 * ourselves on a port of our own, and tshark prints each packet's UDP payload (-P -l): the capture
 * is up once a start marker shows on stdout, and complete once an end marker does.
 */
export async function startCapture(options: CaptureOptions): Promise<Capture> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const file = join(options.dir, `${options.name ?? 'capture'}.pcapng`);
  const marker = createSocket('udp4');
  await new Promise<void>((resolve, reject) => {
    marker.once('error', reject);
    marker.bind(0, '127.0.0.1', () => resolve());
  });
  const markerPort = marker.address().port;
  const filter = [
    ...options.ports.map((port) => `tcp port ${port}`),
    `(udp dst port ${markerPort} and host 127.0.0.1)`,
  ].join(' or ');
  const args = ['-i', 'lo', '-n', '-f', filter, '-w', file, '-P', '-l', '-T', 'fields', '-e', 'udp.payload'];
  const proc = spawn('tshark', args, { stdio: ['ignore', 'pipe', 'pipe'] });

  const seen = new Set<string>();
  const listeners = new Set<() => void>();
  let stderr = '';
  let exited = false;
  let resolveExit: (code: number | null) => void = () => {};
  const exit = new Promise<number | null>((resolve) => (resolveExit = resolve));
  const onExit = (code: number | null): void => {
    exited = true;
    for (const listener of listeners) listener();
    resolveExit(code);
  };
  proc.once('close', onExit);
  proc.once('error', (error) => {
    stderr += `\n${error.message}`;
    onExit(null);
  });
  proc.stderr.setEncoding('utf8');
  proc.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  createInterface({ input: proc.stdout }).on('line', (line) => {
    seen.add(line.trim());
    for (const listener of listeners) listener();
  });

  // Sends the marker until tshark printed it (a datagram sent before the filter is attached is lost).
  const mark = (text: string): Promise<void> => {
    const hex = Buffer.from(text).toString('hex');
    return new Promise((resolve, reject) => {
      const send = (): void => marker.send(text, markerPort, '127.0.0.1');
      const retry = setInterval(send, RETRY_MS);
      const timer = setTimeout(
        () => finish(new Error(`tshark did not see marker "${text}" within ${timeoutMs} ms\n${stderr}`)),
        timeoutMs,
      );
      const check = (): void => {
        if (seen.has(hex)) finish(null);
        else if (exited) finish(new Error(`tshark exited before marker "${text}"\n${stderr}`));
      };
      const finish = (error: Error | null): void => {
        clearInterval(retry);
        clearTimeout(timer);
        listeners.delete(check);
        if (error) reject(error);
        else resolve();
      };
      listeners.add(check);
      send();
      check();
    });
  };

  let markerOpen = true;
  const kill = async (): Promise<void> => {
    if (!exited) proc.kill('SIGINT');
    const timer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
    await exit;
    clearTimeout(timer);
    if (markerOpen) marker.close();
    markerOpen = false;
  };

  try {
    await mark('wstap-capture-start');
  } catch (error) {
    await kill();
    throw error;
  }
  return {
    file,
    stop: async () => {
      try {
        await mark('wstap-capture-end');
      } finally {
        await kill();
      }
      const code = await exit;
      if (code !== 0) throw new Error(`tshark exited with ${code}\n${stderr}`);
    },
  };
}

/**
 * How the bench talks to its load process (load.ts): the configuration as its one argument (JSON),
 * events back as JSON lines on its stdout, commands to it as lines on its stdin.
 */

/** Echo traffic: `connections` × `window` messages of `size` B in flight, measured for `seconds` after `warmupMs`. */
export interface ThroughputConfig {
  readonly mode: 'throughput';
  readonly url: string;
  /** The server's process, and any other process behind it (a proxy's target): their CPU time is read at the window's edges. */
  readonly pids: readonly number[];
  readonly connections: number;
  readonly window: number;
  readonly size: number;
  readonly warmupMs: number;
  readonly seconds: number;
}

/**
 * Idle clients: one warm-up client opens and closes (`warm`); on `go`, `clients` open in batches
 * of `batch` (`open`); on `close` they close (`closed`), and the process exits.
 */
export interface IdleConfig {
  readonly mode: 'idle';
  readonly url: string;
  readonly clients: number;
  readonly batch: number;
}

export type LoadConfig = ThroughputConfig | IdleConfig;

/** The commands an idle load takes on stdin, one a line. */
export type IdleCommand = 'go' | 'close';

export type LoadEvent =
  | { readonly event: 'measuring' }
  | {
      readonly event: 'result';
      /** Echoes in the measured window, and its length. */
      readonly messages: number;
      readonly seconds: number;
      /** CPU seconds per second of the window: each of `pids`' in their order, and the load process's own. */
      readonly cpu: readonly number[];
      readonly loadCpu: number;
      /** Every echo checked, warm-up and drain included. */
      readonly echoed: number;
    }
  | { readonly event: 'warm' }
  | { readonly event: 'open'; readonly clients: number; readonly ms: number }
  /** `dropped`: idle clients the server had closed before `close`. */
  | { readonly event: 'closed'; readonly dropped: number }
  /** The referee's verdict: a wrong echo, or a connection lost; the load exits 1. */
  | { readonly event: 'wrong'; readonly message: string };

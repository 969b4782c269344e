import type { HeartbeatOptions } from './client-options.js';

/** What a heartbeat needs from its connection. */
export interface HeartbeatHost {
  /** Sends a ping with this payload. */
  readonly ping: (payload: string) => void;
  /** The liveness rule failed: drop the connection. */
  readonly fail: (missed: number, silentMs: number) => void;
  readonly now: () => number;
}

/**
 * Keep-alive pings with the liveness rule the Go guides use (ping every `interval`; a ping not
 * answered within `timeout` is missed; `misses` misses in a row end the connection). Any pong
 * counts as an answer, as at gorilla's read deadline: peers may coalesce pongs.
 */
export class Heartbeat {
  private intervalTimer: NodeJS.Timeout | null = null;
  private timeoutTimer: NodeJS.Timeout | null = null;
  private missed = 0;
  private count = 0;
  private lastAnswer = 0;
  private waiting = false;

  constructor(
    private readonly options: HeartbeatOptions,
    private readonly host: HeartbeatHost,
  ) {}

  /** Starts pinging (call when the connection opens). */
  start(): void {
    this.lastAnswer = this.host.now();
    this.intervalTimer = setInterval(() => this.beat(), this.options.interval);
    this.intervalTimer.unref();
  }

  /** A pong arrived. */
  onPong(): void {
    this.lastAnswer = this.host.now();
    this.missed = 0;
    this.waiting = false;
    if (this.timeoutTimer) clearTimeout(this.timeoutTimer);
    this.timeoutTimer = null;
  }

  /** Stops all timers (the connection is closing). */
  stop(): void {
    if (this.intervalTimer) clearInterval(this.intervalTimer);
    if (this.timeoutTimer) clearTimeout(this.timeoutTimer);
    this.intervalTimer = null;
    this.timeoutTimer = null;
  }

  private beat(): void {
    // One outstanding ping at a time: its own timeout counts the miss.
    if (this.waiting) return;
    this.waiting = true;
    this.host.ping(`wstap-heartbeat-${++this.count}`);
    this.timeoutTimer = setTimeout(() => this.miss(), this.options.timeout);
    this.timeoutTimer.unref();
  }

  private miss(): void {
    this.timeoutTimer = null;
    this.waiting = false;
    this.missed++;
    if (this.missed >= this.options.misses) {
      this.stop();
      this.host.fail(this.missed, this.host.now() - this.lastAnswer);
    }
  }
}

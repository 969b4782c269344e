/**
 * Sends a fixed message every N ms while running. One send at a time (a slow send skips ticks
 * rather than piling up); any failure, the limit, or the session going away stops it.
 */
import { useEffect, useRef, useState } from 'react';
import type { OutgoingInput } from '../../../shared/ipc/contract.js';
import type { TimerSettings } from './timer.js';

/** What the timer needs from the composer: one send of a message, true when it went out. */
export type TimerSend = (message: OutgoingInput) => Promise<boolean>;

/** The timer's state and controls. */
export interface SendTimer {
  readonly running: boolean;
  readonly count: number;
  /** Why it stopped on its own (closed, failed, limit), null while running or after a manual stop. */
  readonly stopped: string | null;
  start(message: OutgoingInput, settings: TimerSettings): void;
  stop(reason?: string): void;
}

/** Runs the timer; `sessionKey` changing (another session, or none) stops it. */
export function useSendTimer(send: TimerSend, sessionKey: number | null): SendTimer {
  const [run, setRun] = useState<{
    readonly message: OutgoingInput;
    readonly settings: TimerSettings;
  } | null>(null);
  const [count, setCount] = useState(0);
  const [stopped, setStopped] = useState<string | null>(null);
  const sendRef = useRef(send);
  useEffect(() => {
    sendRef.current = send;
  }, [send]);

  useEffect(() => {
    if (run === null) return;
    let busy = false;
    let sent = 0;
    let live = true;
    const tick = async () => {
      if (busy) return;
      busy = true;
      const ok = await sendRef.current(run.message);
      busy = false;
      if (!live) return;
      if (!ok) {
        setRun(null);
        setStopped('stopped: the send failed');
        return;
      }
      sent++;
      setCount((n) => n + 1);
      if (run.settings.limit !== null && sent >= run.settings.limit) {
        setRun(null);
        setStopped(`done: ${sent} sent`);
      }
    };
    const id = setInterval(() => void tick(), run.settings.intervalMs);
    return () => {
      live = false;
      clearInterval(id);
    };
  }, [run]);

  const [lastKey, setLastKey] = useState(sessionKey);
  if (lastKey !== sessionKey) {
    // Adjusting state during render (React docs: "storing information from previous renders").
    setLastKey(sessionKey);
    if (run !== null) {
      setRun(null);
      setStopped(
        sessionKey === null ? 'stopped: the connection closed' : 'stopped: another session was selected',
      );
    }
  }

  return {
    running: run !== null,
    count,
    stopped,
    start(message, settings) {
      setCount(0);
      setStopped(null);
      setRun({ message, settings });
    },
    stop(reason) {
      setRun(null);
      setStopped(reason ?? null);
    },
  };
}

/** A clock for ages that tick: the wall time, refreshed every `everyMs` while mounted. */
import { useEffect, useState } from 'react';

/** Date.now(), re-rendering the caller every `everyMs`. */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

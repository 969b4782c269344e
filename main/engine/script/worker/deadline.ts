/** A wait with a time limit, the pattern of ping, expectClose and a send waiting for a reconnect. */

/** `promise`, or a rejection with `failure()` after `ms`; the timer is cleared either way. */
export function withDeadline<T>(promise: Promise<T>, ms: number, failure: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(failure()), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

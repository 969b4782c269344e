/** The environment the benches give the programs they start as child processes. */

/** No colors (wstap, wscat and the rest agree on NO_COLOR), no history file, no inherited NODE_OPTIONS. */
export function benchEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', WSTAP_HISTORY: '' };
  delete env.FORCE_COLOR;
  // A NODE_OPTIONS=--cpu-prof meant for the bench process must not profile (and slow) every child.
  delete env.NODE_OPTIONS;
  return env;
}

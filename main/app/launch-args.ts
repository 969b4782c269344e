/**
 * What the user asked for on the command line, told apart from what Electron and Chromium put in
 * process.argv: the executable, the app path (unpackaged runs), and switches such as
 * `--inspect=0` or `--remote-debugging-port=0` that Playwright and debuggers add.
 */

/** The positional arguments the user gave, after the executable (and the app path when unpackaged). */
export function userArgs(argv: readonly string[], isPackaged: boolean): readonly string[] {
  const positional = argv.slice(1).filter((arg) => !arg.startsWith('-'));
  return isPackaged ? positional : positional.slice(1);
}

/** The default echo server and its client start when the console is opened with no arguments. */
export function startsDefault(argv: readonly string[], isPackaged: boolean): boolean {
  return userArgs(argv, isPackaged).length === 0 && !argv.includes('--empty');
}

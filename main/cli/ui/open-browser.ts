import { spawn } from 'node:child_process';

/** How to open a URL in the user's browser here, or why it cannot be done. */
export type BrowserLaunch =
  | { readonly kind: 'run'; readonly command: string; readonly args: readonly string[] }
  | { readonly kind: 'skip'; readonly reason: string };

/** The launcher of the platform: open (macOS), cmd /c start (Windows), xdg-open with a display. */
export function browserLaunch(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, url: string): BrowserLaunch {
  if (platform === 'darwin') return { kind: 'run', command: 'open', args: [url] };
  // start's first quoted argument is a window title; the URL (base64url token) has no & or ^.
  if (platform === 'win32') return { kind: 'run', command: 'cmd', args: ['/c', 'start', '""', url] };
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return {
      kind: 'skip',
      reason: 'no display (DISPLAY and WAYLAND_DISPLAY are unset): open the URL above in a browser',
    };
  }
  return { kind: 'run', command: 'xdg-open', args: [url] };
}

/**
 * Opens `url` in a browser without waiting for it; resolves null when the launcher started, else
 * a one-line reason (no display, launcher missing, launcher failed).
 */
export function openBrowser(
  url: string,
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string | null> {
  const launch = browserLaunch(platform, env, url);
  if (launch.kind === 'skip') return Promise.resolve(launch.reason);
  return new Promise((resolve) => {
    const child = spawn(launch.command, launch.args, {
      stdio: 'ignore',
      detached: platform !== 'win32',
      windowsVerbatimArguments: platform === 'win32',
    });
    child.once('error', (error: NodeJS.ErrnoException) =>
      resolve(
        error.code === 'ENOENT'
          ? `${launch.command} was not found: open the URL above in a browser`
          : `${launch.command} failed (${error.message}): open the URL above in a browser`,
      ),
    );
    child.once('spawn', () => {
      child.unref();
      resolve(null);
    });
  });
}

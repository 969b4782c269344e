import { createRequire } from 'node:module';

/** wstap's version from package.json: two levels up from the source and from the CLI bundle (out/cli/), three from out/main/. */
function readVersion(): string {
  const require = createRequire(import.meta.url);
  for (const path of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = require(path) as { name?: string; version?: string };
      if (pkg.name === 'wstap' && pkg.version) return pkg.version;
    } catch {
      // not at this level
    }
  }
  return 'unknown';
}

/** The version recordings and `--version` name. */
export const VERSION = readVersion();

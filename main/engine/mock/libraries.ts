import { createRequire } from 'node:module';
import type * as Ajv from 'ajv';
import type * as Yaml from 'yaml';

// yaml and ajv (~460 KB) load when the first mock file does, not when wstap starts: the CLI runs as
// one bundle, and an import here would put them in it, read and compiled by every `wstap --version`
// (bench/startup). Loaded with require, the bundler leaves them out; the classes are the same.
const require = createRequire(import.meta.url);

/** The yaml package, loaded on first use. */
export function yamlLibrary(): typeof Yaml {
  return require('yaml') as typeof Yaml;
}

/** The ajv package, loaded on first use. */
export function ajvLibrary(): typeof Ajv {
  return require('ajv') as typeof Ajv;
}

import { createRequire } from 'node:module';
import type * as commander from 'commander';

// commander is CommonJS. Imported as ESM (commander/esm.mjs) Node also runs its CommonJS export
// lexer over it: ~2.5 ms more than require() on every start, 3% of `wstap --version`
// (bench/startup, Node 20). The classes are the same objects either way.
const lib = createRequire(import.meta.url)('commander') as typeof commander;

/** commander's Command class, loaded with require() (see above). */
export const Command = lib.Command;
/** A commander command. */
export type Command = commander.Command;

/** What commander throws under exitOverride(): help, version and usage errors. */
export const CommanderError = lib.CommanderError;
/** An error thrown by commander. */
export type CommanderError = commander.CommanderError;

/** commander's Option class, for options built by hand (hidden ones). */
export const Option = lib.Option;
/** A commander option. */
export type Option = commander.Option;

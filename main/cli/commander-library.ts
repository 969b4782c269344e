// The one place the CLI takes commander from. The CLI runs as a single bundle
// (scripts/bundle-cli.mjs) with commander inside it.
export { Command, CommanderError, Option } from 'commander';

/** Commander's argument parser for a repeatable option: every value, in order. */
export const collect = (value: string, previous: readonly string[] | undefined): string[] => [
  ...(previous ?? []),
  value,
];

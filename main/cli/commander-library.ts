// The one place the CLI takes commander from. The CLI runs as a single bundle
// (scripts/bundle-cli.mjs) with commander inside it.
export { Command, CommanderError, Option } from 'commander';

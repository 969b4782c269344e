import type { Command, Option } from 'commander';
import type { Io } from '../decode/decode-command.js';
import { UserError } from '../errors.js';

/** The shells `wstap completion` writes a script for. */
export const SHELLS = ['bash', 'zsh'] as const;

/** Registers `wstap completion bash|zsh`. */
export function registerCompletion(program: Command, io: Io): void {
  program
    .command('completion')
    .summary('print a shell completion script (bash or zsh)')
    .argument('<shell>', SHELLS.join(' or '))
    .addHelpText(
      'after',
      `
Examples:
  $ eval "$(wstap completion bash)"                     # in ~/.bashrc
  $ wstap completion zsh > "\${fpath[1]}/_wstap"        # then restart zsh`,
    )
    .action((shell: string) => {
      if (shell === 'bash') io.stdout.write(bashCompletion(program));
      else if (shell === 'zsh') io.stdout.write(zshCompletion(program));
      else throw new UserError(`completion scripts exist for ${SHELLS.join(' and ')}, not '${shell}'`);
    });
}

/** A subcommand as completion needs it. */
interface CommandShape {
  readonly name: string;
  readonly summary: string;
  readonly options: readonly Option[];
}

function shape(program: Command): CommandShape[] {
  return program.commands
    .filter((c) => c.name() !== 'help')
    .map((c) => ({ name: c.name(), summary: c.summary() || c.description(), options: c.options.filter((o) => !o.hidden) }));
}

/** Options whose value is a path, so the shell offers files. */
function takesFile(option: Option): boolean {
  return /<(file|path)>/.test(option.flags);
}

function words(option: Option): string[] {
  return [option.short, option.long].filter((w): w is string => typeof w === 'string');
}

/** The bash script: subcommands, then each subcommand's options, files after a file option. */
export function bashCompletion(program: Command): string {
  const commands = shape(program);
  const cases = commands.map((c) => {
    const opts = [...c.options.flatMap(words), '-h', '--help'].join(' ');
    const files = c.options.filter(takesFile).flatMap(words).join(' ');
    return `    ${c.name}) opts="${opts}"; fileopts="${files}" ;;`;
  });
  return `# wstap completion for bash. Load it with: eval "$(wstap completion bash)"
_wstap() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"
  local cmd="" opts="-V --version -h --help -c --connect" fileopts="" w
  for w in "\${COMP_WORDS[@]:1:COMP_CWORD-1}"; do
    case "$w" in
      ${commands.map((c) => c.name).join('|')}) cmd="$w"; break ;;
      -c|--connect) cmd="connect"; break ;;
    esac
  done
  case "$cmd" in
${cases.join('\n')}
  esac
  if [[ -n "$fileopts" && " $fileopts " == *" $prev "* ]]; then
    COMPREPLY=( $(compgen -f -- "$cur") ); return
  fi
  if [[ "$cur" == -* ]]; then
    COMPREPLY=( $(compgen -W "$opts" -- "$cur") ); return
  fi
  if [[ -z "$cmd" ]]; then
    COMPREPLY=( $(compgen -W "${commands.map((c) => c.name).join(' ')}" -- "$cur") ); return
  fi
  COMPREPLY=( $(compgen -f -- "$cur") )
}
complete -F _wstap wstap
`;
}

/** Escapes text for a zsh _arguments spec inside single quotes. */
function zshText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/([[\]:])/g, '\\$1').replace(/'/g, "'\\''");
}

function zshSpec(option: Option): string {
  const description = zshText(option.description.split('\n')[0] ?? '');
  const value = option.required || option.optional ? (takesFile(option) ? ':file:_files' : ':value: ') : '';
  // Every option may repeat (`*`): some do (-H, -x, --expect) and offering one twice is harmless.
  return words(option)
    .map((w) => `'*${w}[${description}]${value}'`)
    .join(' ');
}

/** The zsh script: `_arguments` per subcommand, descriptions from the help. */
export function zshCompletion(program: Command): string {
  const commands = shape(program);
  const list = commands.map((c) => `'${zshText(c.name)}:${zshText(c.summary)}'`).join(' ');
  const cases = commands.map((c) => `      ${c.name}) _arguments ${[...c.options.map(zshSpec), "'(-h --help)'{-h,--help}'[show help]'", "'*: :_files'"].join(' ')} ;;`);
  return `#compdef wstap
# wstap completion for zsh. Save it as _wstap in a directory of $fpath, or: source <(wstap completion zsh)
_wstap() {
  local -a commands
  commands=(${list})
  local curcontext="$curcontext" state line
  _arguments -C '(-V --version)'{-V,--version}'[print the version]' '(-h --help)'{-h,--help}'[show help]' '1: :->command' '*:: :->args'
  case $state in
    command) _describe 'command' commands ;;
    args)
      case $words[1] in
${cases.join('\n')}
      esac ;;
  esac
}
if [[ "$funcstack[1]" == _wstap ]]; then _wstap "$@"; else compdef _wstap wstap; fi
`;
}

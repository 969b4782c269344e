/**
 * What `wstap convert IN OUT` writes, decided from the flags and OUT's name before any file is
 * read: the output format (`--to`, else OUT's extension), the connections, the exporters' options.
 */
import { UserError } from '../errors.js';

/** The formats convert writes. */
export const OUTPUT_FORMATS = {
  har: { extensions: ['.har'], what: 'HAR 1.2 in Chrome DevTools’ dialect (lossless for wstap recordings)' },
  wstap: {
    extensions: ['.wstap.jsonl', '.jsonl'],
    what: 'a wstap recording (wstap show, replay, serve --replay)',
  },
  messages: { extensions: ['.messages.jsonl'], what: 'a plain JSON Lines message list' },
  k6: { extensions: ['.k6.js'], what: 'a k6 load test script (k6/websockets)' },
  playwright: {
    extensions: ['.spec.ts', '.spec.js'],
    what: 'a Playwright test mocking the server with page.routeWebSocket',
  },
  mock: { extensions: ['.yaml', '.yml'], what: 'a wstap mock definition (wstap serve --mock)' },
} as const;

/** An output format. */
export type OutputFormat = keyof typeof OUTPUT_FORMATS;

/** The input kinds `--from` may name (the input's kind is always sniffed from its content). */
export const INPUT_FORMATS = { wstap: 'wstap-recording', har: 'har', mitmproxy: 'mitmproxy-flows' } as const;

/** The options of `wstap convert` as commander hands them over. */
export interface ConvertFlags {
  readonly to?: string;
  readonly from?: string;
  readonly connection?: readonly string[];
  readonly ignore?: readonly string[];
  readonly speed?: string;
  readonly target?: string;
}

/** Everything a convert run does. */
export interface ConvertPlan {
  readonly input: string;
  /** A path, or `-` for standard output. */
  readonly output: string;
  readonly format: OutputFormat;
  /** The input kind `--from` insists on, or null. */
  readonly from: (typeof INPUT_FORMATS)[keyof typeof INPUT_FORMATS] | null;
  /** Connection ids to keep; empty: all. */
  readonly connections: readonly number[];
  readonly ignore: readonly string[];
  readonly speed: number | undefined;
  readonly target: string | undefined;
}

const names = (o: object): string => Object.keys(o).join(', ');

/** The format OUT's name asks for (the longest extension that matches), or null. */
export function formatOfName(output: string): OutputFormat | null {
  const name = output.toLowerCase();
  let best: { format: OutputFormat; length: number } | null = null;
  for (const [format, { extensions }] of Object.entries(OUTPUT_FORMATS)) {
    for (const ext of extensions) {
      if (name.endsWith(ext) && (best === null || ext.length > best.length))
        best = { format: format as OutputFormat, length: ext.length };
    }
  }
  return best?.format ?? null;
}

/** The plan, or a UserError naming the flag or the name that is wrong. */
export function convertPlan(input: string, output: string, flags: ConvertFlags): ConvertPlan {
  const format = flags.to === undefined ? formatOfName(output) : parseFormat(flags.to);
  if (format === null) {
    const extensions = Object.values(OUTPUT_FORMATS)
      .flatMap((f) => f.extensions)
      .join(', ');
    const where =
      output === '-'
        ? 'standard output (-) has no extension'
        : `cannot tell the output format from the name '${output}'`;
    throw new UserError(
      `${where}: name it with one of ${extensions}, or say --to ${Object.keys(OUTPUT_FORMATS).join('|')}`,
    );
  }
  let from: ConvertPlan['from'] = null;
  if (flags.from !== undefined) {
    if (!Object.hasOwn(INPUT_FORMATS, flags.from))
      throw new UserError(`--from takes ${names(INPUT_FORMATS)}; got '${flags.from}'`);
    from = INPUT_FORMATS[flags.from as keyof typeof INPUT_FORMATS];
  }
  const connections = (flags.connection ?? []).flatMap((list) =>
    list.split(',').map((id) => {
      if (!/^\d+$/.test(id.trim()))
        throw new UserError(`--connection takes connection numbers (1 or 1,3); got '${id}'`);
      return Number(id.trim());
    }),
  );
  let speed: number | undefined;
  if (flags.speed !== undefined) {
    speed = Number(flags.speed);
    if (!(speed > 0) || !Number.isFinite(speed))
      throw new UserError(`--speed takes a positive number (2 = twice as fast); got '${flags.speed}'`);
  }
  if (output !== '-' && output === input)
    throw new UserError(`OUT is IN (${input}): write the conversion to another file`);
  return {
    input,
    output,
    format,
    from,
    connections,
    ignore: flags.ignore ?? [],
    speed,
    target: flags.target,
  };
}

function parseFormat(to: string): OutputFormat {
  if (Object.hasOwn(OUTPUT_FORMATS, to)) return to as OutputFormat;
  throw new UserError(`--to takes ${names(OUTPUT_FORMATS)}; got '${to}'`);
}

/** The format table for the help text. */
export function formatsHelp(): string {
  const rows = Object.entries(OUTPUT_FORMATS).map(
    ([name, f]) => `  ${name.padEnd(11)}${f.extensions.join(' ').padEnd(26)}${f.what}`,
  );
  return ['Output formats (--to, or OUT named with one of the extensions):', ...rows].join('\n');
}

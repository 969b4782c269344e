/** The output flags `connect` and `show` share. */
export interface OutputFlags {
  readonly json?: boolean;
  readonly frames?: boolean;
  readonly pretty?: boolean;
  readonly include?: boolean;
  readonly showPingPong?: boolean;
  readonly base64?: boolean;
  /** `--no-color` sets this false. */
  readonly color?: boolean;
}

/** How events are printed. */
export interface OutputPlan {
  readonly format: 'human' | 'frames' | 'json';
  readonly pretty: boolean;
  readonly include: boolean;
  readonly showPingPong: boolean;
  /** Binary payloads in full as base64 instead of a hex preview. */
  readonly base64: boolean;
  readonly noColor: boolean;
}

/** The output plan the flags ask for (one place, so a live session and a recording print alike). */
export function outputPlanFrom(flags: OutputFlags): OutputPlan {
  return {
    format: flags.json ? 'json' : flags.frames ? 'frames' : 'human',
    pretty: flags.pretty === true,
    include: flags.include === true,
    showPingPong: flags.showPingPong === true,
    base64: flags.base64 === true,
    noColor: flags.color === false,
  };
}

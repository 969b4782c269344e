/**
 * Event times as JSON text, fast. Every `t` and `wall` is a whole number of microseconds in ms
 * (roundMs), and a recording writes two per line: V8's shortest-form conversion of a double
 * (`${x}`, JSON.stringify) cost ~300 ns each in the proxy's profile, ~50 ns from integers.
 */

// Below 2^42 a double's spacing is under 0.001, so the shortest text that reads back as the double
// nearest to k/1000 is k/1000's own decimal digits (no shorter decimal is that close): exactly what
// `${x}` writes. Above it (and for anything not k/1000), `${x}` itself.
const EXACT_BELOW = 2 ** 42;
const FRACTION = buildFractions();

/** `.001` … `.999` with trailing zeros dropped (`.5` for 500), and '' for 0. */
function buildFractions(): string[] {
  const out: string[] = [''];
  for (let i = 1; i < 1000; i++) out.push(`.${String(i).padStart(3, '0').replace(/0+$/, '')}`);
  return out;
}

/** `x` as JSON.stringify and template literals write it; fast for multiples of 0.001 such as event times. */
export function msText(x: number): string {
  const k = Math.round(x * 1000);
  if (k / 1000 !== x || !(Math.abs(x) < EXACT_BELOW)) return `${x}`;
  const whole = Math.trunc(k / 1000);
  const fraction = FRACTION[Math.abs(k - whole * 1000)] as string;
  // -0.5: the whole part is -0, whose text has no sign.
  return k < 0 && whole === 0 ? `-0${fraction}` : `${whole}${fraction}`;
}

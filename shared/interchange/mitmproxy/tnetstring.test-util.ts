// Test support: encodes values as tnetstrings the way mitmproxy's writer does (dict keys as text).

/** A value to encode: `Uint8Array` becomes `,` bytes, a string `;` text (mitmproxy's), floats `^`. */
export type TnetInput =
  | null
  | boolean
  | number
  | { readonly float: number }
  | string
  | Uint8Array
  | readonly TnetInput[]
  | { readonly [key: string]: TnetInput };

const encoder = new TextEncoder();

function frame(data: Uint8Array, tag: string): Uint8Array {
  const head = encoder.encode(`${data.length}:`);
  const out = new Uint8Array(head.length + data.length + 1);
  out.set(head);
  out.set(data, head.length);
  out[out.length - 1] = tag.charCodeAt(0);
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  return new Uint8Array(parts.flatMap((part) => [...part]));
}

/** The tnetstring of `value`. */
export function tnet(value: TnetInput): Uint8Array {
  if (value === null) return frame(new Uint8Array(), '~');
  if (typeof value === 'boolean') return frame(encoder.encode(String(value)), '!');
  if (typeof value === 'number') return frame(encoder.encode(String(value)), '#');
  if (typeof value === 'string') return frame(encoder.encode(value), ';');
  if (value instanceof Uint8Array) return frame(value, ',');
  if (Array.isArray(value)) return frame(concat(value.map(tnet)), ']');
  if ('float' in value && typeof value.float === 'number')
    return frame(encoder.encode(String(value.float)), '^');
  return frame(
    concat(Object.entries(value as Record<string, TnetInput>).flatMap(([k, v]) => [tnet(k), tnet(v)])),
    '}',
  );
}

/** Several values one after the other, as a flow file holds them. */
export function tnetFile(...values: readonly TnetInput[]): Uint8Array {
  return concat(values.map(tnet));
}

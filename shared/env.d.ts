// The few host globals shared/ may rely on: every JavaScript host wstap runs in (Node >= 20,
// Chromium, Electron) provides them, but lib "ES2023" does not declare them.

/** WHATWG TextDecoder, present in Node and every browser. */
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}

/** WHATWG TextEncoder, present in Node and every browser. */
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}

declare function btoa(data: string): string;
declare function atob(data: string): string;

/** WebCrypto's random source (Node >= 19 and every browser expose `globalThis.crypto`). */
declare const crypto: { getRandomValues<T extends Uint8Array>(array: T): T };

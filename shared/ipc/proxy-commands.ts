/** Proxy panel: reverse proxies and their interventions. */
import type { Check } from './validate.js';

/** Channels of this workflow: `domain.verb` → input and output. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ProxyCommands {}

/** The input check of each channel above. */
export const PROXY_INPUT_CHECKS: { readonly [C in keyof ProxyCommands]: Check } = {};

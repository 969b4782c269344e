import { closeCodeInfo } from './close-codes.js';
import { HANDSHAKE_RULES } from './handshake-rules.js';
import { VIOLATION_RULES } from './violations.js';

/** The frame-rule table of docs/protocol.md, generated from VIOLATION_RULES so the two never drift. */
export function violationsMarkdown(): string {
  const rows = Object.entries(VIOLATION_RULES).map(
    ([code, r]) =>
      `| \`${code}\` | ${r.summary} | ${r.severity} | ${r.closeCode === null ? 'none (accepted)' : `${r.closeCode} ${closeCodeInfo(r.closeCode).name}`} | ${r.rfc} |`,
  );
  return ['| code | what was seen | severity | close code a strict peer sends | rule |', '|---|---|---|---|---|', ...rows].join('\n');
}

/** The handshake-rule table of docs/protocol.md, generated from HANDSHAKE_RULES. */
export function handshakeMarkdown(): string {
  const rows = Object.entries(HANDSHAKE_RULES).map(
    ([code, r]) => `| \`${code}\` | ${r.summary} | ${r.severity} | ${r.side} | ${r.httpStatus ?? '—'} | ${r.rfc} |`,
  );
  return ['| code | what was seen | severity | head | a strict server answers | rule |', '|---|---|---|---|---|---|', ...rows].join('\n');
}

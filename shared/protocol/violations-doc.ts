import { closeCodeInfo } from './close-codes.js';
import { VIOLATION_RULES } from './violations.js';

/** The violation table of docs/protocol.md, generated from VIOLATION_RULES so the two never drift. */
export function violationsMarkdown(): string {
  const rows = Object.entries(VIOLATION_RULES).map(
    ([code, r]) => `| \`${code}\` | ${r.summary} | ${r.severity} | ${r.closeCode === null ? 'none (accepted)' : `${r.closeCode} ${closeCodeInfo(r.closeCode).name}`} | ${r.rfc} |`,
  );
  return ['| code | what was seen | severity | close code a strict peer sends | rule |', '|---|---|---|---|---|', ...rows].join('\n');
}

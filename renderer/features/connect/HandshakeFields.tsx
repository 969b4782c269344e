/** The upgrade request's own options: headers, subprotocols, origin and authentication. */
import type { AuthMode, HeaderRow } from './connect-form-state.js';
import { FieldError, Section, TextField, type SectionProps } from './FormFields.js';

const AUTH_MODES: readonly { readonly mode: AuthMode; readonly label: string }[] = [
  { mode: 'none', label: 'None' },
  { mode: 'bearer', label: 'Bearer token' },
  { mode: 'basic', label: 'Basic (user + password)' },
];

/** Headers, subprotocols, origin, auth. */
export function HandshakeFields({ form, update, errorOf }: SectionProps) {
  const setRow = (i: number, patch: Partial<HeaderRow>) =>
    update({ headers: form.headers.map((row, j) => (j === i ? { ...row, ...patch } : row)) });
  return (
    <Section title="Handshake">
      <div className="cf-headers cf-wide">
        <span className="cf-label">Headers</span>
        {form.headers.length === 0 && <span className="cf-hint">No extra headers.</span>}
        {form.headers.map((row, i) => (
          <div key={i} className="cf-header-row">
            <input
              aria-label={`Header ${i + 1} name`}
              placeholder="Name"
              value={row.name}
              spellCheck={false}
              data-testid="connect-header-name"
              onChange={(e) => setRow(i, { name: e.target.value })}
            />
            <input
              aria-label={`Header ${i + 1} value`}
              placeholder="Value"
              value={row.value}
              spellCheck={false}
              data-testid="connect-header-value"
              onChange={(e) => setRow(i, { value: e.target.value })}
            />
            <button
              type="button"
              aria-label={`Remove header ${i + 1}`}
              title="Remove"
              onClick={() => update({ headers: form.headers.filter((_, j) => j !== i) })}
            >
              ×
            </button>
            <FieldError text={errorOf(`headers.${i}`)} />
          </div>
        ))}
        <button
          type="button"
          className="cf-add"
          data-testid="connect-header-add"
          onClick={() => update({ headers: [...form.headers, { name: '', value: '' }] })}
        >
          + Add header
        </button>
      </div>
      <TextField
        label="Subprotocols (comma-separated)"
        value={form.subprotocols}
        placeholder="chat.v2, json"
        testId="connect-subprotocols"
        error={errorOf('subprotocols')}
        onChange={(subprotocols) => update({ subprotocols })}
      />
      <TextField
        label="Origin"
        value={form.origin}
        placeholder="https://example.com"
        error={errorOf('origin')}
        onChange={(origin) => update({ origin })}
      />
      <div className="cf-field cf-wide">
        <span className="cf-label">Authentication</span>
        <div className="cf-radios" role="radiogroup" aria-label="Authentication">
          {AUTH_MODES.map((m) => (
            <label key={m.mode} className="cf-check">
              <input
                type="radio"
                name="connect-auth"
                checked={form.auth === m.mode}
                data-testid={`connect-auth-${m.mode}`}
                onChange={() => update({ auth: m.mode })}
              />
              {m.label}
            </label>
          ))}
        </div>
      </div>
      {/* Both stay visible: typing into one picks its mode, so no value hides behind a radio. */}
      <TextField
        label="Bearer token (Authorization: Bearer …)"
        type="password"
        wide
        value={form.bearerToken}
        testId="connect-bearer"
        dim={form.auth !== 'bearer'}
        error={form.auth === 'bearer' ? errorOf('bearerToken') : null}
        onChange={(bearerToken) => update({ bearerToken, auth: 'bearer' })}
      />
      <TextField
        label="Basic user"
        value={form.basicUser}
        testId="connect-basic-user"
        dim={form.auth !== 'basic'}
        error={form.auth === 'basic' ? errorOf('basicUser') : null}
        onChange={(basicUser) => update({ basicUser, auth: 'basic' })}
      />
      <TextField
        label="Basic password"
        type="password"
        value={form.basicPassword}
        testId="connect-basic-password"
        dim={form.auth !== 'basic'}
        onChange={(basicPassword) => update({ basicPassword, auth: 'basic' })}
      />
    </Section>
  );
}

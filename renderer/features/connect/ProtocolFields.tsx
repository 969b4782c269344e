/** WebSocket-level behaviour: permessage-deflate, pongs and heartbeat, reconnect with backoff. */
import { useState } from 'react';
import { HEARTBEAT_DEFAULTS } from './build-connect-input.js';
import { CheckField, Section, TextField, type SectionProps } from './FormFields.js';

/** permessage-deflate (RFC 7692) on/off and its parameters. */
export function CompressionFields({ form, update, errorOf }: SectionProps) {
  const off = !form.deflate;
  const advancedSet =
    form.clientNoContextTakeover ||
    form.serverNoContextTakeover ||
    form.clientMaxWindowBits !== '' ||
    form.serverMaxWindowBits !== '' ||
    form.deflateThreshold !== '';
  // Set parameters stay in view: a value that changes the offer is never folded away.
  const [open, setOpen] = useState(false);
  return (
    <Section title="Compression">
      <CheckField
        label="Offer permessage-deflate"
        checked={form.deflate}
        testId="connect-deflate"
        onChange={(deflate) => update({ deflate })}
      />
      <details
        className="cf-wide cf-details"
        open={open || advancedSet}
        onToggle={(e) => setOpen(e.currentTarget.open)}
      >
        <summary>Advanced parameters (RFC 7692 §7.1)</summary>
        <div className="cf-grid">
          <CheckField
            label="client_no_context_takeover"
            checked={form.clientNoContextTakeover}
            disabled={off}
            onChange={(clientNoContextTakeover) => update({ clientNoContextTakeover })}
          />
          <CheckField
            label="server_no_context_takeover"
            checked={form.serverNoContextTakeover}
            disabled={off}
            onChange={(serverNoContextTakeover) => update({ serverNoContextTakeover })}
          />
          <TextField
            label="client_max_window_bits (8–15)"
            value={form.clientMaxWindowBits}
            disabled={off}
            error={errorOf('clientMaxWindowBits')}
            onChange={(clientMaxWindowBits) => update({ clientMaxWindowBits })}
          />
          <TextField
            label="server_max_window_bits (8–15)"
            value={form.serverMaxWindowBits}
            disabled={off}
            error={errorOf('serverMaxWindowBits')}
            onChange={(serverMaxWindowBits) => update({ serverMaxWindowBits })}
          />
          <TextField
            label="Threshold (bytes; smaller messages go uncompressed)"
            value={form.deflateThreshold}
            placeholder="1024"
            disabled={off}
            error={errorOf('deflateThreshold')}
            onChange={(deflateThreshold) => update({ deflateThreshold })}
          />
        </div>
      </details>
    </Section>
  );
}

/** Automatic pongs and keep-alive pings. */
export function KeepAliveFields({ form, update, errorOf }: SectionProps) {
  return (
    <Section title="Keep-alive">
      <CheckField
        label="Answer pings automatically (off: withhold pongs to test a server's timeouts)"
        checked={form.autoPong}
        testId="connect-auto-pong"
        onChange={(autoPong) => update({ autoPong })}
      />
      <div className="cf-grid cf-wide">
        <TextField
          label="Heartbeat interval (ms; empty: no pings)"
          value={form.heartbeatInterval}
          placeholder="off"
          testId="connect-heartbeat-interval"
          error={errorOf('heartbeatInterval')}
          onChange={(heartbeatInterval) => update({ heartbeatInterval })}
        />
        <TextField
          label="Pong timeout (ms)"
          value={form.heartbeatTimeout}
          placeholder={String(HEARTBEAT_DEFAULTS.timeout)}
          error={errorOf('heartbeatTimeout')}
          onChange={(heartbeatTimeout) => update({ heartbeatTimeout })}
        />
        <TextField
          label="Misses before dropping (1006)"
          value={form.heartbeatMisses}
          placeholder={String(HEARTBEAT_DEFAULTS.misses)}
          error={errorOf('heartbeatMisses')}
          onChange={(heartbeatMisses) => update({ heartbeatMisses })}
        />
      </div>
    </Section>
  );
}

/** Reconnect with exponential backoff and jitter. */
export function ReconnectFields({ form, update, errorOf }: SectionProps) {
  const off = !form.reconnect;
  return (
    <Section title="Reconnect">
      <CheckField
        label="Reconnect when the connection ends"
        checked={form.reconnect}
        testId="connect-reconnect"
        onChange={(reconnect) => update({ reconnect })}
      />
      <div className="cf-grid cf-wide">
        <TextField
          label="Initial delay (ms)"
          value={form.reconnectInitialDelay}
          placeholder="1000"
          disabled={off}
          error={errorOf('reconnectInitialDelay')}
          onChange={(reconnectInitialDelay) => update({ reconnectInitialDelay })}
        />
        <TextField
          label="Max delay (ms)"
          value={form.reconnectMaxDelay}
          placeholder="60000"
          disabled={off}
          error={errorOf('reconnectMaxDelay')}
          onChange={(reconnectMaxDelay) => update({ reconnectMaxDelay })}
        />
        <TextField
          label="Factor"
          value={form.reconnectFactor}
          placeholder="2"
          disabled={off}
          error={errorOf('reconnectFactor')}
          onChange={(reconnectFactor) => update({ reconnectFactor })}
        />
        <TextField
          label="Jitter (0–1)"
          value={form.reconnectJitter}
          placeholder="0.5"
          disabled={off}
          error={errorOf('reconnectJitter')}
          onChange={(reconnectJitter) => update({ reconnectJitter })}
        />
        <TextField
          label="Max attempts"
          value={form.reconnectMaxAttempts}
          placeholder="unlimited"
          disabled={off}
          error={errorOf('reconnectMaxAttempts')}
          onChange={(reconnectMaxAttempts) => update({ reconnectMaxAttempts })}
        />
      </div>
    </Section>
  );
}

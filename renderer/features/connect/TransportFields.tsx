/** How the connection is made: TLS files and checks, the HTTP proxy, redirects and limits. */
import { CheckField, Section, TextField, type SectionProps } from './FormFields.js';

/** TLS options (used by wss:// URLs). */
export function TlsFields({ form, update, errorOf }: SectionProps) {
  return (
    <Section title="TLS (wss://)">
      <TextField
        label="CA file (PEM)"
        value={form.caFile}
        placeholder="/path/to/ca.pem"
        error={errorOf('caFile')}
        onChange={(caFile) => update({ caFile })}
      />
      <TextField
        label="Server name (SNI)"
        value={form.servername}
        placeholder="from the URL"
        error={errorOf('servername')}
        onChange={(servername) => update({ servername })}
      />
      <TextField
        label="Client certificate (PEM)"
        value={form.certFile}
        placeholder="/path/to/cert.pem"
        error={errorOf('certFile')}
        onChange={(certFile) => update({ certFile })}
      />
      <TextField
        label="Client key (PEM)"
        value={form.keyFile}
        placeholder="/path/to/key.pem"
        error={errorOf('keyFile')}
        onChange={(keyFile) => update({ keyFile })}
      />
      <TextField
        label="Key passphrase"
        type="password"
        value={form.passphrase}
        onChange={(passphrase) => update({ passphrase })}
      />
      <div className="cf-field">
        <CheckField
          label="Accept any certificate (insecure)"
          checked={form.insecure}
          testId="connect-insecure"
          onChange={(insecure) => update({ insecure })}
        />
        {form.insecure && (
          <div className="cf-warning" data-testid="connect-insecure-warning">
            Self-signed, expired and wrong-host certificates are all accepted: anyone on the path can read and
            change this connection. Use only for servers you control.
          </div>
        )}
      </div>
    </Section>
  );
}

/** Proxy, redirects, handshake timeout and the payload limit. */
export function NetworkFields({ form, update, errorOf }: SectionProps) {
  return (
    <Section title="Network and limits">
      <TextField
        label="HTTP proxy"
        value={form.proxy}
        placeholder="http://[user:pass@]host:port"
        testId="connect-proxy"
        error={errorOf('proxy')}
        onChange={(proxy) => update({ proxy })}
      />
      <div className="cf-field">
        <CheckField
          label="Follow redirects"
          checked={form.followRedirects}
          onChange={(followRedirects) => update({ followRedirects })}
        />
        <TextField
          label="Max redirects"
          value={form.maxRedirects}
          placeholder="10"
          disabled={!form.followRedirects}
          error={errorOf('maxRedirects')}
          onChange={(maxRedirects) => update({ maxRedirects })}
        />
      </div>
      <TextField
        label="Handshake timeout (ms)"
        value={form.handshakeTimeout}
        placeholder="10000"
        error={errorOf('handshakeTimeout')}
        onChange={(handshakeTimeout) => update({ handshakeTimeout })}
      />
      <TextField
        label="Max payload (bytes)"
        value={form.maxPayload}
        placeholder="104857600 (100 MiB)"
        error={errorOf('maxPayload')}
        onChange={(maxPayload) => update({ maxPayload })}
      />
    </Section>
  );
}

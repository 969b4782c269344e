import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { EngineError } from '../errors.js';

/** A certificate made for this run, and what a user needs to trust it. */
export interface SelfSigned {
  readonly cert: string;
  readonly key: string;
  /** SHA-256 fingerprint, colon-separated hex (what browsers show). */
  readonly fingerprint256: string;
  readonly validTo: string;
}

/**
 * A self-signed certificate for localhost, 127.0.0.1 and ::1 (EC P-256, 30 days), made with the
 * openssl command (Node can verify certificates but not issue them). Kept in memory only.
 */
export async function makeSelfSigned(): Promise<SelfSigned> {
  const dir = await mkdtemp(join(tmpdir(), 'wstap-cert-'));
  try {
    const certFile = join(dir, 'cert.pem');
    const keyFile = join(dir, 'key.pem');
    // prettier-ignore
    const args = [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '30',
      '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1',
      '-keyout', keyFile, '-out', certFile,
    ];
    try {
      await promisify(execFile)('openssl', args, { timeout: 20_000 });
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      throw new EngineError(
        'INVALID_OPTION',
        missing
          ? 'a self-signed certificate needs the openssl command (apt-get install openssl), or give --tls-cert and --tls-key'
          : `openssl could not make a certificate: ${(error as Error).message}`,
      );
    }
    const [cert, key] = await Promise.all([readFile(certFile, 'utf8'), readFile(keyFile, 'utf8')]);
    const x509 = new X509Certificate(cert);
    return { cert, key, fingerprint256: x509.fingerprint256, validTo: x509.validTo };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The SHA-256 fingerprint of a PEM certificate. */
export function fingerprintOf(pem: string): string {
  return new X509Certificate(pem).fingerprint256;
}

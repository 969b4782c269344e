import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** What to apt-get install when the openssl CLI is missing. */
export const OPENSSL_HINT = 'apt-get install -y openssl';

/** A throwaway PKI in a temp dir: file paths, and the PEM text of what tests usually pass inline. */
export interface TestPki {
  /** The temp dir holding every file below; `remove()` deletes it. */
  readonly dir: string;
  /** The CA's self-signed certificate (CN "wstap test CA"): trust it to accept the server. */
  readonly caCert: string;
  /** The CA's private key (to sign more certificates with `openssl x509 -req`). */
  readonly caKey: string;
  /** The CA certificate's PEM text (what `ca:` options take). */
  readonly caPem: string;
  /** The server's certificate: CN localhost, subjectAltName DNS:localhost, IP:127.0.0.1, IP:::1. */
  readonly serverCert: string;
  /** The server's key, unencrypted PKCS#8 PEM. */
  readonly serverKey: string;
  /** The client's certificate for mutual TLS (CN "wstap test client", extendedKeyUsage clientAuth). */
  readonly clientCert: string;
  /** The client's key, unencrypted PKCS#8 PEM. */
  readonly clientKey: string;
  /** The same key encrypted (PKCS#8, AES-256-CBC) with `clientKeyPassphrase`. */
  readonly clientKeyEncrypted: string;
  /** The passphrase of `clientKeyEncrypted`. */
  readonly clientKeyPassphrase: string;
  /** PEM texts of the client's certificate, key and encrypted key. */
  readonly clientCertPem: string;
  readonly clientKeyPem: string;
  readonly clientKeyEncryptedPem: string;
  /** Deletes `dir`. */
  remove(): Promise<void>;
}

/** Options of makeTestPki. */
export interface TestPkiOptions {
  /** The passphrase of `clientKeyEncrypted` (default "wstap-test-passphrase"). */
  readonly passphrase?: string;
  /** Certificate lifetime in days (default 2). */
  readonly days?: number;
}

const CONFIG = `[req]
distinguished_name = dn
prompt = no
[dn]
CN = unused
[ca_ext]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[server_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1, IP:::1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[client_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
`;

let probe: Promise<string | null> | undefined;

/** Null when the openssl CLI runs here, else why not (with the apt-get line); cached. */
export function checkOpenssl(): Promise<string | null> {
  probe ??= run('openssl', ['version'], { timeout: 10_000 }).then(
    () => null,
    (error: Error) => `openssl unavailable (${OPENSSL_HINT}): ${error.message.split('\n')[0]}`,
  );
  return probe;
}

/**
 * Generates, with the openssl CLI, a CA, a server certificate for localhost/127.0.0.1 and a client
 * certificate (plus a passphrase-protected copy of its key), all EC P-256 and signed by the CA, in
 * a new temp dir. Call `remove()` in afterAll. Takes about 0.1 s.
 */
export async function makeTestPki(options: TestPkiOptions = {}): Promise<TestPki> {
  const reason = await checkOpenssl();
  if (reason !== null) throw new Error(reason);
  const dir = await mkdtemp(join(tmpdir(), 'wstap-pki-'));
  const at = (name: string): string => join(dir, name);
  const openssl = (...args: string[]): Promise<unknown> =>
    run('openssl', args, { cwd: dir, timeout: 30_000 }).catch((error: Error & { stderr?: string }) => {
      throw new Error(`openssl ${args.join(' ')} failed: ${error.message}\n${error.stderr ?? ''}`, {
        cause: error,
      });
    });
  const days = String(options.days ?? 2);
  const passphrase = options.passphrase ?? 'wstap-test-passphrase';
  const newKey = (file: string): Promise<unknown> =>
    openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', at(file));
  const sign = async (name: string, subject: string, extensions: string): Promise<void> => {
    await newKey(`${name}.key`);
    await openssl(
      'req',
      '-new',
      '-config',
      at('openssl.cnf'),
      '-key',
      at(`${name}.key`),
      '-subj',
      subject,
      '-out',
      at(`${name}.csr`),
    );
    await openssl(
      'x509',
      '-req',
      '-in',
      at(`${name}.csr`),
      '-CA',
      at('ca.crt'),
      '-CAkey',
      at('ca.key'),
      '-set_serial',
      `0x${randomBytes(8).toString('hex')}`,
      '-days',
      days,
      '-sha256',
      '-extfile',
      at('openssl.cnf'),
      '-extensions',
      extensions,
      '-out',
      at(`${name}.crt`),
    );
  };

  try {
    await writeFile(at('openssl.cnf'), CONFIG);
    await newKey('ca.key');
    await openssl(
      'req',
      '-new',
      '-x509',
      '-config',
      at('openssl.cnf'),
      '-extensions',
      'ca_ext',
      '-key',
      at('ca.key'),
      '-subj',
      '/CN=wstap test CA',
      '-days',
      days,
      '-sha256',
      '-set_serial',
      `0x${randomBytes(8).toString('hex')}`,
      '-out',
      at('ca.crt'),
    );
    await Promise.all([
      sign('server', '/CN=localhost', 'server_ext'),
      sign('client', '/CN=wstap test client', 'client_ext'),
    ]);
    await openssl(
      'pkey',
      '-in',
      at('client.key'),
      '-aes-256-cbc',
      '-passout',
      `pass:${passphrase}`,
      '-out',
      at('client-encrypted.key'),
    );
    const [caPem, clientCertPem, clientKeyPem, clientKeyEncryptedPem] = await Promise.all(
      ['ca.crt', 'client.crt', 'client.key', 'client-encrypted.key'].map((file) =>
        readFile(at(file), 'utf8'),
      ),
    );
    return {
      dir,
      caCert: at('ca.crt'),
      caKey: at('ca.key'),
      caPem: caPem ?? '',
      serverCert: at('server.crt'),
      serverKey: at('server.key'),
      clientCert: at('client.crt'),
      clientKey: at('client.key'),
      clientKeyEncrypted: at('client-encrypted.key'),
      clientKeyPassphrase: passphrase,
      clientCertPem: clientCertPem ?? '',
      clientKeyPem: clientKeyPem ?? '',
      clientKeyEncryptedPem: clientKeyEncryptedPem ?? '',
      remove: () => rm(dir, { recursive: true, force: true }),
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

import net from 'node:net';
import tls from 'node:tls';

/** A wss (or https) target. */
export function isSecure(target: URL): boolean {
  return target.protocol === 'wss:' || target.protocol === 'https:';
}

/** Opens the connection to the target: TCP, or TLS verified against the system CAs plus `ca` unless insecure. */
export function connectTarget(
  target: URL,
  options: { readonly ca?: string; readonly insecure?: boolean },
): net.Socket {
  const secure = isSecure(target);
  const port = Number(target.port || (secure ? 443 : 80));
  const host = target.hostname.replace(/^\[|\]$/g, '');
  if (!secure) return net.connect({ host, port });
  return tls.connect({
    host,
    port,
    servername: net.isIP(host) ? undefined : host,
    ca: options.ca ? [...tls.rootCertificates, options.ca] : undefined,
    rejectUnauthorized: options.insecure !== true,
    ALPNProtocols: ['http/1.1'],
  });
}

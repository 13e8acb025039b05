// The identity provider's self-signed TLS certificate, made once with openssl: MSAL refuses http authorities.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TlsCertificate {
  /** PEM certificate: also the trust anchor to give Node (`NODE_EXTRA_CA_CERTS`) or a browser. */
  cert: string;
  key: string;
  certPath: string;
}

export const CERT_FILE = 'tls-cert.pem';
const KEY_FILE = 'tls-key.pem';

/** Reads the certificate in `dataDir`, generating it on first use. */
export async function ensureTlsCertificate(dataDir: string): Promise<TlsCertificate> {
  const certPath = path.join(dataDir, CERT_FILE);
  const keyPath = path.join(dataDir, KEY_FILE);
  if (!existsSync(certPath) || !existsSync(keyPath)) await generate(dataDir, certPath, keyPath);
  const [cert, key] = await Promise.all([readFile(certPath, 'utf8'), readFile(keyPath, 'utf8')]);
  return { cert, key, certPath: path.resolve(certPath) };
}

async function generate(dataDir: string, certPath: string, keyPath: string): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  // Written under temporary names and renamed, so a crash never leaves a key without its certificate.
  const suffix = `.${process.pid}.tmp`;
  try {
    await run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-sha256',
      '-days',
      '825',
      '-subj',
      '/CN=localhost/O=Huntboard demo identity provider',
      '-keyout',
      keyPath + suffix,
      '-out',
      certPath + suffix,
      // A leaf, not a CA: trusting it for the demo must not let it vouch for any other site.
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-addext',
      'basicConstraints=critical,CA:FALSE',
      '-addext',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      '-addext',
      'extendedKeyUsage=serverAuth',
    ]);
  } catch (error) {
    await Promise.all([rm(keyPath + suffix, { force: true }), rm(certPath + suffix, { force: true })]);
    throw new Error(`Could not create the identity provider's TLS certificate with openssl in ${dataDir}`, {
      cause: error,
    });
  }
  await chmod(keyPath + suffix, 0o600);
  await rename(keyPath + suffix, keyPath);
  await rename(certPath + suffix, certPath);
}

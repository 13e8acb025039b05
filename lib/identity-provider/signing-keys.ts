// The provider's token-signing keys (RS256 JWKS), stored beside its certificate so tokens survive a restart.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';

const JWKS_FILE = 'signing-keys.json';
const COOKIE_KEYS_FILE = 'cookie-keys.json';

export interface ProviderSecrets {
  /** Private JWKs; the first one signs new tokens, the others stay published so older tokens still verify. */
  jwks: { keys: JWK[] };
  /** Keys that sign the provider's session cookies. */
  cookieKeys: string[];
}

export interface SigningKey {
  kid: string;
  alg: 'RS256';
  privateKey: CryptoKey;
  /** The public half exactly as the issuer publishes it at its jwks_uri. */
  publicJwk: JWK;
}

/** Reads the provider's keys from `dataDir`, generating them on first use. */
export async function ensureProviderSecrets(dataDir: string): Promise<ProviderSecrets> {
  await mkdir(dataDir, { recursive: true });
  const jwksPath = path.join(dataDir, JWKS_FILE);
  const cookiePath = path.join(dataDir, COOKIE_KEYS_FILE);
  if (!existsSync(jwksPath)) await writeSecret(jwksPath, { keys: [await newSigningJwk()] });
  if (!existsSync(cookiePath)) await writeSecret(cookiePath, [randomBytes(32).toString('base64url')]);
  const jwks = JSON.parse(await readFile(jwksPath, 'utf8')) as ProviderSecrets['jwks'];
  const cookieKeys = JSON.parse(await readFile(cookiePath, 'utf8')) as string[];
  return { jwks, cookieKeys };
}

/**
 * Puts a new signing key in front of the stored ones, as a real issuer rotates keys. A provider started
 * afterwards signs with the new key and still publishes the old ones.
 */
export async function rotateSigningKey(dataDir: string): Promise<SigningKey> {
  const { jwks } = await ensureProviderSecrets(dataDir);
  const fresh = await newSigningJwk();
  await writeSecret(path.join(dataDir, JWKS_FILE), { keys: [fresh, ...jwks.keys] });
  return toSigningKey(fresh);
}

/**
 * The key the provider currently signs with, for tests that must mint tokens the issuer would have signed
 * (expired, wrong audience, …) without waiting for real ones.
 */
export async function readSigningKey(dataDir: string): Promise<SigningKey> {
  const { jwks } = await ensureProviderSecrets(dataDir);
  const current = jwks.keys[0];
  if (!current) throw new Error(`No signing key in ${path.join(dataDir, JWKS_FILE)}`);
  return toSigningKey(current);
}

async function newSigningJwk(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: 'RS256', use: 'sig' };
}

async function toSigningKey(jwk: JWK): Promise<SigningKey> {
  if (!jwk.kid) throw new Error('Stored signing key has no kid');
  const privateKey = (await importJWK(jwk, 'RS256')) as CryptoKey;
  const { kty, n, e, kid, alg, use } = jwk;
  return { kid: jwk.kid, alg: 'RS256', privateKey, publicJwk: { kty, n, e, kid, alg, use } };
}

async function writeSecret(file: string, value: unknown): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, file);
}

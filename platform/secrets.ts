/**
 * The keys care-reviews needs: to verify bearer tokens, to encrypt Temporal payloads and to derive
 * opaque case ids. Production mode (NODE_ENV=production) takes them from the environment only and
 * refuses to start with any missing, weak or published example value. The embedded default makes
 * its own on first start, in `<data>/secrets.json` (readable by the owner only).
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TokenKeys } from './auth/tokens';
import { Keyring, KeyringError } from './encryption/keyring';

export interface Secrets {
  tokens: TokenKeys;
  issuer: string;
  audience: string;
  /** HMAC key that turns a child's case-system id into an opaque workflow id. */
  idKey: Buffer;
  keyring: Keyring;
  /** Where they came from, for the start-up banner. */
  source: 'environment' | string;
}

export class SecretsError extends Error {}

/**
 * Values published in this repository (deploy/example.env, docs): a production system using one
 * of them would be open to anyone who has read the README.
 */
export const PUBLISHED_EXAMPLES = new Set([
  'change-me-to-a-long-random-secret-of-32-bytes-or-more',
  'Y2hhbmdlLW1lLWNoYW5nZS1tZS1jaGFuZ2UtbWUtMzI=',
  'k1:Y2hhbmdlLW1lLWNoYW5nZS1tZS1jaGFuZ2UtbWUtMzI=',
]);

interface SecretsFile {
  jwtSecret: string;
  idKey: string;
  encryptionKeys: string;
}

const b64 = (n: number) => randomBytes(n).toString('base64');

function keyring(name: string, text: string): Keyring {
  try {
    return Keyring.parse(text);
  } catch (e) {
    throw new SecretsError(`${name}: ${(e as KeyringError).message}`);
  }
}

function strong(name: string, value: string | undefined, production: boolean, minBytes: number, decode: (v: string) => Buffer): Buffer {
  if (!value)
    throw new SecretsError(
      `${name} is not set${production ? ' (production mode needs every key set explicitly; see README "Keys and users")' : ''}`,
    );
  if (production && PUBLISHED_EXAMPLES.has(value))
    throw new SecretsError(`${name} is the published example value; production mode refuses default keys`);
  const bytes = decode(value);
  if (bytes.length < minBytes) throw new SecretsError(`${name} must hold at least ${minBytes} bytes of key material, got ${bytes.length}`);
  return bytes;
}

export function loadSecrets(env: NodeJS.ProcessEnv, opts: { production: boolean; dataDir: string }): Secrets {
  const issuer = env.CARE_REVIEWS_JWT_ISSUER || 'care-reviews';
  const audience = env.CARE_REVIEWS_JWT_AUDIENCE || 'care-reviews';
  const fromEnv = opts.production || env.CARE_REVIEWS_ENCRYPTION_KEYS || env.CARE_REVIEWS_JWT_SECRET || env.CARE_REVIEWS_JWKS_URL;
  if (fromEnv) {
    let tokens: TokenKeys;
    if (env.CARE_REVIEWS_JWKS_URL) {
      const url = env.CARE_REVIEWS_JWKS_URL;
      if (!/^https?:\/\//.test(url)) throw new SecretsError('CARE_REVIEWS_JWKS_URL must be an http(s) URL');
      if (opts.production && !url.startsWith('https://') && !/^http:\/\/(localhost|127\.0\.0\.1)[:/]/.test(url)) {
        throw new SecretsError('CARE_REVIEWS_JWKS_URL must use https in production mode');
      }
      tokens = { kind: 'jwks', url };
    } else {
      tokens = {
        kind: 'secret',
        secret: strong('CARE_REVIEWS_JWT_SECRET', env.CARE_REVIEWS_JWT_SECRET, opts.production, 32, (v) => Buffer.from(v, 'utf8')),
      };
    }
    const idKey = strong('CARE_REVIEWS_ID_KEY', env.CARE_REVIEWS_ID_KEY, opts.production, 32, (v) => Buffer.from(v, 'base64'));
    const keysText = env.CARE_REVIEWS_ENCRYPTION_KEYS;
    if (!keysText) throw new SecretsError('CARE_REVIEWS_ENCRYPTION_KEYS is not set ("<id>:<base64 of 32 bytes>", newest first)');
    if (opts.production && keysText.split(',').some((k) => PUBLISHED_EXAMPLES.has(k.trim()))) {
      throw new SecretsError('CARE_REVIEWS_ENCRYPTION_KEYS holds the published example key; production mode refuses default keys');
    }
    return { tokens, issuer, audience, idKey, keyring: keyring('CARE_REVIEWS_ENCRYPTION_KEYS', keysText), source: 'environment' };
  }
  const file = secretsFilePath(opts.dataDir);
  const s = readOrCreateSecretsFile(file);
  return {
    tokens: { kind: 'secret', secret: Buffer.from(s.jwtSecret, 'base64') },
    issuer,
    audience,
    idKey: Buffer.from(s.idKey, 'base64'),
    keyring: keyring(`${file} encryptionKeys`, s.encryptionKeys),
    source: file,
  };
}

export function secretsFilePath(dataDir: string): string {
  return join(dataDir, 'secrets.json');
}

function readOrCreateSecretsFile(file: string): SecretsFile {
  if (!existsSync(file)) {
    const fresh: SecretsFile = { jwtSecret: b64(48), idKey: b64(32), encryptionKeys: `k1:${b64(32)}` };
    writeFileSync(file, JSON.stringify(fresh, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
    return fresh;
  }
  const s = JSON.parse(readFileSync(file, 'utf8')) as SecretsFile;
  for (const k of ['jwtSecret', 'idKey', 'encryptionKeys'] as const) {
    if (typeof s[k] !== 'string' || !s[k]) throw new SecretsError(`${file}: "${k}" is missing`);
  }
  return s;
}

/**
 * Embedded default: a new encryption key becomes current; the old ones stay so existing histories
 * still decrypt. Takes effect at the next start.
 */
export function rotateEmbeddedKey(dataDir: string): { newKeyId: string; keyIds: string[] } {
  const file = secretsFilePath(dataDir);
  const s = readOrCreateSecretsFile(file);
  const ring = keyring(file, s.encryptionKeys);
  let n = ring.keys.length + 1;
  while (ring.key(`k${n}`)) n++;
  const next = new Keyring([{ id: `k${n}`, key: randomBytes(32) }, ...ring.keys]);
  writeFileSync(file, JSON.stringify({ ...s, encryptionKeys: next.format() }, null, 2) + '\n', { mode: 0o600 });
  chmodSync(file, 0o600);
  return { newKeyId: `k${n}`, keyIds: next.keys.map((k) => k.id) };
}

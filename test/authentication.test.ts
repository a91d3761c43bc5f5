/**
 * Bearer tokens: 401 without one, or with an expired, tampered, foreign or unsigned one; tokens
 * from an identity provider's JWKS; the embedded default's keys and its token CLI; production mode
 * refusing missing or published keys.
 */
import { createServer, Server } from 'node:http';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { Client, Connection } from '@temporalio/client';
import { exportJWK, generateKeyPair, KeyLike, SignJWT } from 'jose';
import { runCli } from '../api/cli';
import { TokenVerifier, mintToken } from '../platform/auth/tokens';
import { loadSecrets, PUBLISHED_EXAMPLES, secretsFilePath } from '../platform/secrets';
import { testSecret, tokenFor, tokenSettings } from './support/security';
import { makeApp, makeServices, tempDir } from './support/temporal';

// Nothing here reaches Temporal: a lazy client is never dialled.
const tmp = tempDir('auth');
const services = makeServices(tmp.dir);
const lazy = () => new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
const app = makeApp(lazy(), services, 'unused');
afterAll(() => {
  services.store.close();
  tmp.remove();
});

const URL = '/api/profiles';
const expect401 = async (auth: string | undefined, message: RegExp) => {
  const req = request(app).get(URL);
  const r = auth === undefined ? await req : await req.set('Authorization', auth);
  expect([r.status, r.body.error.field]).toEqual([401, 'authorization']);
  expect(r.body.error.message).toMatch(message);
  expect(r.headers['www-authenticate']).toMatch(/^Bearer/);
};

test('health needs no token; everything else does', async () => {
  expect((await request(app).get('/health')).status).toBe(200);
  await expect401(undefined, /sign in/);
  expect(
    (
      await request(app)
        .get(URL)
        .set('Authorization', `Bearer ${await tokenFor('iro')}`)
    ).status,
  ).toBe(200);
});

test('401 for a malformed, expired, tampered, foreign-signed, wrong-audience or unsigned token', async () => {
  await expect401('Basic dXNlcjpwYXNz', /not a bearer token/);
  await expect401('Bearer not-a-jwt', /not a bearer token/);
  await expect401(`Bearer ${await tokenFor('iro', { expiresIn: Math.floor(Date.now() / 1000) - 60 })}`, /expired/);

  const good = await tokenFor('iro');
  const [h, p, sig] = good.split('.');
  const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), roles: ['operator'] })).toString(
    'base64url',
  );
  await expect401(`Bearer ${h}.${forged}.${sig}`, /signature/);

  const otherKey = await mintToken(Buffer.alloc(48, 1), tokenSettings, { userId: 'u1', roles: ['operator'] });
  await expect401(`Bearer ${otherKey}`, /signature/);
  const otherAudience = await mintToken(testSecret, { ...tokenSettings, audience: 'another-service' }, { userId: 'u1', roles: ['iro'] });
  await expect401(`Bearer ${otherAudience}`, /aud/);
  const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${p}.`;
  await expect401(`Bearer ${none}`, /signature|format/);
  const noExpiry = await new SignJWT({ roles: ['iro'] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('u1')
    .setIssuer('care-reviews')
    .setAudience('care-reviews')
    .sign(testSecret);
  await expect401(`Bearer ${noExpiry}`, /exp/);
});

test('a valid token with no care-reviews role is a 403 naming the roles needed', async () => {
  const t = await mintToken(testSecret, tokenSettings, { userId: 'u1', roles: [] });
  const r = await request(app).get(URL).set('Authorization', `Bearer ${t}`);
  expect(r.status).toBe(403);
  expect(r.body.error.message).toMatch(/no care-reviews role/);
});

describe('tokens from the identity provider (JWKS)', () => {
  let server: Server;
  let jwksUrl: string;
  let privateKey: KeyLike;
  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'idp-1', alg: 'RS256', use: 'sig' };
    server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    jwksUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/jwks.json`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  test('an RS256 token signed by the provider is accepted; a shared-secret one is not', async () => {
    const idpApp = makeApp(lazy(), services, 'unused', {
      verifier: new TokenVerifier({ keys: { kind: 'jwks', url: jwksUrl }, ...tokenSettings }),
    });
    const idpToken = await new SignJWT({ roles: ['iro'] })
      .setProtectedHeader({ alg: 'RS256', kid: 'idp-1' })
      .setSubject('iro-42')
      .setIssuer('care-reviews')
      .setAudience('care-reviews')
      .setExpirationTime('1h')
      .sign(privateKey);
    expect((await request(idpApp).get(URL).set('Authorization', `Bearer ${idpToken}`)).status).toBe(200);
    expect(
      (
        await request(idpApp)
          .get(URL)
          .set('Authorization', `Bearer ${await tokenFor('iro')}`)
      ).status,
    ).toBe(401);
  });
});

describe('keys', () => {
  const strong = {
    CARE_REVIEWS_JWT_SECRET: 'x'.repeat(40),
    CARE_REVIEWS_ID_KEY: Buffer.alloc(32, 3).toString('base64'),
    CARE_REVIEWS_ENCRYPTION_KEYS: `k7:${Buffer.alloc(32, 4).toString('base64')}`,
  };
  const [exampleSecret, exampleIdKey, exampleKeys] = [...PUBLISHED_EXAMPLES];

  test('production mode refuses to start without every key, or with a published example key', () => {
    const prod = (env: Record<string, string>) => () => loadSecrets(env, { production: true, dataDir: tmp.dir });
    expect(prod({})).toThrow(/CARE_REVIEWS_JWT_SECRET is not set/);
    expect(prod({ ...strong, CARE_REVIEWS_ID_KEY: '' })).toThrow(/CARE_REVIEWS_ID_KEY is not set/);
    expect(prod({ ...strong, CARE_REVIEWS_JWT_SECRET: exampleSecret })).toThrow(/published example/);
    expect(prod({ ...strong, CARE_REVIEWS_ID_KEY: exampleIdKey })).toThrow(/published example/);
    expect(prod({ ...strong, CARE_REVIEWS_ENCRYPTION_KEYS: exampleKeys })).toThrow(/published example/);
    expect(prod({ ...strong, CARE_REVIEWS_JWT_SECRET: 'short' })).toThrow(/at least 32 bytes/);
    expect(prod({ ...strong, CARE_REVIEWS_ENCRYPTION_KEYS: 'k1:c2hvcnQ=' })).toThrow(/32 bytes/);
    expect(prod({ ...strong, CARE_REVIEWS_JWT_SECRET: '', CARE_REVIEWS_JWKS_URL: 'http://idp.example/jwks' })).toThrow(/https/);
    const ok = prod(strong)();
    expect(ok.keyring.current.id).toBe('k7');
    expect(ok.source).toBe('environment');
  });

  test('npm start in production mode with the example keys refuses to start, and starts nothing', () => {
    const example = readFileSync(join(__dirname, '..', 'deploy', 'example.env'), 'utf8');
    const values = Object.fromEntries(
      example
        .split('\n')
        .filter((l) => /^[A-Z_]+=/.test(l))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    const dir = tempDir('prod-start');
    try {
      const r = spawnSync(process.execPath, ['-r', 'tsx/cjs', join(__dirname, '..', 'main.ts')], {
        env: {
          PATH: process.env.PATH,
          ...values,
          NODE_ENV: 'production',
          TEMPORAL_ADDRESS: '127.0.0.1:1',
          CARE_REVIEWS_DATA_DIR: dir.dir,
          PORT: '1',
        },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(
        /could not start: CARE_REVIEWS_JWT_SECRET is the published example value; production mode refuses default keys/,
      );
      expect(readdirSync(dir.dir)).toEqual([]);
    } finally {
      dir.remove();
    }
  });

  test('every key in deploy/example.env is one production mode refuses', () => {
    const example = readFileSync(join(__dirname, '..', 'deploy', 'example.env'), 'utf8');
    const values = Object.fromEntries(
      example
        .split('\n')
        .filter((l) => /^[A-Z_]+=/.test(l))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    for (const name of ['CARE_REVIEWS_JWT_SECRET', 'CARE_REVIEWS_ID_KEY', 'CARE_REVIEWS_ENCRYPTION_KEYS'])
      expect(PUBLISHED_EXAMPLES.has(values[name])).toBe(true);
    expect(() => loadSecrets(values, { production: true, dataDir: tmp.dir })).toThrow(/published example/);
  });

  test('the embedded default makes its own keys once, readable by the owner only', () => {
    const dir = tempDir('embedded-keys');
    try {
      const a = loadSecrets({}, { production: false, dataDir: dir.dir });
      const b = loadSecrets({}, { production: false, dataDir: dir.dir });
      expect(a.source).toBe(secretsFilePath(dir.dir));
      expect(b.idKey.equals(a.idKey)).toBe(true);
      expect(statSync(secretsFilePath(dir.dir)).mode & 0o077).toBe(0);
      const other = tempDir('embedded-keys-2');
      expect(loadSecrets({}, { production: false, dataDir: other.dir }).idKey.equals(a.idKey)).toBe(false);
      other.remove();
    } finally {
      dir.remove();
    }
  });

  test('the CLI mints tokens for local users that the API accepts, and rotates the payload key', async () => {
    const dir = tempDir('cli-keys');
    const saved = process.env.CARE_REVIEWS_DATA_DIR;
    process.env.CARE_REVIEWS_DATA_DIR = dir.dir;
    try {
      const out: string[] = [];
      const err: string[] = [];
      expect(
        await runCli(
          ['token', '--user', 'sw-17', '--role', 'social-worker', '--team', 'north-1'],
          (s) => out.push(s),
          (s) => err.push(s),
        ),
      ).toBe(0);
      const secrets = loadSecrets({}, { production: false, dataDir: dir.dir });
      const principal = await new TokenVerifier({ keys: secrets.tokens, issuer: secrets.issuer, audience: secrets.audience }).verify(
        out[0],
      );
      expect(principal).toEqual({ userId: 'sw-17', roles: ['social-worker'], team: 'north-1' });

      expect(
        await runCli(
          ['token', '--user', 'u1', '--role', 'admin'],
          () => {},
          (s) => err.push(s),
        ),
      ).toBe(2);
      expect(err.pop()).toMatch(/role: "admin" is not a role/);
      expect(
        await runCli(
          ['token', '--user', 'Jane Smith', '--role', 'iro'],
          () => {},
          (s) => err.push(s),
        ),
      ).toBe(2);
      expect(
        await runCli(
          ['token', '--role', 'iro'],
          () => {},
          (s) => err.push(s),
        ),
      ).toBe(64);

      expect(
        await runCli(
          ['keys', 'rotate'],
          (s) => out.push(s),
          (s) => err.push(s),
        ),
      ).toBe(0);
      const rotated = loadSecrets({}, { production: false, dataDir: dir.dir });
      expect(rotated.keyring.keys.map((k) => k.id)).toEqual(['k2', 'k1']);
      expect(rotated.keyring.key('k1')!.equals(secrets.keyring.key('k1')!)).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.CARE_REVIEWS_DATA_DIR;
      else process.env.CARE_REVIEWS_DATA_DIR = saved;
      dir.remove();
    }
  });
});

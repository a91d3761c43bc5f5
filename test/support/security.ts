/**
 * Test keys and tokens: fixed keys (so failures reproduce) that are never used outside tests.
 */
import request from 'supertest';
import { Express } from 'express';
import { Role } from '../../platform/auth/roles';
import { mintToken, TokenVerifier } from '../../platform/auth/tokens';
import { HttpSettings } from '../../platform/config';
import { Keyring } from '../../platform/encryption/keyring';

export const testSecret = Buffer.from('test-only-secret-test-only-secret-0123456789', 'utf8');
export const tokenSettings = { issuer: 'care-reviews', audience: 'care-reviews' };
export const testVerifier = new TokenVerifier({ keys: { kind: 'secret', secret: testSecret }, ...tokenSettings });
export const testIdKey = Buffer.alloc(32, 9);
export const testKeyring = new Keyring([{ id: 't1', key: Buffer.alloc(32, 7) }]);

export const testHttp: HttpSettings = {
  corsOrigins: [],
  codecOrigins: ['http://localhost:8233'],
  rateLimitPerMinute: 1_000_000,
  bodyLimit: '100kb',
  trustProxy: 0,
};

export function tokenFor(
  roles: Role | Role[],
  opts: { userId?: string; team?: string; expiresIn?: string | number } = {},
): Promise<string> {
  const list = Array.isArray(roles) ? roles : [roles];
  return mintToken(testSecret, tokenSettings, {
    userId: opts.userId ?? `test-${list.join('-')}`,
    roles: list,
    team: opts.team,
    expiresIn: opts.expiresIn,
  });
}

/** supertest with a bearer token for these roles. */
export async function as(app: Express, roles: Role | Role[], opts: { userId?: string; team?: string } = {}) {
  const auth = `Bearer ${await tokenFor(roles, opts)}`;
  return {
    get: (path: string) => request(app).get(path).set('Authorization', auth),
    post: (path: string) => request(app).post(path).set('Authorization', auth),
  };
}

/** A child coming into care, as POST /api/looked-after-cycles takes it (override any field). */
export function cameIntoCare(fields: Record<string, unknown>): Record<string, unknown> {
  return { dateOfBirth: '2015-06-01', legalStatus: 'C2', placementType: 'foster', team: 'north-1', ...fields };
}

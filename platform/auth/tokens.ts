/**
 * Bearer tokens: JWTs verified against a shared secret (HS256, the embedded default) or a JWKS URL
 * (the local authority's identity provider). Minting is for the embedded default's CLI and tests.
 */
import { createRemoteJWKSet, errors, JWTPayload, jwtVerify, SignJWT } from 'jose';
import { isRole, Principal, Role } from './roles';

export type TokenKeys = { kind: 'secret'; secret: Uint8Array } | { kind: 'jwks'; url: string };

export interface TokenSettings {
  keys: TokenKeys;
  issuer: string;
  audience: string;
}

export class TokenRejected extends Error {}

const USER_ID = /^[A-Za-z0-9][A-Za-z0-9@._-]{0,127}$/;
const TEAM = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export class TokenVerifier {
  private readonly check: (token: string) => Promise<{ payload: JWTPayload }>;

  constructor(settings: TokenSettings) {
    const options = { issuer: settings.issuer, audience: settings.audience, requiredClaims: ['sub', 'exp'] };
    if (settings.keys.kind === 'secret') {
      const secret = settings.keys.secret;
      this.check = (t) => jwtVerify(t, secret, { ...options, algorithms: ['HS256', 'HS384', 'HS512'] });
    } else {
      const jwks = createRemoteJWKSet(new URL(settings.keys.url));
      this.check = (t) => jwtVerify(t, jwks, { ...options, algorithms: ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'EdDSA'] });
    }
  }

  async verify(token: string): Promise<Principal> {
    let payload: JWTPayload;
    try {
      ({ payload } = await this.check(token));
    } catch (e) {
      if (e instanceof errors.JWTExpired) throw new TokenRejected('token expired');
      if (e instanceof errors.JWTClaimValidationFailed) throw new TokenRejected(`token claim "${e.claim}" is not acceptable`);
      if (e instanceof errors.JOSEError) throw new TokenRejected('token signature or format is not valid');
      throw new TokenRejected('token is not valid');
    }
    if (typeof payload.sub !== 'string' || !USER_ID.test(payload.sub)) throw new TokenRejected('token subject is not a staff id');
    const roles = Array.isArray(payload.roles) ? payload.roles.filter(isRole) : [];
    const team = typeof payload.team === 'string' && TEAM.test(payload.team) ? payload.team : undefined;
    return { userId: payload.sub, roles: [...new Set(roles)], team };
  }
}

export interface MintRequest {
  userId: string;
  roles: Role[];
  team?: string;
  /** Lifetime, e.g. "8h"; defaults to a working day. */
  expiresIn?: string | number;
}

/** HS256 token for the embedded default (the CLI's `token` command) and tests. */
export async function mintToken(secret: Uint8Array, settings: Omit<TokenSettings, 'keys'>, r: MintRequest): Promise<string> {
  if (!USER_ID.test(r.userId)) throw new TokenRejected(`user: "${r.userId}" is not a staff id (letters, digits, @ . _ -)`);
  if (r.team !== undefined && !TEAM.test(r.team)) throw new TokenRejected(`team: "${r.team}" is not a team code`);
  return new SignJWT({ roles: r.roles, ...(r.team ? { team: r.team } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(r.userId)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt()
    .setExpirationTime(r.expiresIn ?? '9h')
    .sign(secret);
}

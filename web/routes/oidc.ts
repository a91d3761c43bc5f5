/**
 * Signing in with the authority's identity provider (production): OpenID Connect, authorization
 * code with PKCE, state and nonce. The verifier, state, nonce and where to go afterwards travel in
 * a short-lived encrypted cookie (the session's key), never in the URL. Roles, team and staff id
 * come from the ID token's claims exactly as the API's tokens carry them (`roles`, `team`, `sub`).
 */
import { Request, Response } from 'express';
import type * as Oidc from 'openid-client';
import { isRole, Principal } from '../../platform/auth/roles';
import { WebSettings } from '../../platform/config';
import { Mount, WebContext } from '../app';
import { loadEsm } from '../esm';
import { startPageOf } from '../navigation';
import { cookie } from '../session';
import { safeNext } from './sign-in';

export const OIDC_FLOW_COOKIE = 'care-reviews-oidc';
/** Long enough to type a password and answer a second factor; short enough to be useless if stolen. */
const FLOW_SECONDS = 10 * 60;

/** What providers put on the redirect back (the standard ones, and Entra's and Google's extras). */
const CALLBACK_QUERY = [
  'code',
  'state',
  'iss',
  'error',
  'error_description',
  'error_uri',
  'session_state',
  'scope',
  'authuser',
  'prompt',
  'hd',
];

type Lib = typeof Oidc;
type OidcSettings = NonNullable<WebSettings['oidc']>;

/** Discovery once per process; a failed discovery (provider down) is tried again next time. */
function providerOf(oidc: OidcSettings, production: boolean): () => Promise<{ lib: Lib; config: Oidc.Configuration }> {
  let found: Promise<{ lib: Lib; config: Oidc.Configuration }> | undefined;
  return () => {
    found ??= (async () => {
      const lib = loadEsm<Lib>('openid-client');
      const issuer = new URL(oidc.issuer);
      // Plain http only for a provider run locally in development and tests.
      const execute = !production && issuer.protocol === 'http:' ? [lib.allowInsecureRequests] : [];
      const config = await lib.discovery(issuer, oidc.clientId, oidc.clientSecret, undefined, { execute });
      return { lib, config };
    })();
    found.catch(() => (found = undefined));
    return found;
  };
}

/** The principal the ID token's claims describe, or why there is none. */
export function principalOfClaims(claims: Record<string, unknown>): Principal | { refused: string } {
  const sub = typeof claims.sub === 'string' ? claims.sub : '';
  const roles = Array.isArray(claims.roles) ? claims.roles.filter(isRole) : [];
  if (!sub) return { refused: 'Your council account did not say who you are. Ask your administrator.' };
  if (roles.length === 0) return { refused: 'Your council account has no care-reviews role. Ask your administrator for one.' };
  const team = typeof claims.team === 'string' && claims.team ? claims.team : undefined;
  return { userId: sub, roles: [...new Set(roles)], team };
}

export function oidcRoutes(mount: Mount, ctx: WebContext): void {
  const { sessions, settings, services } = ctx;
  const oidc = settings.oidc;
  const provider = oidc ? providerOf(oidc, !!services.production) : undefined;
  const publicUrl = (settings.publicUrl ?? 'http://localhost:3000').replace(/\/+$/, '');
  const redirectUri = `${publicUrl}/sign-in/callback`;
  const flowCookie = { httpOnly: true, sameSite: 'lax' as const, secure: !!services.production, path: '/sign-in' };

  const refuse = (res: Response, status: number, message: string) => {
    res.clearCookie(OIDC_FLOW_COOKIE, flowCookie);
    res.status(status).render('pages/sign-in.njk', {
      title: 'Sign in',
      oidc: !!oidc,
      tokenSignIn: !services.production || !oidc,
      idleMinutes: settings.idleMinutes,
      errors: [{ text: message, href: oidc ? '#sign-in-oidc' : '#token' }],
      errorsByField: {},
    });
  };
  const notConfigured = (res: Response) => refuse(res, 404, 'Signing in with a council account is not set up here. Use an access token.');

  mount('/sign-in/oidc', (r) => {
    r.get('/', { roles: 'public', query: ['next'] }, async (req, res) => {
      if (!provider) return notConfigured(res);
      let found;
      try {
        found = await provider();
      } catch (e) {
        console.error('[web] OpenID Connect discovery failed:', (e as Error).message);
        return refuse(res, 503, 'The council sign-in service cannot be reached. Try again in a few minutes.');
      }
      const { lib, config } = found;
      const verifier = lib.randomPKCECodeVerifier();
      const flow = { verifier, state: lib.randomState(), nonce: lib.randomNonce(), next: safeNext(req.query.next) ?? '' };
      res.cookie(OIDC_FLOW_COOKIE, await sessions.seal(flow, FLOW_SECONDS), { ...flowCookie, maxAge: FLOW_SECONDS * 1000 });
      const url = lib.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: 'openid profile',
        code_challenge: await lib.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state: flow.state,
        nonce: flow.nonce,
      });
      res.redirect(303, url.href);
    });
  });

  mount('/sign-in/callback', (r) => {
    r.get('/', { roles: 'public', query: CALLBACK_QUERY }, async (req, res) => {
      if (!provider) return notConfigured(res);
      const flow = await sessions.open(cookie(req.headers.cookie, OIDC_FLOW_COOKIE));
      if (!flow) return refuse(res, 400, 'Your sign-in took too long or was started elsewhere. Sign in again.');
      if (typeof req.query.error === 'string') {
        return refuse(res, 401, `The council sign-in service did not sign you in (${req.query.error.slice(0, 60)}). Try again.`);
      }
      const result = await complete(req, flow);
      if ('refused' in result) return refuse(res, result.status, result.refused);
      // The session's own lifetime (idle timeout, at most SESSION_MAX_MS), not the ID token's few minutes.
      const session = sessions.create(result.principal, 'oidc');
      res.clearCookie(OIDC_FLOW_COOKIE, flowCookie);
      res.locals.principal = result.principal;
      await sessions.write(res, session);
      res.redirect(303, safeNext(flow.next) ?? startPageOf(result.principal) ?? '/calculator');
    });
  });

  type Done = { principal: Principal } | { refused: string; status: number };
  async function complete(req: Request, flow: Record<string, string>): Promise<Done> {
    try {
      const { lib, config } = await provider!();
      // The URL the provider sent the browser to, as it knows it (behind a proxy req.url is ours).
      const current = new URL(`${redirectUri}${req.originalUrl.slice(req.originalUrl.indexOf('?'))}`);
      const tokens = await lib.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: flow.verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims()!;
      const principal = principalOfClaims(claims);
      if ('refused' in principal) return { refused: principal.refused, status: 403 };
      return { principal };
    } catch (e) {
      // State mismatch, a replayed or forged code, a bad ID token: nobody is signed in.
      console.error('[web] OpenID Connect sign-in refused:', (e as Error).message);
      return {
        refused: 'Sign-in could not be completed: the response from the council sign-in service was not valid. Sign in again.',
        status: 400,
      };
    }
  }
}

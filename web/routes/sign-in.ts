/**
 * Signing in and out. Embedded default: paste a token minted by `npx care-reviews token ...`.
 * Production with an identity provider: OpenID Connect (routes/oidc.ts). Either way the browser
 * then holds only the session cookie.
 */
import { decodeJwt } from 'jose';
import { ANY_ROLE } from '../../platform/auth/roles';
import { TokenRejected } from '../../platform/auth/tokens';
import { principalOf } from '../../api/middleware/permit';
import { Mount, WebContext } from '../app';
import { startPageOf } from '../navigation';

/** Only a path on this site (never //elsewhere) is followed after signing in. */
export function safeNext(raw: unknown): string | undefined {
  const s = typeof raw === 'string' ? raw : undefined;
  return s && /^\/(?![/\\])[^\s]*$/.test(s) && !s.startsWith('/sign-') ? s.slice(0, 500) : undefined;
}

export function signInRoutes(mount: Mount, page: Mount, ctx: WebContext): void {
  const { sessions, settings, services } = ctx;
  const tokenSignIn = !services.production || !settings.oidc;
  const view = (extra: Record<string, unknown>) => ({
    title: 'Sign in',
    oidc: !!settings.oidc,
    tokenSignIn,
    idleMinutes: settings.idleMinutes,
    ...extra,
  });

  mount('/sign-in', (r) => {
    r.get('/', { roles: 'public', query: ['next', 'ended'] }, (req, res) => {
      const ended = ['idle', 'expired', 'signed-out'].includes(String(req.query.ended)) ? String(req.query.ended) : undefined;
      res.render('pages/sign-in.njk', view({ next: safeNext(req.query.next), ended }));
    });

    r.post('/', 'public', async (req, res) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const next = safeNext(body.next);
      const refuse = (message: string) => {
        res.status(401).render(
          'pages/sign-in.njk',
          view({
            next,
            errors: [{ text: message, href: '#token' }],
            errorsByField: { token: message },
          }),
        );
      };
      if (!tokenSignIn) return refuse('Sign in with your council account');
      const token = typeof body.token === 'string' ? body.token.trim() : '';
      if (!token) return refuse('Enter an access token');
      let principal;
      try {
        principal = await services.verifier.verify(token);
      } catch (e) {
        return refuse(`That token cannot be used: ${e instanceof TokenRejected ? e.message : 'it is not valid'}`);
      }
      if (principal.roles.length === 0) return refuse('That token has no care-reviews role');
      const exp = decodeJwt(token).exp;
      const session = sessions.create(principal, 'token', (exp ?? Date.now() / 1000 + 9 * 3600) * 1000);
      res.locals.principal = principal;
      await sessions.write(res, session);
      res.redirect(303, next ?? startPageOf(principal) ?? '/calculator');
    });
  });

  page('/sign-out', (r) => {
    r.post('/', ANY_ROLE, (_req, res) => {
      principalOf(res);
      sessions.clear(res);
      res.redirect(303, '/sign-in?ended=signed-out');
    });
  });
}

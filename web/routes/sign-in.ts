/**
 * Signing in and out. Embedded default: paste a token minted by `npx care-reviews token ...`.
 * Production with an identity provider: OpenID Connect (routes/oidc.ts). Either way the browser
 * then holds only the session cookie.
 */
import { decodeJwt } from 'jose';
import { ANY_ROLE } from '../../platform/auth/roles';
import { TokenRejected } from '../../platform/auth/tokens';
import { principalOf } from '../../api/middleware/permit';
import { Request } from 'express';
import { Mount, WebContext } from '../app';
import { Resume } from '../middleware/page-auth';
import { SessionData } from '../session';
import { startPageOf } from '../navigation';

/** Only a path on this site (never //elsewhere) is followed after signing in. */
export function safeNext(raw: unknown): string | undefined {
  const s = typeof raw === 'string' ? raw : undefined;
  return s && /^\/(?![/\\])[^\s]*$/.test(s) && !s.startsWith('/sign-') ? s.slice(0, 500) : undefined;
}

/** The same site's Origin (or none, as some browsers send on same-origin posts): a sign-in from another site is refused (login CSRF). */
function sameOrigin(req: Request, publicUrl: string | undefined): boolean {
  const origin = req.headers.origin;
  // A browser sends no Origin, or "null" under a strict referrer policy: then its own fetch metadata says where the post came from.
  if (origin === undefined) return true;
  if (origin === 'null') return req.headers['sec-fetch-site'] === undefined || req.headers['sec-fetch-site'] === 'same-origin';
  try {
    const host = new URL(origin).host;
    // Behind a reverse proxy the Host seen here may differ: the public URL's host counts too.
    return host === req.headers.host || host === req.host || (!!publicUrl && host === new URL(publicUrl).host);
  } catch {
    return false;
  }
}

/** Sign-in, offering to send a form that was posted after the session ended (page-auth.ts). */
export function signInToResume(ctx: WebContext): Resume {
  return async (req, res, ended) => {
    if (req.originalUrl.split('?')[0] === '/sign-out') return void res.redirect(303, '/sign-in?ended=signed-out');
    const form = Object.fromEntries(
      Object.entries((req.body ?? {}) as Record<string, unknown>).filter(([k, v]) => k !== '_csrf' && typeof v === 'string'),
    ) as Record<string, string>;
    const resume = await ctx.sessions.seal({ action: req.originalUrl.split('?')[0], form: JSON.stringify(form) }, 3600);
    res.status(401).render('pages/sign-in.njk', signInView(ctx, { resume, ended }));
  };
}

function signInView(ctx: WebContext, extra: Record<string, unknown>) {
  const { settings, services } = ctx;
  return {
    title: 'Sign in',
    oidc: !!settings.oidc,
    tokenSignIn: !services.production || !settings.oidc,
    idleMinutes: settings.idleMinutes,
    ...extra,
  };
}

export function signInRoutes(mount: Mount, page: Mount, ctx: WebContext): void {
  const { sessions, settings, services } = ctx;
  const tokenSignIn = !services.production || !settings.oidc;
  const view = (extra: Record<string, unknown>) => signInView(ctx, extra);

  mount('/sign-in', (r) => {
    r.get('/', { roles: 'public', query: ['next', 'ended'] }, (req, res) => {
      const ended = ['idle', 'expired', 'signed-out'].includes(String(req.query.ended)) ? String(req.query.ended) : undefined;
      res.render('pages/sign-in.njk', view({ next: safeNext(req.query.next), ended }));
    });

    r.post('/', 'public', async (req, res) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const next = safeNext(body.next);
      const resume = typeof body.resume === 'string' ? body.resume : undefined;
      const refuse = (message: string, status = 401) => {
        res.status(status).render(
          'pages/sign-in.njk',
          view({
            next,
            resume,
            errors: [{ text: message, href: '#token' }],
            errorsByField: { token: message },
          }),
        );
      };
      if (!sameOrigin(req, settings.publicUrl)) return refuse('Sign in from the care-reviews sign-in page', 403);
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
      const session = sessions.create(principal, 'token', exp === undefined ? undefined : exp * 1000);
      res.locals.principal = principal;
      await sessions.write(res, session);
      const kept = await sessions.open(resume);
      const action = safeNext(kept?.action);
      if (kept && action) {
        // The form they sent before being signed out, to check and send again with the new session's CSRF token.
        const fields = Object.entries(JSON.parse(kept.form ?? '{}') as Record<string, string>).map(([name, value]) => ({ name, value }));
        res.locals.csrfToken = session.csrf;
        res.render('pages/resume.njk', { title: 'Send what you typed', action, fields, back: action });
        return;
      }
      res.redirect(303, next ?? startPageOf(principal) ?? '/calculator');
    });
  });

  page('/sign-out', (r) => {
    r.post('/', ANY_ROLE, (_req, res) => {
      principalOf(res);
      sessions.signOut(res, res.locals.session as SessionData | undefined);
      res.redirect(303, '/sign-in?ended=signed-out');
    });
  });
}

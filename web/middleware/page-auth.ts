/**
 * Who is asking, for a page: the signed-in session (rolled forward on each request), or a bearer
 * token as the API takes it (scripts and the permission-matrix test). Nobody signed in: to the
 * sign-in page, which brings them back here afterwards.
 */
import { Request, RequestHandler, Response } from 'express';
import { TokenRejected, TokenVerifier } from '../../platform/auth/tokens';
import { bearerToken } from '../../api/middleware/authenticate';
import { InputError } from '../../api/input-error';
import { Sessions, principalOfSession } from '../session';

export function signInPath(next: string, ended?: string): string {
  const q = new URLSearchParams();
  if (next && next !== '/') q.set('next', next);
  if (ended) q.set('ended', ended);
  const s = q.toString();
  return `/sign-in${s ? `?${s}` : ''}`;
}

/** A form posted after the session ended: what to do with it (sign-in.ts offers to send it again). */
export type Resume = (req: Request, res: Response, ended: string | undefined) => Promise<void>;

export function pageAuth(sessions: Sessions, verifier: TokenVerifier, resume?: Resume): RequestHandler {
  return async (req, res, next) => {
    const header = req.headers.authorization;
    if (header !== undefined) {
      const token = bearerToken(header);
      try {
        if (!token) throw new TokenRejected('not a bearer token');
        res.locals.principal = await verifier.verify(token);
        res.locals.viaBearer = true;
        next();
      } catch (e) {
        next(new InputError('authorization', `authorization: ${e instanceof TokenRejected ? e.message : 'token is not valid'}`, 401));
      }
      return;
    }
    const read = await sessions.read(req);
    if (!('session' in read)) {
      const ended = 'ended' in read ? read.ended : undefined;
      // A form posted after the idle timeout is not lost: signing in offers to send it again.
      if (req.method === 'POST' && resume) return resume(req, res, ended);
      // Only a page (never a form post) is worth coming back to after signing in.
      const back = req.method === 'GET' ? req.originalUrl : '';
      res.redirect(303, signInPath(back, ended));
      return;
    }
    const s = read.session;
    res.locals.session = s;
    res.locals.principal = principalOfSession(s);
    // The flash is shown once, on this page.
    res.locals.flash = s.flash;
    await sessions.write(res, { ...s, flash: req.method === 'GET' ? undefined : s.flash });
    next();
  };
}

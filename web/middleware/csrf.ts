/**
 * Every form posted from a signed-in browser carries the session's synchroniser token in `_csrf`
 * (SameSite=Lax cookies already stop most cross-site posts; this stops the rest). A request sent
 * with a bearer token is not a browser's and carries none.
 */
import { timingSafeEqual } from 'node:crypto';
import { RequestHandler } from 'express';
import { InputError } from '../../api/input-error';
import { SessionData } from '../session';

export const CSRF_FIELD = '_csrf';

export const checkCsrf: RequestHandler = (req, res, next) => {
  if (req.method !== 'POST' || res.locals.viaBearer) return next();
  const s = res.locals.session as SessionData | undefined;
  const sent = (req.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
  const ok = s && typeof sent === 'string' && sent.length === s.csrf.length && timingSafeEqual(Buffer.from(sent), Buffer.from(s.csrf));
  if (!ok) {
    next(
      new InputError(CSRF_FIELD, 'This form has expired or did not come from care-reviews. Go back, reload the page and try again.', 403),
    );
    return;
  }
  next();
};

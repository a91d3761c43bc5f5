/**
 * Bearer-token authentication: a request without a valid token stops here with 401.
 */
import { RequestHandler } from 'express';
import { TokenRejected, TokenVerifier } from '../../platform/auth/tokens';
import { InputError } from '../input-error';

export function bearerToken(header: string | undefined): string | undefined {
  const m = /^Bearer ([A-Za-z0-9_=-]+\.[A-Za-z0-9_=-]+\.[A-Za-z0-9_+/=-]*)$/.exec(header ?? '');
  return m?.[1];
}

const JWT = /^[A-Za-z0-9_=-]+\.[A-Za-z0-9_=-]+\.[A-Za-z0-9_=-]*$/;

/**
 * `cookie`: also accept the token from this cookie; `formField`: or from this field of a posted
 * form (the codec endpoint and its sign-in page, used from a browser by the Temporal Web UI).
 */
export function authenticate(verifier: TokenVerifier, opts: { cookie?: string; formField?: string } = {}): RequestHandler {
  return async (req, res, next) => {
    const header = req.headers.authorization;
    const field = opts.formField ? (req.body as Record<string, unknown> | undefined)?.[opts.formField] : undefined;
    const token =
      bearerToken(header) ??
      (opts.cookie ? readCookie(req.headers.cookie, opts.cookie) : undefined) ??
      (typeof field === 'string' && JWT.test(field.trim()) ? field.trim() : undefined);
    res.setHeader('WWW-Authenticate', 'Bearer realm="care-reviews"');
    if (!token) {
      next(
        new InputError(
          'authorization',
          header
            ? 'authorization: not a bearer token ("Authorization: Bearer <token>")'
            : 'authorization: sign in first; send "Authorization: Bearer <token>"',
          401,
        ),
      );
      return;
    }
    try {
      res.locals.principal = await verifier.verify(token);
      res.removeHeader('WWW-Authenticate');
      next();
    } catch (e) {
      next(new InputError('authorization', `authorization: ${e instanceof TokenRejected ? e.message : 'token is not valid'}`, 401));
    }
  };
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) {
      const value = part.slice(at + 1).trim();
      return JWT.test(value) ? value : undefined;
    }
  }
  return undefined;
}

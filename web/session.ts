/**
 * The browser's session: who signed in, their CSRF token and when they were last seen, kept in
 * one encrypted, HttpOnly, SameSite=Lax cookie (Secure in production). Stateless, so a restart or
 * a second API process keeps everyone signed in; no personal data about children is ever in it.
 */
import { hkdfSync, randomBytes } from 'node:crypto';
import { EncryptJWT, jwtDecrypt } from 'jose';
import { Request, Response } from 'express';
import { Principal, Role } from '../platform/auth/roles';

export const SESSION_COOKIE = 'care-reviews-session';

/** However long the token or ID token lives, a browser signs in again after this long. */
export const SESSION_MAX_MS = 12 * 3600_000;

/** Where sign-outs are remembered (data/signed-out-sessions.ts). */
export interface SignedOut {
  has(sid: string): boolean;
  add(sid: string, until: number): void;
}

export interface SessionData {
  /** Random id, remembered on sign-out so a copy of the cookie stops working. */
  sid: string;
  userId: string;
  roles: Role[];
  team?: string;
  /** Synchroniser token every form carries back (csrf.ts). */
  csrf: string;
  /** How they signed in. */
  via: 'token' | 'oidc';
  /** Epoch ms: signed out after `idleMinutes` without a request. */
  seen: number;
  /** Epoch ms: signed out at this time whatever happens (the token's expiry, at most SESSION_MAX_MS). */
  expires: number;
  /** One message for the next page ("Review 2 recorded"). */
  flash?: string;
}

export interface SessionSettings {
  /** Signed out after this many minutes without a request (default 30). */
  idleMinutes: number;
  /** Cookies only over HTTPS. */
  secure: boolean;
}

export type SessionRead = { session: SessionData } | { ended: 'idle' | 'expired' | 'signed-out' } | { none: true };

export class Sessions {
  private readonly key: Uint8Array;

  constructor(
    secret: Buffer,
    readonly settings: SessionSettings,
    private readonly clock: () => number = Date.now,
    private readonly signedOut?: SignedOut,
  ) {
    // A key of its own, derived so that the case-id key is never used for anything else directly.
    this.key = new Uint8Array(hkdfSync('sha256', secret, Buffer.alloc(0), 'care-reviews web session', 32));
  }

  /** Starts a session for this principal (a new CSRF token each sign-in). */
  create(p: Principal, via: SessionData['via'], expires = Infinity): SessionData {
    const now = this.clock();
    return {
      sid: randomBytes(16).toString('base64url'),
      userId: p.userId,
      roles: p.roles,
      team: p.team,
      csrf: randomBytes(24).toString('base64url'),
      via,
      seen: now,
      expires: Math.min(expires, now + SESSION_MAX_MS),
    };
  }

  async read(req: Request): Promise<SessionRead> {
    const raw = cookie(req.headers.cookie, SESSION_COOKIE);
    if (!raw) return { none: true };
    let s: SessionData;
    try {
      const { payload } = await jwtDecrypt(raw, this.key);
      s = payload.s as SessionData;
      if (!s || typeof s.userId !== 'string' || !Array.isArray(s.roles) || typeof s.csrf !== 'string') return { none: true };
    } catch {
      return { none: true };
    }
    const now = this.clock();
    if (typeof s.sid !== 'string' || this.signedOut?.has(s.sid)) return { ended: 'signed-out' };
    if (now >= s.expires) return { ended: 'expired' };
    if (now - s.seen > this.settings.idleMinutes * 60_000) return { ended: 'idle' };
    return { session: s };
  }

  /** Writes the session back (the last-seen time moves on: the idle timeout rolls). */
  async write(res: Response, s: SessionData): Promise<void> {
    const data = { ...s, seen: this.clock() };
    const jwe = await new EncryptJWT({ s: data }).setProtectedHeader({ alg: 'dir', enc: 'A256GCM' }).encrypt(this.key);
    res.cookie(SESSION_COOKIE, jwe, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.settings.secure,
      path: '/',
      maxAge: Math.max(0, s.expires - this.clock()),
    });
  }

  /** Short-lived encrypted data for a round trip through another site (the OIDC sign-in's verifier). */
  async seal(data: Record<string, string>, seconds: number): Promise<string> {
    return new EncryptJWT({ d: data })
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .setExpirationTime(Math.floor(this.clock() / 1000) + seconds)
      .encrypt(this.key);
  }

  /** What seal() sealed, or undefined when missing, tampered with or past its time. */
  async open(raw: string | undefined): Promise<Record<string, string> | undefined> {
    if (!raw) return undefined;
    try {
      const { payload } = await jwtDecrypt(raw, this.key, { currentDate: new Date(this.clock()) });
      const d = payload.d as Record<string, string> | undefined;
      return d && typeof d === 'object' ? d : undefined;
    } catch {
      return undefined;
    }
  }

  /** Signs out: this session is refused from now on, even from a copy of its cookie. */
  signOut(res: Response, s: SessionData | undefined): void {
    if (s?.sid) this.signedOut?.add(s.sid, s.expires);
    this.clear(res);
  }

  clear(res: Response): void {
    res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: this.settings.secure, path: '/' });
  }
}

export function principalOfSession(s: SessionData): Principal {
  return { userId: s.userId, roles: s.roles, team: s.team };
}

export function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim() || undefined;
  }
  return undefined;
}

/**
 * The Temporal codec server protocol (POST /codec/encode, /codec/decode), so the Temporal Web UI
 * can show an operator the decrypted payloads of a case, and nobody else. The Web UI calls it from
 * the browser: an operator signs in once at /codec/sign-in, which sets an HttpOnly cookie the UI
 * sends when "Include cross-origin credentials" is on. Bearer tokens work too (CLI, an OIDC UI).
 */
import { Payload, PayloadCodec } from '@temporalio/common';
import { RequestHandler } from 'express';
import { InputError } from '../input-error';
import { SecureRouter } from '../secure-router';

export const CODEC_COOKIE = 'care_reviews_codec';

interface JsonPayload {
  metadata?: Record<string, string>;
  data?: string;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const MAX_PAYLOADS = 1000;

function fromJson(body: unknown): Payload[] {
  const payloads = (body as { payloads?: unknown } | undefined)?.payloads;
  if (!Array.isArray(payloads)) throw new InputError('payloads', 'payloads: an array of {metadata, data} (Temporal codec server protocol)');
  if (payloads.length > MAX_PAYLOADS) throw new InputError('payloads', `payloads: at most ${MAX_PAYLOADS} at once`);
  return payloads.map((p: unknown, i) => {
    const jp = p as JsonPayload;
    if (typeof jp !== 'object' || jp === null || Array.isArray(jp)) throw new InputError(`payloads[${i}]`, `payloads[${i}]: an object`);
    const metadata: Record<string, Uint8Array> = {};
    const meta = jp.metadata ?? {};
    if (typeof meta !== 'object' || meta === null || Array.isArray(meta))
      throw new InputError(`payloads[${i}].metadata`, `payloads[${i}].metadata: an object of base64 strings`);
    for (const [k, v] of Object.entries(meta)) {
      if (typeof v !== 'string' || !BASE64.test(v))
        throw new InputError(`payloads[${i}].metadata.${k}`, `payloads[${i}].metadata.${k}: base64`);
      metadata[k] = Buffer.from(v, 'base64');
    }
    const data = jp.data ?? '';
    if (typeof data !== 'string' || !BASE64.test(data)) throw new InputError(`payloads[${i}].data`, `payloads[${i}].data: base64`);
    return { metadata, data: Buffer.from(data, 'base64') };
  });
}

function toJson(payloads: Payload[]): { payloads: JsonPayload[] } {
  return {
    payloads: payloads.map((p) => ({
      metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
      data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
    })),
  };
}

const SIGN_IN_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>care-reviews: operator sign-in for the Temporal Web UI</title></head>
<body><h1>Operator sign-in for the Temporal Web UI</h1>
<p>Paste an operator token (<code>npx care-reviews token --user &lt;you&gt; --role operator</code>). The browser keeps it in an
HttpOnly cookie for this site only; the Web UI then decrypts case payloads through <code>/codec</code> when its Codec Server
setting has "Include cross-origin credentials" on.</p>
<form method="post" action="/codec/sign-in"><label>Token <input name="token" type="password" autocomplete="off" size="60"></label>
<button type="submit">Sign in</button></form></body></html>`;

export function codecRoutes(r: SecureRouter, codecs: PayloadCodec[], secureCookies: boolean): void {
  const run =
    (op: 'encode' | 'decode'): RequestHandler =>
    async (req, res) => {
      let payloads = fromJson(req.body);
      const chain = op === 'encode' ? codecs : [...codecs].reverse();
      try {
        for (const c of chain) payloads = await c[op](payloads);
      } catch (e) {
        throw new InputError('payloads', `payloads: could not ${op}: ${(e as Error).message}`, 422);
      }
      res.json(toJson(payloads));
    };
  r.post('/encode', ['operator'], run('encode'));
  r.post('/decode', ['operator'], run('decode'));
  r.get('/sign-in', 'public', (_req, res) => {
    res.type('html').send(SIGN_IN_PAGE);
  });
  // The token came in the form and was checked like any bearer token (operators only).
  r.post('/sign-in', ['operator'], (req, res) => {
    const token = (req.body as { token?: string }).token as string;
    res.cookie(CODEC_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: secureCookies, path: '/codec', maxAge: 9 * 3600 * 1000 });
    res.type('text').send('Signed in: the Temporal Web UI can now decrypt payloads through /codec for this browser.');
  });
}

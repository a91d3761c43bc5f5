/**
 * A local stand-in for the GOV.UK Notify API (the two calls care-reviews makes): POST
 * /v2/notifications/email and GET /v2/notifications?reference=. It checks the bearer token is a
 * JWT signed with the key's secret and issued for its service, and can refuse an address (400).
 */
import { createHmac, randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

export const SERVICE_ID = '26785a09-ab16-4eb0-8407-a37497a57506';
export const SECRET = '3d844edf-8d35-48ac-975b-e847b4f122b0';
/** A Notify API key has the form <name>-<service id>-<secret>. */
export const API_KEY = `care_reviews_test-${SERVICE_ID}-${SECRET}`;
export const TEMPLATE_ID = 'f33517ff-2a88-4f6e-b855-c550268ce08a';

export interface NotifyEmail {
  id: string;
  template_id: string;
  email_address: string;
  reference?: string;
  personalisation: Record<string, string>;
}

export interface FakeNotify {
  url: string;
  sent: NotifyEmail[];
  /** Addresses answered with 400 (as Notify answers a team-only key sending outside the team). */
  refuse: Set<string>;
  stop(): Promise<void>;
}

function verified(req: IncomingMessage): boolean {
  const [h, p, sig] = (req.headers.authorization ?? '').replace(/^Bearer /, '').split('.');
  if (!h || !p || !sig) return false;
  const expected = createHmac('sha256', SECRET).update(`${h}.${p}`).digest('base64url');
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as { iss?: string };
  return expected === sig && claims.iss === SERVICE_ID;
}

function reply(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export async function startFakeNotify(): Promise<FakeNotify> {
  const sent: NotifyEmail[] = [];
  const refuse = new Set<string>();
  const server = createServer((req, res) => {
    if (!verified(req)) return reply(res, 403, { status_code: 403, errors: [{ error: 'AuthError', message: 'Invalid token' }] });
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET' && url.pathname === '/v2/notifications') {
      const reference = url.searchParams.get('reference');
      const notifications = sent
        .filter((n) => !reference || n.reference === reference)
        .map((n) => ({ id: n.id, reference: n.reference, email_address: n.email_address, type: 'email', status: 'delivered' }));
      return reply(res, 200, { notifications, links: {} });
    }
    if (req.method === 'POST' && url.pathname === '/v2/notifications/email') {
      let text = '';
      req.on('data', (c) => (text += c));
      req.on('end', () => {
        const body = JSON.parse(text) as Omit<NotifyEmail, 'id'>;
        if (refuse.has(body.email_address))
          return reply(res, 400, { status_code: 400, errors: [{ error: 'BadRequestError', message: "Can't send to this recipient" }] });
        const n = { id: randomUUID(), ...body };
        sent.push(n);
        reply(res, 201, {
          id: n.id,
          reference: n.reference,
          content: { subject: '', body: '', from_email: 'x@notify' },
          uri: '',
          template: {},
        });
      });
      return;
    }
    reply(res, 404, { status_code: 404, errors: [{ error: 'NotFound', message: 'no such route' }] });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, sent, refuse, stop: () => new Promise<void>((r) => server.close(() => r())) };
}

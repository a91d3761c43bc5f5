/**
 * Email through GOV.UK Notify (notifications-node-client), for CARE_REVIEWS_NOTIFY_API_KEY. Each
 * email uses a template (by kind, else the default) with the personalisation `subject` and
 * `body`; its `reference` is the notification id, so after a crash Notify is asked whether it
 * already has the email (by reference and address) before sending it again.
 *
 * A 400 refusing the recipient (not a valid address, outside a team-only key's team) is permanent;
 * anything else (a wrong key or template, 429, 5xx, no answer) is retried, the reason shown in the
 * outbox, until the operator puts it right or the attempts run out.
 */
import { NotifyClient } from 'notifications-node-client';
import { NotifySettings } from '../config';
import { Accepted, DeliveryError, MailTransport, OutgoingEmail } from './transport';

interface AxiosLikeError extends Error {
  code?: string;
  response?: { status: number; data?: { errors?: { error?: string; message?: string }[] } };
}

type RestClient = (options: Record<string, unknown>) => Promise<unknown>;

/** Every call gives up after `timeoutMs` (the client's own default waits for ever). */
function withTimeout(client: NotifyClient, timeoutMs: number): void {
  const api = (client as unknown as { apiClient: { restClient: RestClient; setClient(c: RestClient): void } }).apiClient;
  const inner = api.restClient;
  api.setClient((options) => inner({ ...options, timeout: timeoutMs }));
}

function failure(err: unknown): DeliveryError {
  const e = err as AxiosLikeError;
  const status = e.response?.status;
  if (status === undefined) return new DeliveryError(`Notify did not answer: ${e.code ?? e.message}`, false);
  const why = (e.response?.data?.errors ?? []).map((x) => `${x.error ?? ''}: ${x.message ?? ''}`).join('; ') || e.message;
  // Only a refusal of this recipient is for good; a wrong key or template is put right by the operator, then retried.
  return new DeliveryError(`Notify ${status} ${why}`.slice(0, 500), status === 400 && /recipient|email_address/i.test(why));
}

export function notifyTransport(s: NotifySettings, opts: { timeoutMs?: number } = {}): MailTransport {
  const client = s.baseUrl ? new NotifyClient(s.baseUrl, s.apiKey) : new NotifyClient(s.apiKey);
  withTimeout(client, opts.timeoutMs ?? 30_000);
  return {
    name: 'notify',
    describe: `GOV.UK Notify ${s.baseUrl ?? 'https://api.notifications.service.gov.uk'}, template ${s.templateId}`,
    async send(e: OutgoingEmail): Promise<Accepted> {
      try {
        const r = await client.sendEmail(s.templates[e.kind] ?? s.templateId, e.to, {
          personalisation: { subject: e.subject, body: e.text },
          reference: e.notificationId,
          ...(s.replyToId ? { emailReplyToId: s.replyToId } : {}),
        });
        return { providerId: String(r.data.id) };
      } catch (err) {
        throw failure(err);
      }
    },
    async find(e: OutgoingEmail): Promise<Accepted | undefined> {
      try {
        const r = await client.getNotifications('email', undefined, e.notificationId);
        const mine = r.data.notifications.find(
          (n) => n.reference === e.notificationId && n.email_address?.toLowerCase() === e.to.toLowerCase(),
        );
        return mine ? { providerId: String(mine.id) } : undefined;
      } catch (err) {
        throw failure(err);
      }
    },
    close() {},
  };
}

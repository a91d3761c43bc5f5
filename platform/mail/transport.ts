/**
 * What every way of sending an email offers the dispatcher (worker/mail-delivery.ts): send one
 * email, say whether a failure is for good, and, where the provider can be asked, whether an
 * email interrupted by a crash had in fact been accepted.
 */

export interface OutgoingEmail {
  /** The notification's id: Notify's `reference`, and with the address the `Message-ID`. */
  notificationId: string;
  /** The notification's kind (a Notify template may be chosen by it). */
  kind: string;
  to: string;
  toName: string;
  subject: string;
  text: string;
  /** `<...@domain>`, the same on every attempt (see messageIdFor). */
  messageId: string;
}

/** The message nodemailer composes for an email (SMTP and .eml alike): the notification id travels in a header. */
export function mailOptions(from: string, e: OutgoingEmail) {
  return {
    from,
    to: { name: e.toName, address: e.to },
    subject: e.subject,
    text: e.text,
    messageId: e.messageId,
    headers: { 'X-Care-Reviews-Notification': e.notificationId },
  };
}

export interface Accepted {
  /** The provider's id or answer (Notify's notification id, the SMTP server's reply, the .eml path). */
  providerId: string;
}

export interface MailTransport {
  /** smtp, notify or eml, and where to (never a password). */
  readonly name: string;
  readonly describe: string;
  send(email: OutgoingEmail): Promise<Accepted>;
  /**
   * After a restart, for an email whose attempt was recorded but whose outcome was not: the
   * provider's record of it if it has one, undefined if it has none. Absent: the provider cannot
   * be asked (SMTP), so the email is sent again.
   */
  find?(email: OutgoingEmail): Promise<Accepted | undefined>;
  close(): Promise<void> | void;
}

/** A failed send. `permanent`: sending again cannot help (an address refused), so it is not retried. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

/** Characters kept as they are in a Message-ID's left part; the rest become =XX (RFC 5322 atext). */
const PLAIN = /[A-Za-z0-9/_-]/;

function encode(s: string): string {
  return [...Buffer.from(s, 'utf8')]
    .map((b) => {
      const c = String.fromCharCode(b);
      return b < 128 && PLAIN.test(c) ? c : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
}

/**
 * The Message-ID of a notification's email to one address: the notification id and the address,
 * readable and reversible, e.g. `<lac-0a1b/review-1/overdue/iro-unit+iro=2Eunit=40example=2Eorg@example.org>`.
 */
export function messageIdFor(notificationId: string, email: string, from: string): string {
  const domain = from.split('@')[1] || 'care-reviews.invalid';
  return `<${encode(notificationId)}+${encode(email.toLowerCase())}@${domain}>`;
}

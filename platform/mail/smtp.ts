/**
 * Email over SMTP (nodemailer), for CARE_REVIEWS_SMTP_URL: smtp://host:port, or
 * smtps://user:pass@host:port (TLS from the start); smtp:// upgrades with STARTTLS when offered.
 *
 * A 5xx refusal of the recipient or of the message is permanent (the address does not exist, the
 * message is refused); anything else (no connection, a timeout, 4xx "try later", a failed login)
 * is retried, with the reason shown in the outbox.
 */
import nodemailer from 'nodemailer';
import { Accepted, DeliveryError, MailTransport, OutgoingEmail, mailOptions } from './transport';

interface SmtpFailure extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
}

/** Refusals that are about this email (the envelope or the message), not the server or the login. */
const ABOUT_THE_EMAIL = new Set(['EENVELOPE', 'EMESSAGE']);

export function isPermanentSmtpFailure(e: SmtpFailure): boolean {
  return e.responseCode !== undefined && e.responseCode >= 500 && e.responseCode < 600 && ABOUT_THE_EMAIL.has(e.code ?? '');
}

export interface SmtpOptions {
  /** Milliseconds to connect, to be greeted, and of silence mid-conversation (default 30 s, 30 s, 60 s). */
  connectionTimeout?: number;
  greetingTimeout?: number;
  socketTimeout?: number;
}

export function smtpTransport(url: string, from: string, opts: SmtpOptions = {}): MailTransport {
  const transporter = nodemailer.createTransport({
    url,
    connectionTimeout: opts.connectionTimeout ?? 30_000,
    greetingTimeout: opts.greetingTimeout ?? 30_000,
    socketTimeout: opts.socketTimeout ?? 60_000,
  });
  const where = new URL(url);
  return {
    name: 'smtp',
    describe: `SMTP ${where.protocol}//${where.host}, from ${from}`,
    async send(e: OutgoingEmail): Promise<Accepted> {
      try {
        const info = await transporter.sendMail(mailOptions(from, e));
        if (info.rejected.length) throw new DeliveryError(`refused: ${info.response}`, true);
        return { providerId: String(info.response ?? '').slice(0, 300) };
      } catch (err) {
        if (err instanceof DeliveryError) throw err;
        const f = err as SmtpFailure;
        const what = f.response ?? f.message;
        throw new DeliveryError(`${f.code ? `${f.code} ` : ''}${what}`.slice(0, 500), isPermanentSmtpFailure(f));
      }
    },
    close() {
      transporter.close();
    },
  };
}

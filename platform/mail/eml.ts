/**
 * The embedded default (no SMTP server, no Notify key): each email is written as an .eml file,
 * `<data>/mail/<recipient address>/<notification id>.eml`, which any mail program opens. The
 * file's name is fixed by the notification and the address, and it appears whole (written aside,
 * then renamed), so a resend after a crash finds it there and writes nothing twice.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { Accepted, DeliveryError, MailTransport, OutgoingEmail, mailOptions } from './transport';

const SAFE = /[^A-Za-z0-9._@+-]/g;

function fileName(s: string, max: number): string {
  const safe = s.replace(SAFE, '_').replace(/^\.+/, '_');
  if (safe.length <= max) return safe;
  return `${safe.slice(0, max - 13)}-${createHash('sha256').update(s).digest('hex').slice(0, 12)}`;
}

/** Where the email to `e.to` for `e.notificationId` is (or would be) written. */
export function emlPath(dir: string, e: Pick<OutgoingEmail, 'to' | 'notificationId'>): string {
  return join(dir, fileName(e.to.toLowerCase(), 120), `${fileName(e.notificationId, 180)}.eml`);
}

export function emlTransport(dir: string, from: string): MailTransport {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    name: 'eml',
    describe: `.eml files in ${dir}`,
    async send(e: OutgoingEmail): Promise<Accepted> {
      const path = emlPath(dir, e);
      if (existsSync(path)) return { providerId: path };
      try {
        const info = await composer.sendMail(mailOptions(from, e));
        mkdirSync(join(path, '..'), { recursive: true });
        const aside = `${path}.${process.pid}.tmp`;
        writeFileSync(aside, info.message as Buffer);
        renameSync(aside, path);
        return { providerId: path };
      } catch (err) {
        // A full disk or a folder not writable: retried (and shown) until someone puts it right.
        throw new DeliveryError(`could not write ${path}: ${(err as Error).message}`, false);
      }
    },
    async find(e: OutgoingEmail): Promise<Accepted | undefined> {
      const path = emlPath(dir, e);
      return existsSync(path) ? { providerId: path } : undefined;
    },
    close() {
      composer.close();
    },
  };
}

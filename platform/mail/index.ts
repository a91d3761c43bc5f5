/** The way emails leave, from the configuration: SMTP, GOV.UK Notify, or .eml files (the default). */
import { MailSettings } from '../config';
import { emlTransport } from './eml';
import { notifyTransport } from './notify';
import { smtpTransport } from './smtp';
import { MailTransport } from './transport';

export * from './transport';

export function mailTransport(settings: MailSettings): MailTransport {
  if (settings.smtpUrl) return smtpTransport(settings.smtpUrl, settings.from);
  if (settings.notify) return notifyTransport(settings.notify);
  return emlTransport(settings.emlDir, settings.from);
}

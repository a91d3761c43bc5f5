/**
 * A mail dispatcher in a process of its own over a store file, as the worker process runs it (the
 * crash test kills it with SIGKILL mid-send, then starts it again). Arguments: the store file, the
 * SMTP URL, the sender. Runs passes until nothing is left to send, then exits 0.
 */
import { EmbeddedStore } from '../../data/embedded-store';
import { smtpTransport } from '../../platform/mail/smtp';
import { MailDelivery } from '../../worker/mail-delivery';

async function main() {
  const [storePath, url, from] = process.argv.slice(2);
  const store = new EmbeddedStore(storePath, { owner: true });
  const log = (m: string) => process.stdout.write(`${m}\n`);
  const delivery = new MailDelivery({ store, transport: smtpTransport(url, from), from, retry: { firstMs: 50, maxMs: 100 }, log });
  for (;;) {
    log(JSON.stringify(await delivery.runOnce()));
    if (!store.mail.nextDue() && !store.mail.interruptedDeliveries().length) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await delivery.stop();
  store.close();
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);

/**
 * The crash window of email delivery, measured (part of `npm run bench`; alone:
 * `node -r tsx/cjs scripts/mail-bench.ts`). The dispatcher records each attempt before sending,
 * so a crash can resend an email only if it falls after the SMTP server accepted the message (its
 * 250 reply) and before the acceptance is committed to the store. Over an SMTP server in this
 * process and the store on disk, this times that window for BENCH_MAIL_N (default 300) emails:
 * the reply reaching the dispatcher, then the commit (SQLite with fsync).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { EmbeddedStore } from '../data/embedded-store';
import { smtpTransport } from '../platform/mail/smtp';
import { MailDelivery } from '../worker/mail-delivery';

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const ms = (x: number) => `${x.toFixed(2)} ms`;

export interface MailBench {
  emails: number;
  seconds: number;
  /** Server's 250 -> acceptance committed, per email, sorted. */
  window: number[];
  /** Server's 250 -> the dispatcher has the reply. */
  reply: number[];
  /** The dispatcher has the reply -> committed. */
  commit: number[];
}

export async function benchMail(n = Number(process.env.BENCH_MAIL_N ?? 300)): Promise<MailBench> {
  const dir = mkdtempSync(join(tmpdir(), 'care-reviews-mail-bench-'));
  const accepted = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    onData(stream, _session, callback) {
      let text = '';
      stream.on('data', (c: Buffer) => (text += c.toString()));
      stream.on('end', () => {
        accepted.set(/^Message-ID:\s*(<[^>]+>)/im.exec(text)?.[1] ?? '', performance.now());
        callback();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;

  const store = new EmbeddedStore(join(dir, 'store.sqlite'), { owner: true });
  const from = 'bench@care-reviews.example.org';
  store.directory.replace(
    { people: [], teams: {}, mailboxes: { 'iro-unit': 'iro.unit@example.org', 'iro-unit-manager': 'iro.manager@example.org' } },
    'bench',
  );
  const transport = smtpTransport(url, from);
  const replied = new Map<string, number>();
  const send = transport.send.bind(transport);
  transport.send = async (e) => {
    const r = await send(e);
    replied.set(e.messageId, performance.now());
    return r;
  };
  const window: number[] = [];
  const reply: number[] = [];
  const commit: number[] = [];
  const delivery = new MailDelivery({
    store,
    transport,
    from,
    log: () => {},
    onCommitted: (d) => {
      const done = performance.now();
      const at = accepted.get(d.messageId)!;
      window.push(done - at);
      reply.push(replied.get(d.messageId)! - at);
      commit.push(done - replied.get(d.messageId)!);
    },
  });
  for (let i = 0; i < n; i++)
    store.recordNotification({
      id: `lac-bench/${i}/reminder/iro-unit`,
      recipient: 'iro-unit',
      caseId: 'lac-bench',
      rule: 'L2',
      kind: 'reminder',
      subject: `Reminder ${i}`,
      body: 'A review is due.',
      dueDate: null,
    });
  const start = performance.now();
  while (window.length < n) await delivery.runOnce();
  const seconds = (performance.now() - start) / 1000;
  await delivery.stop();
  store.close();
  await new Promise<void>((r) => server.close(() => r()));
  rmSync(dir, { recursive: true, force: true });
  for (const xs of [window, reply, commit]) xs.sort((a, b) => a - b);
  return { emails: n, seconds, window, reply, commit };
}

export function printMailBench(b: MailBench): void {
  const line = (xs: number[]) => `p50 ${ms(pct(xs, 50))}, p99 ${ms(pct(xs, 99))}, max ${ms(xs[xs.length - 1])}`;
  console.log(`mail bench: ${b.emails} emails over SMTP to a server in this process, store on disk (SQLite, fsync)`);
  console.log(
    `  emails/s                   ${(b.emails / b.seconds).toFixed(1)}  (one at a time, a connection each; the test server waits 100 ms before its greeting)`,
  );
  console.log(`  crash window (250->commit) ${line(b.window)}`);
  console.log(`    reply reaches dispatcher ${line(b.reply)}`);
  console.log(`    commit                   ${line(b.commit)}`);
}

if (require.main === module) {
  benchMail().then(
    (b) => {
      printMailBench(b);
      process.exit(0);
    },
    (e) => {
      console.error(`mail bench failed: ${(e as Error).message}`);
      process.exit(1);
    },
  );
}

/**
 * Issue 12 parts 2 and 3 over SMTP, against a real SMTP server in this process: each notification
 * is emailed once per recipient with its id in the Message-ID; addresses resolve when the email is
 * sent (a team manager changed mid-case receives the next one); an address nobody fills goes to
 * the IRO unit manager, marked, and is listed as a gap; a refused address is marked failed, shown
 * in the outbox and told to the IRO unit manager once; a server saying "later" is tried again.
 */
import { readFileSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { Database } from 'node-sqlite3-wasm';
import { EmbeddedStore } from '../data/embedded-store';
import { MIGRATION_HORIZON_DAYS } from '../data/mail-outbox';
import { createActivities } from '../activities';
import { messageIdFor } from '../platform/mail/transport';
import { smtpTransport } from '../platform/mail/smtp';
import { emlPath, emlTransport } from '../platform/mail/eml';
import { MailDelivery } from '../worker/mail-delivery';
import { renderEmail } from '../worker/mail-content';
import { FROM, notification, testDirectory } from './support/directory';
import { as } from './support/security';
import { startSmtp, TestSmtp } from './support/smtp';
import { makeApp, makeServices, tempDir } from './support/temporal';

const tmp = tempDir('mail-delivery');
const services = makeServices(tmp.dir);
const { store } = services;
const app = makeApp(new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) }), services, 'unused');
let smtp: TestSmtp;
let delivery: MailDelivery;
const to = (address: string) => smtp.received.filter((r) => r.to.includes(address));
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  smtp = await startSmtp();
  store.directory.replace(testDirectory(), 'test');
  delivery = new MailDelivery({
    store,
    transport: smtpTransport(smtp.url, FROM),
    from: FROM,
    retry: { firstMs: 30, maxMs: 60, attempts: 3 },
    log: () => {},
  });
});
afterAll(async () => {
  await delivery.stop();
  await smtp.stop();
  store.close();
  tmp.remove();
});

test('a notification is emailed once, its id in the Message-ID; the outbox shows it sent', async () => {
  const n = notification('review-1/overdue', 'iro-unit');
  store.recordNotification(n);
  expect(await delivery.runOnce()).toMatchObject({ resolved: 1, sent: 1 });
  expect(await delivery.runOnce()).toMatchObject({ resolved: 0, sent: 0 });
  const got = to('iro.unit@council.example.org');
  expect(got).toHaveLength(1);
  expect(got[0].messageId).toBe(messageIdFor(n.id, 'iro.unit@council.example.org', FROM));
  expect(got[0].messageId).toBe(
    '<lac-0123456789abcdef01234567/review-1/overdue/iro-unit+iro=2Eunit=40council=2Eexample=2Eorg@council.example.org>',
  );
  expect(got[0].notificationId).toBe(n.id);
  expect(got[0].subject).toBe(`Case ${n.caseId}: ${n.subject}`);
  expect(got[0].raw).toContain('Due: 2026-11-20');

  const r = await (await as(app, 'iro-unit')).get('/api/notifications').query({ recipient: 'iro-unit' });
  expect(r.body.notifications[0]).toMatchObject({
    id: n.id,
    status: 'sent',
    deliveries: [{ email: 'iro.unit@council.example.org', status: 'sent', attempts: 1, via: 'smtp', lastError: null }],
  });
});

test('a team manager changed mid-case receives the next email (addresses resolve when sent)', async () => {
  const { notify } = createActivities(services);
  await notify(notification('review-1/decisions-prompt', 'team-manager:south-1', { kind: 'prompt', rule: 'L10' }));
  await delivery.runOnce();
  expect(to('tomasz.nowak@council.example.org')).toHaveLength(1);

  const sm = await as(app, 'service-manager', { userId: 'sm-1' });
  await sm
    .post('/api/directory/people')
    .send({ staffId: 'tm-5', name: 'Ola Adeyemi', email: 'ola.adeyemi@council.example.org', team: 'south-1' });
  expect((await sm.post('/api/directory/teams/south-1').send({ teamManagers: ['tm-5'], serviceManager: 'sm-1' })).status).toBe(200);

  await notify(notification('review-2/decisions-prompt', 'team-manager:south-1', { kind: 'prompt', rule: 'L10' }));
  // service-manager: the case's team is known from its team-manager address, so its own manager.
  await notify(notification('review-2/escalation', 'service-manager', { kind: 'escalation' }));
  await delivery.runOnce();
  expect(to('tomasz.nowak@council.example.org')).toHaveLength(1);
  expect(to('ola.adeyemi@council.example.org').map((r) => r.notificationId)).toEqual([
    expect.stringContaining('review-2/decisions-prompt'),
  ]);
  expect(to('grace.bell@council.example.org')).toHaveLength(1);
});

test('an address nobody fills goes to the IRO unit manager, marked, and is listed as a gap until filled', async () => {
  const n = notification('review-1/reports', 'social-worker:south-1', { kind: 'reminder', rule: 'L8' });
  store.recordNotification(n);
  await delivery.runOnce();
  const [got] = to('iro.manager@council.example.org');
  expect(got.subject).toMatch(/^\[no recipient for social-worker:south-1\] Case lac-0123456789abcdef01234567(, team south-1)?: /);
  expect(got.subject.endsWith(n.subject)).toBe(true);
  expect(got.raw).toContain('the directory has nobody for it');

  const unit = await as(app, 'iro-unit');
  const view = await unit.get('/api/directory');
  expect(view.body.gaps).toEqual([
    expect.objectContaining({ address: 'social-worker:south-1', notifications: 1, lastNotificationId: n.id, filled: false }),
  ]);
  const outbox = await unit.get('/api/notifications').query({ caseId: n.caseId });
  expect(outbox.body.notifications.find((x: { id: string }) => x.id === n.id).deliveries).toEqual([
    expect.objectContaining({ email: 'iro.manager@council.example.org', note: 'no recipient for social-worker:south-1', status: 'sent' }),
  ]);

  await (
    await as(app, 'operator')
  )
    .post('/api/directory/mailboxes/social-worker:south-1')
    .send({ email: 'south-1.duty@council.example.org' });
  expect((await unit.get('/api/directory')).body.gaps[0]).toMatchObject({ address: 'social-worker:south-1', filled: true });
});

test('a letter to a family is not emailed, and says so in the outbox', async () => {
  const n = notification('letter', 'family:o2r-0123', { kind: 'letter-to-family', rule: 'O2' });
  store.recordNotification(n);
  const before = smtp.received.length;
  await delivery.runOnce();
  expect(smtp.received.length).toBe(before);
  expect(store.notification(n.id)).toMatchObject({ status: 'not-emailed', note: expect.stringContaining('caseholder') });
});

test('a refused address (550) is marked failed, shown in the outbox, and told to the IRO unit manager once', async () => {
  smtp.options.rcpt = (a) => (a === 'left@council.example.org' ? 550 : undefined);
  const sm = await as(app, 'service-manager');
  await sm.post('/api/directory/people').send({ staffId: 'iro-8', name: 'Left Recently', email: 'left@council.example.org' });
  const n = notification('review-3/overdue', 'user:iro-8');
  store.recordNotification(n);
  for (let i = 0; i < 4; i++) await delivery.runOnce();

  expect(store.notification(n.id)!.status).toBe('failed');
  const failed = await (await as(app, 'iro-unit')).get('/api/notifications').query({ status: 'failed' });
  expect(failed.body.notifications).toEqual([
    expect.objectContaining({
      id: n.id,
      deliveries: [expect.objectContaining({ status: 'failed', attempts: 1, lastError: expect.stringContaining('550') })],
    }),
  ]);
  const told = to('iro.manager@council.example.org').filter((r) => r.subject.includes('Not delivered to left@council.example.org'));
  expect(told).toHaveLength(1);
  expect(told[0].raw).toContain('please pass it on');
});

test('a server saying "try later" (451) is tried again with backoff; past the last attempt it is failed and told', async () => {
  let refusals = 2;
  smtp.options.rcpt = (a) =>
    a === 'busy@council.example.org' && refusals-- > 0 ? 451 : a === 'down@council.example.org' ? 451 : undefined;
  const op = await as(app, 'operator');
  await op.post('/api/directory/mailboxes/deputy-director').send({ email: 'busy@council.example.org' });
  await op.post('/api/directory/mailboxes/director').send({ email: 'down@council.example.org' });
  const busy = notification('stage-3', 'deputy-director', { kind: 'climb', rule: 'E5' });
  const down = notification('stage-4', 'director', { kind: 'climb', rule: 'E5' });
  store.recordNotification(busy);
  store.recordNotification(down);
  for (let i = 0; i < 8; i++) {
    await delivery.runOnce();
    await pause(80);
  }
  expect(store.mail.deliveriesOf([busy.id]).get(busy.id)).toEqual([
    expect.objectContaining({ status: 'sent', attempts: 3, lastError: null }),
  ]);
  expect(to('busy@council.example.org')).toHaveLength(1);
  expect(store.mail.deliveriesOf([down.id]).get(down.id)).toEqual([
    expect.objectContaining({ status: 'failed', attempts: 3, lastError: expect.stringMatching(/^gave up after 3 attempts: .*451/) }),
  ]);
  expect(to('iro.manager@council.example.org').filter((r) => r.subject.includes('Not delivered to down@'))).toHaveLength(1);
});

test('started as npm start starts it, a recorded notification wakes the dispatcher at once', async () => {
  const live = new MailDelivery({ store, transport: smtpTransport(smtp.url, FROM), from: FROM, idleMs: 60_000, log: () => {} });
  const { notify } = createActivities({ ...services, onNotification: () => live.wake() });
  live.start();
  await pause(100);
  const n = notification('review-4/reminder', 'user:iro-3', { kind: 'reminder' });
  await notify(n);
  for (let i = 0; i < 40 && !smtp.received.some((r) => r.notificationId === n.id); i++) await pause(50);
  await live.stop();
  expect(smtp.received.filter((r) => r.notificationId === n.id).map((r) => r.to)).toEqual([['imani.okafor@council.example.org']]);
});

test('the embedded default writes each email once as an .eml file, also when a restart finds it mid-send', async () => {
  const dir = `${tmp.dir}/mail`;
  const eml = new MailDelivery({ store, transport: emlTransport(dir, FROM), from: FROM, log: () => {} });
  const n = notification('review-5/reminder', 'iro-unit', { kind: 'reminder' });
  store.recordNotification(n);
  await eml.runOnce();
  const path = emlPath(dir, { to: 'iro.unit@council.example.org', notificationId: n.id });
  const text = readFileSync(path, 'utf8');
  expect(text.replace(/\n[ \t]+/g, ' ')).toContain(`Message-ID: ${messageIdFor(n.id, 'iro.unit@council.example.org', FROM)}`);
  expect(text.replace(/\n[ \t]+/g, ' ')).toContain(n.subject);
  const ctx = { publicUrl: 'http://localhost:3000', caseOf: (id: string) => store.cases.get(id) };
  expect(text).toContain(renderEmail(store.notification(n.id)!, null, ctx).text.split('\n')[0]);

  // As if the process had stopped between writing the file and recording it: the file is found.
  const [d] = store.mail.deliveriesOf([n.id]).get(n.id)!;
  store.mail.retry(d, 'x', new Date(0));
  store.mail.claim(d, 'eml', new Date());
  expect(await eml.runOnce()).toMatchObject({ recovered: 1, sent: 0 });
  expect(store.mail.deliveriesOf([n.id]).get(n.id)).toEqual([expect.objectContaining({ status: 'sent', attempts: 2, providerId: path })]);
  await eml.stop();
});

test('a store from before email delivery: recent waiting notifications are sent, older ones marked not sent', () => {
  const path = `${tmp.dir}/old.sqlite`;
  const old = new Database(path);
  old.exec(`CREATE TABLE notifications (id TEXT PRIMARY KEY, recipient TEXT NOT NULL, case_id TEXT NOT NULL, rule TEXT NOT NULL,
    kind TEXT NOT NULL, subject TEXT NOT NULL, body TEXT NOT NULL, due_date TEXT, created_at TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'pending')`);
  const add = (id: string, daysAgo: number) =>
    old.run(
      `INSERT INTO notifications (id, recipient, case_id, rule, kind, subject, body, created_at) VALUES (?, 'iro-unit', 'lac-1', 'L2', 'overdue', 's', 'b', ?)`,
      [id, new Date(Date.now() - daysAgo * 86_400_000).toISOString()],
    );
  add('recent', 2);
  add('stale', MIGRATION_HORIZON_DAYS + 1);
  old.close();
  const upgraded = new EmbeddedStore(path, { owner: true });
  expect(upgraded.notification('recent')).toMatchObject({ status: 'pending', deliverAt: expect.any(String) });
  expect(upgraded.notification('stale')).toMatchObject({ status: 'not-sent', note: expect.stringContaining('before email delivery') });
  expect(upgraded.mail.dueNotifications(new Date())).toEqual(['recent']);
  upgraded.close();
});

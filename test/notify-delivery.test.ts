/**
 * Issue 12 parts 2 and 3 through GOV.UK Notify, against a local fake of its API: templates by id
 * (a kind's own, else the default), `reference` = the notification id; after a crash Notify is
 * asked before anything is sent again; a refused address is failed and told.
 */
import { loadConfig } from '../platform/config';
import { notifyTransport } from '../platform/mail/notify';
import { MailDelivery } from '../worker/mail-delivery';
import { FROM, notification, testDirectory } from './support/directory';
import { API_KEY, FakeNotify, TEMPLATE_ID, startFakeNotify } from './support/fake-notify';
import { makeServices, tempDir } from './support/temporal';

const PROMPT_TEMPLATE = '0f9e2f0c-3e7e-4a4b-9d7b-6a2f6f1b2c3d';
const tmp = tempDir('notify-delivery');
const { store } = makeServices(tmp.dir);
let notify: FakeNotify;
let delivery: MailDelivery;

beforeAll(async () => {
  notify = await startFakeNotify();
  store.directory.replace(testDirectory(), 'test');
  // Configured as an operator would: the environment, with the base URL pointed at the fake.
  const { mail } = loadConfig({
    CARE_REVIEWS_DATA_DIR: tmp.dir,
    CARE_REVIEWS_NOTIFY_API_KEY: API_KEY,
    CARE_REVIEWS_NOTIFY_TEMPLATE_ID: TEMPLATE_ID,
    CARE_REVIEWS_NOTIFY_TEMPLATES: `prompt=${PROMPT_TEMPLATE}`,
    CARE_REVIEWS_NOTIFY_BASE_URL: notify.url,
  });
  delivery = new MailDelivery({ store, transport: notifyTransport(mail.notify!), from: FROM, log: () => {} });
});
afterAll(async () => {
  await delivery.stop();
  await notify.stop();
  store.close();
  tmp.remove();
});

test('each email goes through its template with the notification id as reference, once', async () => {
  const overdue = notification('review-1/overdue', 'iro-unit');
  const prompt = notification('review-1/decisions', 'team-manager:south-1', { kind: 'prompt', rule: 'L10' });
  store.recordNotification(overdue);
  store.recordNotification(prompt);
  expect(await delivery.runOnce()).toMatchObject({ resolved: 2, sent: 2 });
  await delivery.runOnce();
  expect(notify.sent.map((s) => [s.reference, s.template_id, s.email_address])).toEqual([
    [overdue.id, TEMPLATE_ID, 'iro.unit@council.example.org'],
    [prompt.id, PROMPT_TEMPLATE, 'tomasz.nowak@council.example.org'],
  ]);
  expect(notify.sent[0].personalisation.subject).toBe(`Case ${overdue.caseId}: ${overdue.subject}`);
  expect(notify.sent[0].personalisation.body).toContain('Due: 2026-11-20');
  const [d] = store.mail.deliveriesOf([overdue.id]).get(overdue.id)!;
  expect(d).toMatchObject({ status: 'sent', transport: 'notify', providerId: notify.sent[0].id });
});

test('after a crash mid-send, Notify is asked first: one it has is recorded as sent, one it lacks is sent', async () => {
  const had = notification('review-2/overdue', 'iro-unit');
  const lacked = notification('review-2/reminder', 'user:iro-3', { kind: 'reminder' });
  store.recordNotification(had);
  store.recordNotification(lacked);
  await delivery.runOnce(); // both sent
  // As if the process had been killed after recording each attempt: Notify has the first only.
  notify.sent.splice(
    notify.sent.findIndex((s) => s.reference === lacked.id),
    1,
  );
  for (const id of [had.id, lacked.id]) {
    const [d] = store.mail.deliveriesOf([id]).get(id)!;
    store.mail.retry(d, 'x', new Date(0));
    store.mail.claim(d, 'notify', new Date());
  }
  const before = notify.sent.length;
  expect(await delivery.runOnce()).toMatchObject({ recovered: 2, sent: 1 });
  expect(notify.sent.length).toBe(before + 1);
  expect(notify.sent.filter((s) => s.reference === had.id)).toHaveLength(1);
  expect(notify.sent.filter((s) => s.reference === lacked.id)).toHaveLength(1);
  expect(store.notification(had.id)!.status).toBe('sent');
  expect(store.mail.deliveriesOf([lacked.id]).get(lacked.id)).toEqual([
    expect.objectContaining({ status: 'sent', attempts: 3, interrupted: 1 }),
  ]);
});

test('an address Notify refuses (400) is failed at once and the IRO unit manager is told', async () => {
  notify.refuse.add('grace.bell@council.example.org');
  const n = notification('review-3/escalation', 'user:sm-1', { kind: 'escalation' });
  store.recordNotification(n);
  await delivery.runOnce();
  await delivery.runOnce();
  expect(store.mail.deliveriesOf([n.id]).get(n.id)).toEqual([
    expect.objectContaining({
      status: 'failed',
      attempts: 1,
      lastError: expect.stringContaining("Notify 400 BadRequestError: Can't send"),
    }),
  ]);
  expect(
    notify.sent.filter(
      (s) =>
        s.email_address === 'iro.manager@council.example.org' && s.reference === `${n.id}/not-delivered/grace.bell@council.example.org`,
    ),
  ).toHaveLength(1);
});

test('a wrong key (403) is the configuration, not the address: retried until put right', async () => {
  const bad = notifyTransport({ apiKey: API_KEY.replace(/.$/, 'f'), templateId: TEMPLATE_ID, templates: {}, baseUrl: notify.url });
  await expect(
    bad.send({
      notificationId: 'x',
      kind: 'reminder',
      to: 'a@council.example.org',
      toName: 'a',
      subject: 's',
      text: 't',
      messageId: '<x@y>',
    }),
  ).rejects.toMatchObject({ permanent: false, message: expect.stringContaining('Notify 403 AuthError') });
});

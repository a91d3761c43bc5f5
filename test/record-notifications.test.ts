/**
 * Issue 14 item 1: notifications and their delivery are facts in the statutory record, with the
 * rule, kind, role and due date only (no subject, body or email address); the notify activity
 * writes `notification/sent` once however often it is retried, and the mail dispatcher writes
 * `notification/delivered` or `/failed` from a transactional outbox in the store (the record being
 * down never stops the mail, and its facts are appended once it is back).
 */
import { createActivities } from '../activities';
import { caseKindFromId, recipientRole } from '../data/record/notification-facts';
import type { Fact } from '../workflows/record/facts';
import { DeliveryError, MailTransport } from '../platform/mail/transport';
import { MailDelivery } from '../worker/mail-delivery';
import { FROM, notification, testDirectory } from './support/directory';
import { makeServices, tempDir } from './support/temporal';

const tmp = tempDir('record-notifications');
const services = makeServices(tmp.dir);
const { store } = services;
const { record } = services;
const CASE = 'lac-0123456789abcdef01234567';

beforeAll(async () => {
  await record.ready;
  store.directory.replace(testDirectory(), 'test');
  store.cases.note({ caseId: CASE, childId: 'C-12', team: 'south-1' });
});
afterAll(async () => {
  await record.close();
  store.close();
  tmp.remove();
});

const nothingPersonal = (facts: Fact[]) => {
  const text = JSON.stringify(facts);
  expect(text).not.toMatch(/@|council\.example|First review overdue|has not been held/);
};

test('the notify activity appends notification/sent once, with the role and no subject, body or address', async () => {
  const { notify } = createActivities({ ...services, record });
  const n = notification('review-1/overdue', 'team-manager:south-1');
  await notify(n);
  await notify(n);
  const facts = await record.facts({ types: ['notification/sent'] });
  expect(facts).toEqual([
    expect.objectContaining({
      key: `${CASE}/notification/${n.id}/sent`,
      caseId: CASE,
      caseKind: 'looked-after',
      type: 'notification/sent',
      childId: 'C-12',
      team: 'south-1',
      on: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      data: { notificationId: n.id, rule: 'L2', kind: 'overdue', recipientRole: 'team-manager:south-1', dueDate: '2026-11-20' },
    }),
  ]);
  nothingPersonal(facts);
});

test('a notify attempt that found the record down fails, and its retry writes the fact (once)', async () => {
  let down = true;
  const flaky = {
    append: (f: Fact[]) => (down ? Promise.reject(new Error('record unavailable')) : record.append(f)),
    facts: record.facts.bind(record),
    close: async () => undefined,
  };
  const { notify } = createActivities({ ...services, record: flaky });
  const n = notification('review-2/overdue', 'iro-unit');
  await expect(notify(n)).rejects.toThrow('record unavailable');
  down = false;
  expect(await notify(n)).toEqual({ id: n.id, recorded: false });
  expect((await record.facts({ caseId: CASE })).filter((f) => f.key.includes('review-2'))).toHaveLength(1);
});

function transport(fail: (to: string) => DeliveryError | undefined): MailTransport {
  return {
    name: 'test',
    describe: 'test',
    send: async (e) => {
      const err = fail(e.to);
      if (err) throw err;
      return { providerId: `accepted ${e.messageId}` };
    },
    close: () => undefined,
  };
}

test('the dispatcher appends notification/delivered when every recipient has it, notification/failed when one refused it', async () => {
  const logged: string[] = [];
  const delivery = new MailDelivery({
    store,
    record,
    from: FROM,
    transport: transport((to) => (to.startsWith('iro.unit') ? new DeliveryError('550 no such user', true) : undefined)),
    log: (m) => logged.push(m),
  });
  const ok = notification('review-3/overdue', 'team-manager:south-1');
  const refused = notification('review-3/overdue', 'iro-unit');
  store.recordNotification(ok);
  store.recordNotification(refused);
  await delivery.runOnce();
  await delivery.runOnce();
  expect(store.notification(ok.id)!.status).toBe('sent');
  expect(store.notification(refused.id)!.status).toBe('failed');
  const facts = (await record.facts({ types: ['notification/delivered', 'notification/failed'] })).filter((f) =>
    f.key.includes('review-3'),
  );
  expect(facts.map((f) => [f.type, f.key, f.data.recipientRole, f.team])).toEqual([
    ['notification/delivered', `${CASE}/notification/${ok.id}/delivered`, 'team-manager:south-1', 'south-1'],
    ['notification/failed', `${CASE}/notification/${refused.id}/failed`, 'iro-unit', 'south-1'],
  ]);
  // The IRO unit manager's notice of the failure (its id holds the address) is not a fact.
  expect(await record.facts({ types: ['notification/sent'] })).not.toContainEqual(
    expect.objectContaining({ key: expect.stringMatching(/@/) }),
  );
  nothingPersonal(await record.facts());
  await delivery.stop();
});

test('the record being down does not stop the mail; the facts wait in the store and are appended once it is back', async () => {
  const logged: string[] = [];
  let down = true;
  const flaky = {
    append: (f: Fact[]) => (down ? Promise.reject(new Error('connection refused')) : record.append(f)),
    facts: record.facts.bind(record),
    close: async () => undefined,
  };
  const delivery = new MailDelivery({
    store,
    record: flaky,
    from: FROM,
    transport: transport(() => undefined),
    log: (m) => logged.push(m),
  });
  const n = notification('review-4/overdue', 'team-manager:south-1');
  store.recordNotification(n);
  expect(await delivery.runOnce()).toMatchObject({ sent: 1 });
  await delivery.runOnce();
  expect(store.notification(n.id)!.status).toBe('sent');
  expect(store.mail.forRecord.count()).toBe(1);
  // Logged once for the outage, with no person in it.
  expect(logged).toEqual(['the statutory record is not taking delivery facts (kept, tried again each pass): connection refused']);
  expect(await record.facts({ types: ['notification/delivered'] })).not.toContainEqual(
    expect.objectContaining({ key: expect.stringContaining('review-4') }),
  );

  down = false;
  await delivery.runOnce();
  expect(store.mail.forRecord.count()).toBe(0);
  const facts = (await record.facts({ types: ['notification/delivered'] })).filter((f) => f.key.includes('review-4'));
  expect(facts).toHaveLength(1);
  await delivery.runOnce();
  expect((await record.facts({ types: ['notification/delivered'] })).filter((f) => f.key.includes('review-4'))).toHaveLength(1);
  await delivery.stop();
});

test('without a record the dispatcher keeps nothing for one', async () => {
  const delivery = new MailDelivery({ store, from: FROM, transport: transport(() => undefined), log: () => {} });
  store.recordNotification(notification('review-5/overdue', 'team-manager:south-1'));
  expect(await delivery.runOnce()).toMatchObject({ sent: 1 });
  expect(store.mail.forRecord.count()).toBe(0);
  await delivery.stop();
});

test('case kinds from the id prefix, and roles never an email address', () => {
  expect(['lac-1', 'o2r-1', 'sbs-1', 'red-1', 'cin-1', `${CASE}-r2-l10`, 'x-1'].map(caseKindFromId)).toEqual([
    'looked-after',
    'open-to-review',
    'open-to-review',
    'dispute',
    'child-in-need',
    'dispute',
    undefined,
  ]);
  expect(['iro-unit', 'team-manager:south-1', 'user:iro-3', 'someone@example.org', 'user:someone@example.org'].map(recipientRole)).toEqual([
    'iro-unit',
    'team-manager:south-1',
    'user:iro-3',
    'email-address',
    'user',
  ]);
});

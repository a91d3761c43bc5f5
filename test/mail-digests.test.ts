/**
 * Issue 12 part 4, digests, over a week skipped through with the dispatcher's clock (the dispatcher
 * runs outside the workflows) and a real SMTP server in this process: one digest per person per
 * working morning at 09:05 London and none on a weekend or bank holiday (Christmas 2026: Friday 25th
 * and Monday 28th, Boxing Day's substitute); a person set to at-once through the directory API has
 * each email on its own; escalations and first-review overdue notices never wait; a reminder after
 * the day's digest waits for the next, unless its deadline would come first; a digest interrupted
 * mid-send goes again as the same email (same Message-ID, same items).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NotificationRecord } from '../data/embedded-store';
import { smtpTransport } from '../platform/mail/smtp';
import { MailTransport } from '../platform/mail/transport';
import { addDays } from '../workflows/calendar/iso-date';
import { digestTimeOn, nextDigestAt } from '../worker/mail-digest';
import { MailDelivery } from '../worker/mail-delivery';
import { KINDS, LITERAL_KINDS, TIMING, timingOf } from '../worker/notification-kinds';
import { FROM, testDirectory } from './support/directory';
import { as } from './support/security';
import { bodyOf, startSmtp, TestSmtp } from './support/smtp';
import { makeApp, makeServices, tempDir } from './support/temporal';

const tmp = tempDir('mail-digests');
const services = makeServices(tmp.dir);
const { store, calendar } = services;
const app = makeApp(new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) }), services, 'unused');
let smtp: TestSmtp;
let now = new Date('2026-12-21T00:00:00Z'); // London is on GMT in December
const dispatcher = (transport: MailTransport = smtpTransport(smtp.url, FROM)) =>
  new MailDelivery({ store, transport, from: FROM, clock: () => now, log: () => {}, digests: { calendar: () => calendar.calendar() } });
const IMANI = 'imani.okafor@council.example.org';
const TOMASZ = 'tomasz.nowak@council.example.org';
const UNIT = 'iro.unit@council.example.org';
const to = (email: string) => smtp.received.filter((r) => r.to.includes(email));
const digestsTo = (email: string) => to(email).filter((r) => r.notificationId.startsWith('digest/'));
const alone = (email: string) => to(email).filter((r) => !r.notificationId.startsWith('digest/'));
const CHILD = 'lac-0123456789abcdef01234567';

let seq = 0;
function record(recipient: string, fields: Partial<NotificationRecord> = {}, caseId = 'lac-0123456789abcdef01234567'): string {
  const id = `${caseId}/t${++seq}/${fields.kind ?? 'reminder'}/${recipient}`;
  store.recordNotification(
    {
      id,
      recipient,
      caseId,
      rule: 'L8',
      kind: 'reminder',
      subject: `Reminder: item ${seq} (L8)`,
      body: `item ${seq}`,
      dueDate: null,
      ...fields,
    },
    now,
  );
  return id;
}

beforeAll(async () => {
  smtp = await startSmtp();
  store.directory.replace(testDirectory(), 'test');
});
afterAll(async () => {
  await smtp.stop();
  store.close();
  tmp.remove();
});

test('the digest time: 09:05 London on the next working day, bank holidays included', () => {
  const cal = calendar.calendar();
  expect(nextDigestAt(new Date('2026-12-24T09:04:59Z'), cal).toISOString()).toBe('2026-12-24T09:05:00.000Z');
  expect(nextDigestAt(new Date('2026-12-24T09:05:00Z'), cal).toISOString()).toBe('2026-12-29T09:05:00.000Z');
  expect(nextDigestAt(new Date('2026-12-24T09:06:00Z'), cal).toISOString()).toBe('2026-12-29T09:05:00.000Z');
  expect(nextDigestAt(new Date('2026-06-05T12:00:00Z'), cal).toISOString()).toBe('2026-06-08T08:05:00.000Z'); // BST
  expect(digestTimeOn('2026-12-21').toISOString()).toBe('2026-12-21T09:05:00.000Z');
});

test('which kinds go at once: escalations, first-review overdue notices, the L10 prompt, disputes; reminders wait', () => {
  const n = (kind: string, rule = 'L8', id = 'lac-0123456789abcdef01234567/r2/x/overdue/iro-unit') =>
    ({ id, caseId: 'lac-0123456789abcdef01234567', kind, rule }) as NotificationRecord;
  expect(timingOf(n('escalation'))).toBe('at-once');
  expect(timingOf(n('prompt', 'L10'))).toBe('at-once');
  expect(timingOf(n('overdue', 'L2'))).toBe('at-once');
  expect(timingOf(n('overdue', 'L6', 'lac-0123456789abcdef01234567/r1/review/2026-12-01/overdue/iro-unit'))).toBe('at-once');
  expect(timingOf(n('overdue', 'L1', 'lac-0123456789abcdef01234567/appoint-iro/2026-12-01/overdue/iro-unit'))).toBe('at-once');
  expect(timingOf(n('overdue', 'L3'))).toBe('digest');
  expect(timingOf(n('reminder'))).toBe('digest');
  expect(timingOf(n('stage-3', 'E5'))).toBe('at-once');
  expect(timingOf(n('a-kind-from-newer-code'))).toBe('at-once');
  // A catch-up goes at once, except on go-live day: an import's catch-ups wait for the morning digest (one email, not one a child).
  expect(timingOf(n('catch-up', 'L8', 'lac-0123456789abcdef01234567/catch-up/2026-12-01/iro-unit/ab12/iro-unit'))).toBe('at-once');
  expect(timingOf(n('catch-up', 'L8', 'lac-0123456789abcdef01234567/catch-up/go-live/2026-12-01/iro-unit/ab12/iro-unit'))).toBe('digest');
  expect(KINDS.filter((k) => typeof TIMING[k] === 'string' && TIMING[k] === 'digest').sort()).toEqual(
    [
      'reminder',
      'deemed-agreed',
      'chaired-by-team-manager',
      'postponement-quality-assurance',
      'allocated',
      'caseload-over-capacity',
      'closed',
      'ended',
      'short-breaks-approaching-limit',
      'chair-agreed',
      'closure',
      'step-up-child-protection',
      'step-up-looked-after',
      'step-down',
    ].sort(),
  );
});

test('every kind written as a literal in the workflows has a timing (a new kind fails here until given one)', () => {
  // Every file of the workflows that writes a message (one with a subject), the kernel's own type aside.
  const root = join(__dirname, '../workflows');
  const files = (readdirSync(root, { recursive: true }) as string[]).filter(
    (f) => f.endsWith('.ts') && !f.startsWith('case-kernel') && readFileSync(join(root, f), 'utf8').includes('subject:'),
  );
  expect(files).toEqual(expect.arrayContaining(['looked-after-cycle/wording.ts', 'dispute/wording.ts', 'cin-review/cin-review.ts']));
  const literals = new Set<string>();
  for (const f of files)
    for (const m of readFileSync(join(root, f), 'utf8').matchAll(/kind: (?:[^'\n]*\? )?'([a-z0-9-]+)'(?: : '([a-z0-9-]+)')?/g))
      for (const k of [m[1], m[2]]) if (k) literals.add(k);
  expect(literals.size).toBeGreaterThan(20);
  for (const k of literals) expect([k, KINDS.includes(k as never)]).toEqual([k, true]);
  for (const k of LITERAL_KINDS) if (k !== 'delivery-failed') expect([k, literals.has(k)]).toEqual([k, true]);
});

test('a week: one digest per person per working morning, none on the weekend or bank holidays; at-once people and escalations never wait', async () => {
  const sm = await as(app, 'service-manager', { userId: 'sm-1' });
  const set = await sm
    .post('/api/directory/people')
    .send({ staffId: 'tm-4', name: 'Tomasz Nowak', email: TOMASZ, roles: ['team-manager'], team: 'south-1', delivery: 'at-once' });
  expect(set.status).toBe(200);
  expect(
    (await sm.post('/api/directory/people').send({ staffId: 'x-1', name: 'X', email: 'x@council.example.org', delivery: 'soon' })).body
      .error,
  ).toMatchObject({
    field: 'delivery',
  });

  store.cases.note({ caseId: CHILD, childId: 'C-1042', team: 'south-1' });
  const delivery = dispatcher();
  const other = 'lac-00000000000000000000beef';
  const events: [string, () => void][] = [];
  const at = (iso: string, fn: () => void) => events.push([iso, fn]);
  for (let d = '2026-12-21'; d <= '2026-12-29'; d = addDays(d, 1)) {
    // Each morning at 09:00 the cases send the day's reminders (weekend and holiday ones too: calendar-day reminders).
    at(`${d}T09:00:00Z`, () => {
      record('user:iro-3', { dueDate: addDays(d, 14) });
      record('user:iro-3', { dueDate: addDays(d, 12) }, other);
      record('iro-unit', { dueDate: addDays(d, 20) });
    });
  }
  at('2026-12-22T09:00:00Z', () => record('team-manager:south-1', { dueDate: '2027-01-08' }));
  at('2026-12-23T14:00:00Z', () => record('user:iro-3', { kind: 'escalation', rule: 'L9', dueDate: '2026-12-18' }));
  at('2026-12-23T15:00:00Z', () => record('user:iro-3', { dueDate: '2027-01-20', subject: 'Reminder: after the digest (L8)' }));
  at('2026-12-24T15:00:00Z', () => record('user:iro-3', { dueDate: '2026-12-29', subject: 'Reminder: due on the next digest day (L8)' }));
  at('2026-12-26T09:00:00Z', () => record('iro-unit', { kind: 'overdue', rule: 'L2', dueDate: '2026-12-24' }));
  at('2026-12-27T09:00:00Z', () =>
    record('user:iro-3', { kind: 'overdue', rule: 'L3', dueDate: '2026-12-24', subject: 'Overdue: review 2 (L3)' }),
  );
  events.sort((a, b) => a[0].localeCompare(b[0]));

  const counts: Record<string, number> = {};
  for (let t = Date.parse('2026-12-21T00:00:00Z'); t <= Date.parse('2026-12-29T23:45:00Z'); t += 5 * 60_000) {
    now = new Date(t);
    while (events.length && Date.parse(events[0][0]) <= t) events.shift()![1]();
    const before = to(IMANI).length;
    await delivery.runOnce();
    if (to(IMANI).length > before) counts[now.toISOString()] = to(IMANI).length - before;
  }

  // Imani: a digest each working morning at 09:05, plus the escalation the moment it came (and the late reminder due on the next digest day).
  expect(counts).toEqual({
    '2026-12-21T09:05:00.000Z': 1,
    '2026-12-22T09:05:00.000Z': 1,
    '2026-12-23T09:05:00.000Z': 1,
    '2026-12-23T14:00:00.000Z': 1,
    '2026-12-24T09:05:00.000Z': 1,
    '2026-12-24T15:00:00.000Z': 1,
    '2026-12-29T09:05:00.000Z': 1,
  });
  const dates = (email: string) => digestsTo(email).map((r) => r.notificationId.split('/')[1]);
  expect(dates(IMANI)).toEqual(['2026-12-21', '2026-12-22', '2026-12-23', '2026-12-24', '2026-12-29']);
  expect(dates(UNIT)).toEqual(['2026-12-21', '2026-12-22', '2026-12-23', '2026-12-24', '2026-12-29']);
  expect(alone(IMANI).map((r) => r.subject)).toEqual([
    expect.stringContaining('item'),
    'Child C-1042, team south-1: Reminder: due on the next digest day (L8)',
  ]);
  expect(alone(UNIT)).toHaveLength(1); // the first review overdue, on the Saturday
  // The at-once team manager: the reminder on its own, no digest.
  expect(digestsTo(TOMASZ)).toEqual([]);
  expect(alone(TOMASZ)).toHaveLength(1);

  // Thursday's digest has Wednesday afternoon's reminder; Tuesday 29th's has the four days' reminders and the review 2 overdue.
  const thursday = bodyOf(digestsTo(IMANI)[3].raw);
  expect(thursday).toContain('after the digest');
  const tuesday = digestsTo(IMANI)[4];
  const text = bodyOf(tuesday.raw);
  const dues = [...text.matchAll(/by (\d{4}-\d\d-\d\d)/g)].map((m) => m[1]);
  expect(dues).toHaveLength(11);
  expect(text).toContain('Overdue: review 2');
  // Each child with the link to the case, and its deadlines soonest first; the child with the soonest first.
  const sections = text.split('\n\n').slice(1, -1);
  expect(sections.map((s) => s.split('\n')[0])).toEqual([
    `Child C-1042, team south-1 (looked-after review cycle ${CHILD})`, // the review 2 overdue: the soonest
    'Case: looked-after review cycle lac-00000000000000000000beef',
  ]);
  expect(sections[0]).toContain(`Open the case: http://localhost:3000/cases/looked-after/${CHILD}`);
  expect(sections[0]).toContain(
    'Rule L8: before the meeting: the child consulted, invitations, papers and reports (002 §5, §6, §8; 004 §7.4-7.5)',
  );
  for (const section of sections) {
    const ds = [...section.matchAll(/by (\d{4}-\d\d-\d\d)/g)].map((m) => m[1]);
    expect(ds).toEqual([...ds].sort());
  }
  // Every row records the digest that carried it, and is sent.
  const rows = store.digests.rows(tuesday.notificationId);
  expect(rows).toHaveLength(11);
  expect(rows.every((d) => d.status === 'sent' && d.messageId === tuesday.messageId)).toBe(true);
  expect(smtp.count(tuesday.messageId)).toBe(1);
  const listed = (await (await as(app, 'iro-unit')).get('/api/notifications').query({ caseId: other })).body.notifications;
  expect(listed.filter((n: { status: string }) => n.status !== 'sent')).toEqual([]);
  expect(listed.at(-1).deliveries).toEqual([
    expect.objectContaining({ digest: tuesday.notificationId, messageId: tuesday.messageId, status: 'sent' }),
  ]);
}, 60_000);

test('a digest interrupted mid-send goes again as the same email: same Message-ID, same items; a later reminder waits for the next', async () => {
  now = new Date('2027-01-04T08:00:00Z');
  const a = record('user:iro-3', { dueDate: '2027-01-20' });
  const b = record('user:iro-3', { dueDate: '2027-01-15' });
  const real = smtpTransport(smtp.url, FROM);
  // The first process hands the digest to the server, then dies before recording the acceptance.
  const dying: MailTransport = { ...real, name: 'smtp', send: async (e) => (await real.send(e), new Promise(() => {})) };
  await dispatcher(dying).runOnce();
  now = new Date('2027-01-04T09:05:00Z');
  void dispatcher(dying).runOnce();
  for (let i = 0; i < 100 && !to(IMANI).some((r) => r.notificationId === 'digest/2027-01-04/' + IMANI); i++)
    await new Promise((r) => setTimeout(r, 20));
  const first = to(IMANI).find((r) => r.notificationId === `digest/2027-01-04/${IMANI}`)!;
  expect(store.digests.interrupted()).toEqual([first.notificationId]);
  const late = record('user:iro-3', { dueDate: '2027-01-25' });

  await dispatcher().runOnce(); // the restarted process
  const copies = to(IMANI).filter((r) => r.messageId === first.messageId);
  expect(copies).toHaveLength(2); // the crash window: after the server's 250, before the commit
  expect(copies[1].raw.replace(/\r\n/g, '\n').split('\n\n').slice(1)).toEqual(copies[0].raw.replace(/\r\n/g, '\n').split('\n\n').slice(1));
  expect(store.digests.rows(first.notificationId).map((d) => [d.notificationId, d.status, d.interrupted])).toEqual(
    [a, b].sort().map((id) => [id, 'sent', 1]),
  );
  expect(store.mail.deliveriesOf([late]).get(late)![0]).toMatchObject({
    status: 'queued',
    digestId: null,
    digestAt: '2027-01-05T09:05:00.000Z',
  });
});

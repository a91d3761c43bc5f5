/**
 * Issue 12 part 5: what an email says. Every kind of notification the workflows can write is
 * rendered (the list is checked against the wording files in mail-digests.test.ts, and the
 * compiler holds the templates to it): the subject names the child by the case system's id and
 * team, the body says what it is, what is due and by when, the rule and its source, what to do,
 * and links to the case's page. A case the register does not know is named by its id only; one
 * started before the register is found from the store's L18 rows.
 */
import { CaseRef } from '../data/case-register';
import { EmbeddedStore, NotificationRecord } from '../data/embedded-store';
import { RULES } from '../data/rule-sources';
import { casePagePath } from '../platform/case-pages';
import { renderEmail } from '../worker/mail-content';
import { TEMPLATES } from '../worker/mail-templates';
import { KINDS } from '../worker/notification-kinds';

const CYCLE = 'lac-0123456789abcdef01234567';
const known = (caseId: string): CaseRef =>
  caseId === CYCLE ? { caseId, childId: 'C-1042', team: 'south-1', kind: 'looked-after' } : { caseId };
const ctx = { publicUrl: 'https://care-reviews.council.example.gov.uk', caseOf: known };

function notification(kind: string, fields: Partial<NotificationRecord> = {}): NotificationRecord {
  return {
    id: `${CYCLE}/r2/${kind}/iro-unit`,
    recipient: 'iro-unit',
    caseId: CYCLE,
    rule: 'L3',
    kind,
    subject: `The ${kind} subject`,
    body: `The ${kind} body.`,
    dueDate: '2026-12-04',
    createdAt: '2026-11-24T09:00:00.000Z',
    status: 'pending',
    ...fields,
  };
}

test.each(KINDS)('%s: the child, what it is, what is due by when, the rule and its source, what to do, the link', (kind) => {
  const n = notification(kind);
  const { subject, text } = renderEmail(n, null, ctx);
  const t = TEMPLATES[kind];
  expect(subject).toBe(`Child C-1042, team south-1: The ${kind} subject`);
  expect(text).toContain(t.about);
  expect(text).toContain(`The ${kind} body.`);
  expect(text).toContain("Child: C-1042 (the case system's id), team south-1");
  expect(text).toContain('Due: 2026-12-04 (Fri)');
  expect(text).toContain(`Rule: L3: ${RULES.L3.title} (002 §2.1; 004 §7.10)`);
  expect(text).toContain(`What to do: ${typeof t.todo === 'function' ? t.todo(n) : t.todo}`);
  expect(text).toContain(`Open the case: https://care-reviews.council.example.gov.uk/cases/looked-after/${CYCLE}`);
  expect(text).toContain('Sources: 002: Oxfordshire: Looked After Reviews procedure');
  expect(text).not.toMatch(/undefined|null|\[object/);
});

test('the L10 prompt to the team manager says what to decide and by when', () => {
  const { text } = renderEmail(notification('prompt', { rule: 'L10', recipient: 'team-manager:south-1' }), null, ctx);
  expect(text).toContain('Consider the review decisions within 5 working days');
  expect(text).toContain("L10: the team manager considers the review's decisions within 5 working days (002 §13)");
});

test('an unknown case is named by its id only; several rules each with their source', () => {
  const n = notification('catch-up', { caseId: 'o2r-00000000000000000000beef', rule: 'O3,O4', dueDate: null });
  const { subject, text } = renderEmail(n, null, ctx);
  expect(subject).toBe('Case o2r-00000000000000000000beef: The catch-up subject');
  expect(text).not.toContain('Child:');
  expect(text).toContain('Case: Open to Review case o2r-00000000000000000000beef');
  expect(text).toContain(`Rule: O3: ${RULES.O3.title} (000; 001 §1)\n      O4: `);
  expect(text).toContain('/cases/open-to-review/o2r-00000000000000000000beef');
});

test('every case kind has one page path (the screens of issue 13 serve them)', () => {
  expect(
    [CYCLE, 'sbs-0123456789abcdef01234567', 'red-0123456789abcdef01234567', `${CYCLE}-r2-l10`, 'cin-0123456789abcdef01234567', 'x-1'].map(
      casePagePath,
    ),
  ).toEqual([
    `/cases/looked-after/${CYCLE}`,
    '/cases/open-to-review/sbs-0123456789abcdef01234567',
    '/cases/disputes/red-0123456789abcdef01234567',
    `/cases/disputes/${CYCLE}-r2-l10`,
    '/cases/child-in-need/cin-0123456789abcdef01234567',
    '/cases/x-1',
  ]);
});

test('the case register: kept at start; a case from before it found from the L18 rows; a dispute a cycle opened is its child', () => {
  const store = new EmbeddedStore(':memory:');
  store.cases.note({ caseId: 'cin-0123456789abcdef01234567', childId: 'C-7', team: 'north-2' });
  expect(store.cases.get('cin-0123456789abcdef01234567')).toEqual({
    caseId: 'cin-0123456789abcdef01234567',
    childId: 'C-7',
    team: 'north-2',
    kind: 'child-in-need',
  });
  store.recordOpenReview({
    cycleId: CYCLE,
    childId: 'C-1042',
    team: 'south-1',
    reviewNumber: 2,
    due: '2027-01-10',
    statutoryDue: '2027-01-10',
  });
  expect(store.cases.get(CYCLE)).toEqual({ caseId: CYCLE, childId: 'C-1042', team: 'south-1', kind: 'looked-after' });
  expect(store.cases.get(`${CYCLE}-r2-l10`)).toEqual({ caseId: `${CYCLE}-r2-l10`, childId: 'C-1042', team: 'south-1', kind: 'dispute' });
  store.directory.noteCaseTeam('o2r-0123456789abcdef01234567', 'east-3');
  expect(store.cases.get('o2r-0123456789abcdef01234567')).toEqual({
    caseId: 'o2r-0123456789abcdef01234567',
    team: 'east-3',
    kind: 'open-to-review',
  });
  expect(store.cases.get('red-0123456789abcdef01234567')).toEqual({ caseId: 'red-0123456789abcdef01234567', kind: 'dispute' });
  store.close();
});

/**
 * Reconciling the record with the running cases (issue 14 item 2), as a pure function: what a case
 * produces but the record lacks, what the record holds that the case can never have dropped, and a
 * key written with other content. No Temporal, no database.
 */
import { builtInCalendar } from '../data/reference-data';
import { bookReviewCommand } from '../workflows/looked-after-cycle/commands/booking';
import { recordReviewHeldCommand } from '../workflows/looked-after-cycle/commands/review-held';
import { CycleModel } from '../workflows/looked-after-cycle/model';
import { lookedAfterFacts } from '../workflows/looked-after-cycle/record';
import { Fact, RecordedFact } from '../workflows/record/facts';
import { PERMANENT_TYPES, reconcile } from '../workflows/record/reconcile';
import { ctx, cycle, statutory } from './support/cycle-model';

const calendar = builtInCalendar();
const facts = (m: CycleModel) => lookedAfterFacts(m, statutory, calendar);
const recorded = (fs: Fact[]): RecordedFact[] =>
  fs.map((f, i) => ({ ...(JSON.parse(JSON.stringify(f)) as Fact), seq: i + 1, recordedAt: '2026-01-20T10:00:00Z' }));
const booked = () => {
  const m = cycle();
  bookReviewCommand.apply(m, { meetingOn: '2026-01-16', bookedOn: '2026-01-08', by: 'iro-1' }, ctx());
  return m;
};
const held = (m: CycleModel) => {
  recordReviewHeldCommand.apply(m, { heldOn: '2026-01-16', participation: 'PN1', by: 'iro-1' }, ctx());
  return m;
};

test('a record that has everything the cases produce reconciles clean (and a JSON round trip is not a difference)', () => {
  const now = facts(held(booked()));
  expect(reconcile(recorded(now), now)).toEqual({ missing: [], unknown: [], differing: [] });
});

test.each([
  [
    'nothing recorded yet (a case begun before the record)',
    () => [] as Fact[],
    () => facts(held(booked())),
    ['review-due', 'review-held', 'started'],
    0,
  ],
  ['the review held not appended', () => facts(booked()), () => facts(held(booked())), ['review-due', 'review-held'], 0],
])('missing: %s', (_what, before, after, types, unknown) => {
  const r = reconcile(recorded(before()), after());
  expect(r.missing.map((f) => f.type.replace('looked-after/', '')).sort()).toEqual(types);
  expect(r.missing.every((f) => !before().some((b) => b.key === f.key))).toBe(true);
  expect(r.unknown).toHaveLength(unknown);
});

test('unknown: superseded keys (the booking and due date of a review since held) are normal; a review held the case no longer has is not', () => {
  const before = facts(held(booked()));
  // The booking and review 1's due date are recorded; the model now has review 2 open: no difference.
  expect(reconcile(recorded([...facts(booked()), ...before]), before).unknown).toEqual([]);
  // A record of review 1 held for a case whose model has no review held: the record knows what the case does not.
  const r = reconcile(recorded(before), facts(booked()));
  expect(r.unknown.map((f) => f.type)).toEqual(['looked-after/review-held']);
  expect(PERMANENT_TYPES.has('looked-after/review-due')).toBe(false);
  // Facts of a case not being checked (ended, its history gone) are outside the check.
  const other = recorded(facts(held(booked()))).map((f) => ({ ...f, caseId: 'lac-other', key: f.key.replace('lac-test', 'lac-other') }));
  expect(reconcile(other, facts(booked())).unknown).toEqual([]);
});

test('differing: the same key written with other content is reported with both', () => {
  const now = facts(booked());
  const rec = recorded(now);
  rec[0] = { ...rec[0], data: { ...rec[0].data, legalStatus: 'V2' } };
  const r = reconcile(rec, now);
  expect(r.differing).toEqual([{ recorded: rec[0], current: now[0] }]);
  expect(r.missing).toEqual([]);
});

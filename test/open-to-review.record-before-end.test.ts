/**
 * Open to Review cases and short-breaks series recorded after the fact (rules.md O2, O4, L19,
 * issue 11): a case recorded after the end of the service (25th birthday; a series, the 18th) is a
 * record of the past and stays open while something due before that birthday is still to be
 * recorded; a decision note dated in the past does not write the family a letter today; deadlines
 * revealed as passed by a fact dated in the past are caught up in one notice per recipient, each
 * time. Table-driven, no Temporal.
 */
import { builtInCalendar } from '../data/reference-data';
import { IsoDate } from '../workflows/calendar/iso-date';
import type { DatedAction, Notice } from '../workflows/case-kernel/case-kernel';
import { catchUpId, withCatchUp } from '../workflows/case-kernel/catch-up';
import { Closing, endIfDue, serviceEnded } from '../workflows/open-to-review/commands/close';
import { OpenToReviewContext } from '../workflows/open-to-review/commands/context';
import { decisionNote } from '../workflows/open-to-review/commands/decision-note';
import { reviewHeld } from '../workflows/open-to-review/commands/review-held';
import { shortBreak } from '../workflows/open-to-review/commands/short-break';
import { OpenToReviewCaseStart } from '../workflows/open-to-review/messages';
import { OpenToReviewModel } from '../workflows/open-to-review/model';
import { DEFAULT_O2R_SETTINGS, OpenToReviewRecipient, openToReviewObligations } from '../workflows/open-to-review/obligations';
import { CinContext, agreeFirstDateCommand } from '../workflows/cin-review/commands';
import { CinStart } from '../workflows/cin-review/messages';
import { DEFAULT_CIN_SETTINGS } from '../workflows/cin-review/model';
import { cinObligations } from '../workflows/cin-review/obligations';
import { initialModel as initialCin } from '../workflows/cin-review/opening';
import { endOfService, initialModel } from '../workflows/open-to-review/opening';

const calendar = builtInCalendar();
const TODAY: IsoDate = '2026-11-24';
const ctx = (today = TODAY, patched?: (name: string) => boolean): OpenToReviewContext & { notices: Notice<OpenToReviewRecipient>[] } => {
  const notices: Notice<OpenToReviewRecipient>[] = [];
  return { today, calendar, settings: DEFAULT_O2R_SETTINGS, notices, notice: (n) => notices.push(n), patched };
};
/** A series for a child who turned 18 on 2026-08-01, its first break on 2025-06-02, recorded today. */
const SERIES: OpenToReviewCaseStart = {
  caseId: 'sbs-1',
  kind: 'short-breaks-series',
  variant: 'protocol',
  child: { childId: 'C1', dateOfBirth: '2008-08-01', team: 'north-1' },
  caseholder: 'sw-1',
  profileId: 'statutory',
  settings: DEFAULT_O2R_SETTINGS,
  firstBreakOn: '2025-06-02',
  openedOn: '2025-06-02',
  by: 'sw-1',
};
const CIN_START: CinStart = {
  caseId: 'cin-' + '0'.repeat(24),
  child: { childId: 'C1', team: 'north-1' },
  socialWorker: 'sw-1',
  iro: 'iro-1',
  criteria: ['second-cin-plan'],
  approvedBy: { staffId: 'tm-1', role: 'team-manager' },
  agreedBy: 'unit-1',
  profileId: 'statutory',
  settings: DEFAULT_CIN_SETTINGS,
  by: 'tm-1',
};
const cinCtx: CinContext = { today: '2025-03-10', calendar, settings: DEFAULT_CIN_SETTINGS };
const series = (start: Partial<OpenToReviewCaseStart> = {}, recorded = TODAY) => initialModel({ ...SERIES, ...start }, recorded, calendar);
const held = (m: OpenToReviewModel, heldOn: IsoDate) =>
  reviewHeld.apply(
    m,
    { heldOn, type: 'face-to-face', childSeen: true, parentsSeen: true, outcome: 'continue', chair: { role: 'caseholder' }, by: 'sw-1' },
    ctx(),
  );

describe('L19 O4 a case recorded after the end of the service is a record of the past', () => {
  const ADULT = endOfService(SERIES);
  test.each<[string, () => OpenToReviewModel, IsoDate, boolean]>([
    ['before the birthday: not ended', () => series(), '2026-07-31', false],
    ['recorded after the birthday, the first review (due 2025-09-02) still to record: open', () => series(), TODAY, false],
    [
      'recorded after the birthday, a review due before it still to record: open',
      () => {
        const m = series();
        held(m, '2025-08-20');
        return m;
      },
      TODAY,
      false,
    ],
    [
      'recorded after the birthday, the next review due after it: ended',
      () => {
        const m = series();
        held(m, '2025-08-20');
        held(m, '2026-02-10');
        return m;
      },
      TODAY,
      true,
    ],
    ['recorded before the birthday (a running series): ended on it', () => series({}, '2025-06-02'), '2026-08-01', true],
  ])('%s', (_, model, today, ended) => {
    expect(serviceEnded(model(), today, ADULT, () => true)).toBe(ended);
  });

  test('histories from before (not patched) end it at once; when it ends, it is dated on the birthday', () => {
    expect(serviceEnded(series(), TODAY, ADULT, () => false)).toBe(true);
    const m = series();
    held(m, '2025-08-20');
    held(m, '2026-02-10');
    const c: Closing = { model: m };
    expect(endIfDue(c, TODAY, ADULT, () => true)).toBe(true);
    expect(m).toMatchObject({ status: 'ended', ended: { on: ADULT } });
  });

  test('an O2R case recorded after the 25th birthday stays open while its decision note is to be recorded', () => {
    const o2r = initialModel(
      { ...SERIES, kind: 'open-to-review', child: { ...SERIES.child, dateOfBirth: '2001-08-01' }, firstBreakOn: undefined, rationale: 'r' },
      TODAY,
      calendar,
    );
    expect(o2r.status).toBe('entry');
    expect(serviceEnded(o2r, TODAY, '2026-08-01', () => true)).toBe(false);
  });

  test('kept open, it records only what came before the birthday', () => {
    const m = series();
    expect(() => shortBreak.validate(m, { on: '2025-07-01', days: 2, by: 'sw-1' }, ctx())).not.toThrow();
    expect(() => shortBreak.validate(m, { on: ADULT, days: 2, by: 'sw-1' }, ctx())).toThrow(/18th birthday/);
    const review = {
      type: 'face-to-face',
      childSeen: true,
      parentsSeen: true,
      outcome: 'continue',
      chair: { role: 'caseholder' },
      by: 'sw-1',
    };
    expect(() => reviewHeld.validate(m, { ...review, heldOn: '2025-08-20' } as never, ctx())).not.toThrow();
    expect(() => reviewHeld.validate(m, { ...review, heldOn: '2026-08-03' } as never, ctx())).toThrow(/end of the service/);
  });
});

describe('O2 a decision note dated in the past writes no letter today promising a date gone by', () => {
  const proposed = () =>
    initialModel({ ...SERIES, kind: 'open-to-review', firstBreakOn: undefined, rationale: 'r', openedOn: '2025-05-01' }, TODAY, calendar);
  const NOTE = { decision: 'o2r' as const, rationale: 'agreed', firstReviewOn: '2025-12-10', by: 'tm-1' };
  test.each<[string, IsoDate | undefined, ((n: string) => boolean) | undefined, boolean]>([
    ['dated in the past: the letter was the one written then', '2025-06-10', undefined, false],
    ['dated in the past, a running case (not patched): as before', '2025-06-10', () => false, true],
    ['made today: the family is written to', undefined, undefined, true],
  ])('%s', (_, on, patched, written) => {
    const m = proposed();
    const today = on ? TODAY : '2025-06-10';
    const c = ctx(today, patched);
    decisionNote.apply(m, { ...NOTE, ...(on ? { on } : {}) }, c);
    expect(c.notices.some((n) => n.kind === 'decision-letter')).toBe(written);
  });
});

describe('O2 O3 D4 deadlines revealed as passed after the first catch-up are caught up again, once per pass', () => {
  const action = (id: string, on: IsoDate, kind = 'overdue'): DatedAction<OpenToReviewRecipient> => ({
    id,
    on,
    to: ['caseholder'],
    message: { rule: 'O4', kind, subject: `${id} ${kind}`, body: '', dueDate: '2026-10-01' },
  });
  const RECORDED: IsoDate = '2026-11-02';
  const later = [action('plan/2026-10-01/overdue', '2026-10-02'), action('plan/2026-10-01/escalation', '2026-10-07', 'escalation')];
  test.each<[string, IsoDate | undefined, Set<string>, boolean]>([
    ['a case recorded after the fact, its first catch-up sent', RECORDED, new Set([catchUpId(RECORDED)]), true],
    ['a case opened live, a review recorded with a past date', undefined, new Set<string>(), true],
    ['not patched (a running case): sent one by one as before', undefined, new Set<string>(), false],
  ])('%s', async (_, recordedOn, sent, enabled) => {
    const notices: Notice<OpenToReviewRecipient>[] = [];
    const out = withCatchUp(later, sent, recordedOn, calendar, async (n) => void notices.push(n), 'Case x', {
      today: TODAY,
      enabled: () => enabled,
    });
    if (!enabled) return expect(out).toBe(later);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ on: TODAY });
    expect(out[0].id).toMatch(new RegExp(`^catch-up/${TODAY}/[0-9a-z]+$`));
    await out[0].effect!();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ kind: 'catch-up', to: ['caseholder'] });
    expect(notices[0].id).toBe(`${out[0].id}/caseholder`);
    expect(later.every((a) => sent.has(a.id))).toBe(true);
    // Caught up: nothing again, and another fact revealing more is another catch-up with its own id.
    expect(withCatchUp(later, sent, recordedOn, calendar, async () => undefined, 'x', { today: TODAY, enabled: () => true })).toBe(later);
    const more = [...later, action('f2f/2026-11-01/overdue', '2026-11-03')];
    const again = withCatchUp(more, sent, recordedOn, calendar, async () => undefined, 'x', { today: TODAY, enabled: () => true });
    expect(again[0].id).not.toBe(out[0].id);
  });
});

describe('O3 D4 an overdue review is chased again and again after its escalation, until held', () => {
  test.each<[string, IsoDate, string[]]>([
    ['before the first chase: the next one only', '2025-09-08', ['2025-09-12']],
    ['after two chases: the last one due and the next', '2025-09-23', ['2025-09-19', '2025-09-26']],
  ])('O3 a series: %s', (_, today, chases) => {
    // The first review was due 2025-09-02 (3 months after the first break); escalated 2025-09-05.
    const m = { ...series({}, '2025-06-02'), chaseOverdueReviews: true as const };
    const review = openToReviewObligations(m, DEFAULT_O2R_SETTINGS, calendar, today).find((o) => o.key === 'review')!;
    expect(review.actions.filter((a) => a.id.includes('/chase/')).map((a) => [a.on, a.kind, a.to])).toEqual(
      chases.map((on) => [on, 'escalation', ['caseholder', 'team-manager', 'service-manager']]),
    );
    // Histories from before: quiet after the escalation.
    const quiet = openToReviewObligations(series({}, '2025-06-02'), DEFAULT_O2R_SETTINGS, calendar, today).find((o) => o.key === 'review')!;
    expect(quiet.actions.map((a) => a.kind)).toEqual(['reminder', 'overdue', 'escalation']);
  });

  test('D4 a CIN review past its agreed date', () => {
    const m = initialCin(CIN_START, '2025-03-03');
    agreeFirstDateCommand.apply(
      m,
      { date: '2025-04-01', venue: 'Family centre', invited: ['school'], by: 'sw-1', on: '2025-03-10' },
      cinCtx,
    );
    m.chaseOverdueReviews = true;
    const review = cinObligations(m, DEFAULT_CIN_SETTINGS, calendar, '2025-04-22').find((o) => o.key === 'review')!;
    expect(review.actions.filter((a) => a.id.includes('/chase/')).map((a) => a.on)).toEqual(['2025-04-22', '2025-04-29']);
    expect(review.actions.at(-1)!.to).toEqual(['iro', 'social-worker', 'team-manager', 'iro-unit']);
    delete m.chaseOverdueReviews;
    const quiet = cinObligations(m, DEFAULT_CIN_SETTINGS, calendar, '2025-04-22').find((o) => o.key === 'review')!;
    expect(quiet.actions.map((a) => a.kind)).toEqual(['reminder', 'overdue', 'escalation']);
  });
});

/**
 * L20 a planned end of care (the planEndOfCare command and the review it makes due) and L22 care
 * planning around the reviews (Stoke: care plan, placement plans, PEP), table-driven over the pure
 * command and obligation rules. No Temporal: milliseconds.
 */
import { ApplicationFailure } from '@temporalio/common';
import { REFUSAL, RefusalDetail } from '../workflows/case-kernel/validation';
import { changePlacementCommand } from '../workflows/looked-after-cycle/commands/placement';
import { planEndOfCareCommand } from '../workflows/looked-after-cycle/commands/planned-end';
import { recordReviewHeldCommand } from '../workflows/looked-after-cycle/commands/review-held';
import { completeTaskCommand } from '../workflows/looked-after-cycle/commands/tasks';
import { lateForIndicator } from '../workflows/looked-after-cycle/indicator';
import { PlanEndOfCare } from '../workflows/looked-after-cycle/messages';
import { CycleModel } from '../workflows/looked-after-cycle/model';
import { isCompletable, obligations, openReviewDue } from '../workflows/looked-after-cycle/obligations';
import { TODAY, calendar, ctx, cycle, held, profiles, statutory } from './support/cycle-model';

const oxfordshire = profiles.get('oxfordshire')!;
const stoke = profiles.get('stoke-on-trent')!;

function refusalOf(fn: () => void): { field: string; rule?: string } | undefined {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof ApplicationFailure) || e.type !== REFUSAL) throw e;
    const [d] = e.details as RefusalDetail[];
    return { field: d.field, rule: d.rule };
  }
  return undefined;
}
const copy = <T>(x: T): T => JSON.parse(JSON.stringify(x));

describe('L20 planEndOfCare', () => {
  const planned = (m: CycleModel) => {
    m.plannedEnd = { on: '2026-03-02', kind: 'return-home', recordedOn: '2026-01-12', by: 'sw-1' };
  };
  const rows: {
    name: string;
    model: CycleModel;
    input: PlanEndOfCare;
    refused?: { field: string; rule?: string };
    applied?: (m: CycleModel) => void;
  }[] = [
    {
      name: 'an end of care planned',
      model: cycle(),
      input: { plannedEndOn: '2026-03-02', kind: 'return-home', by: 'sw-1' },
      applied: (m) => {
        m.plannedEnd = { on: '2026-03-02', kind: 'return-home', recordedOn: TODAY, by: 'sw-1' };
        m.events.push({
          on: TODAY,
          what: 'end of care planned for 2026-03-02 (return-home); a review is due before it',
          rule: 'L20',
          by: 'sw-1',
        });
      },
    },
    {
      name: 'moved again with the same plan: the earlier date is recorded, planned since the first time',
      model: cycle(planned),
      input: { plannedEndOn: '2026-04-01', kind: 'return-home', by: 'tm-1' },
      applied: (m) => {
        m.plannedEnd = {
          on: '2026-04-01',
          kind: 'return-home',
          recordedOn: '2026-01-12',
          by: 'tm-1',
          moves: [{ from: '2026-03-02', kind: 'return-home', on: TODAY, by: 'tm-1' }],
        };
        m.events.push({
          on: TODAY,
          what: 'planned end of care moved from 2026-03-02 (return-home) to 2026-04-01 (return-home); a review is due before it',
          rule: 'L20',
          by: 'tm-1',
        });
      },
    },
    {
      name: 'a different plan: planned from today',
      model: cycle(planned),
      input: { plannedEndOn: '2026-02-20', kind: 'special-guardianship-order', by: 'sw-1' },
      applied: (m) => {
        m.plannedEnd = {
          on: '2026-02-20',
          kind: 'special-guardianship-order',
          recordedOn: TODAY,
          by: 'sw-1',
          moves: [{ from: '2026-03-02', kind: 'return-home', on: TODAY, by: 'sw-1' }],
        };
        m.events.push({
          on: TODAY,
          what: 'planned end of care moved from 2026-03-02 (return-home) to 2026-02-20 (special-guardianship-order); a review is due before it',
          rule: 'L20',
          by: 'sw-1',
        });
      },
    },
    {
      name: 'today is not after today',
      model: cycle(),
      input: { plannedEndOn: TODAY, kind: 'return-home', by: 'sw-1' },
      refused: { field: 'plannedEndOn', rule: 'L20' },
    },
    {
      name: 'a past date',
      model: cycle(),
      input: { plannedEndOn: '2026-01-02', kind: 'return-home', by: 'sw-1' },
      refused: { field: 'plannedEndOn', rule: 'L20' },
    },
    {
      name: 'not a real date',
      model: cycle(),
      input: { plannedEndOn: '2026-02-30', kind: 'return-home', by: 'sw-1' },
      refused: { field: 'plannedEndOn', rule: undefined },
    },
    {
      name: 'an unknown kind',
      model: cycle(),
      input: { plannedEndOn: '2026-03-02', kind: 'moving' as never, by: 'sw-1' },
      refused: { field: 'kind', rule: 'L20' },
    },
    {
      name: 'after the 18th birthday',
      model: cycle(),
      input: { plannedEndOn: '2033-06-01', kind: 'return-home', by: 'sw-1' },
      refused: { field: 'plannedEndOn', rule: 'L16' },
    },
    {
      name: 'the cycle has ended',
      model: cycle((m) => {
        m.status = 'ceased';
        m.ended = { on: '2026-01-15', reason: 'returned home' };
      }),
      input: { plannedEndOn: '2026-03-02', kind: 'return-home', by: 'sw-1' },
      refused: { field: 'cycleId', rule: 'L13' },
    },
  ];
  test.each(rows.map((r) => [r.name, r] as const))('%s', (_name, r) => {
    const before = copy(r.model);
    const refused = refusalOf(() => planEndOfCareCommand.validate(r.model, r.input, ctx()));
    if (r.refused) {
      expect(refused).toEqual(r.refused);
      expect(r.model).toEqual(before);
      return;
    }
    expect(refused).toBeUndefined();
    planEndOfCareCommand.apply(r.model, r.input, ctx());
    const expected = copy(before);
    r.applied!(expected);
    expect(copy(r.model)).toEqual(expected);
  });

  test('L20: once planned, the open review is due the day before care ends (if earlier than the statutory date)', () => {
    const m = cycle();
    planEndOfCareCommand.apply(m, { plannedEndOn: '2026-01-28', kind: 's20-ends', by: 'sw-1' }, ctx());
    const due = openReviewDue(m, statutory, calendar);
    expect([due.due, due.rule, due.beforePlannedEnd]).toEqual([
      '2026-01-27',
      'L20',
      { kind: 's20-ends', endsOn: '2026-01-28', statutoryDue: '2026-02-02' },
    ]);
  });
});

describe('L20/L18 a review due before the planned end of care', () => {
  test('L20 held after its earlier date but by its statutory one: late against its own date, not for the indicator', () => {
    const m = cycle();
    planEndOfCareCommand.apply(m, { plannedEndOn: '2026-01-28', kind: 's20-ends', by: 'sw-1' }, ctx());
    recordReviewHeldCommand.apply(m, { heldOn: '2026-01-30', participation: 'PN1', by: 'iro-1' }, ctx('2026-01-30'));
    const r = m.reviewsHeld[0];
    expect([r.due, r.statutoryDue, r.onTime, lateForIndicator(r)]).toEqual(['2026-01-27', '2026-02-02', false, false]);
  });
});

describe('L22 care planning (Stoke only)', () => {
  const keysOf = (m: CycleModel, profile = stoke, legacy = false) =>
    obligations(m, profile, calendar, legacy)
      .filter((o) => o.rule === 'L22')
      .map((o) => [o.key, o.due, o.owner]);

  test.each([
    ['statutory', statutory],
    ['oxfordshire', oxfordshire],
  ])('%s: no care-planning obligations', (_n, profile) => {
    expect(keysOf(cycle(), profile)).toEqual([]);
  });

  test('a run from before the corrections owes none', () => {
    expect(keysOf(cycle(), stoke, true)).toEqual([]);
  });

  test("Stoke, brought in at go-live: what fell due before the import was the previous system's; the PEP review counts from the import", () => {
    const imported = cycle((m) => (m.imported = { on: '2026-03-02', reviews: 0 }));
    // The care plan (due 15 Jan), placement plan (12 Jan), first PEP (19 Jan) and health plan (28 Jan) all fell before it.
    expect(keysOf(imported)).toEqual([['pep/2026-09-02', '2026-09-02', 'social-worker']]);
    // Imported before those deadlines: each is owed as for any child.
    expect(keysOf(cycle((m) => (m.imported = { on: '2026-01-06', reviews: 0 })))).toEqual(keysOf(cycle()));
  });

  test('Stoke: care plan 10 days after the first placement, placement plan within 5 WD, PEP on coming into care', () => {
    expect(keysOf(cycle())).toEqual([
      ['care-plan', '2026-01-15', 'social-worker'],
      ['placement-plan/2026-01-05', '2026-01-12', 'social-worker'],
      ['pep/2026-01-19', '2026-01-19', 'social-worker'],
      ['health-plan', '2026-01-28', 'social-worker'],
    ]);
  });

  test('chased like other tasks: reminder, overdue to the social worker, then escalated to the team manager', () => {
    const o = obligations(cycle(), stoke, calendar).find((x) => x.key === 'care-plan')!;
    expect(isCompletable(o)).toBe(true);
    expect(o.actions.map((a) => [a.kind, a.on, a.to])).toEqual([
      ['reminder', '2026-01-13', ['social-worker']],
      ['overdue', '2026-01-16', ['social-worker']],
      ['escalation', '2026-01-20', ['team-manager']],
    ]);
  });

  test('each change of placement needs its own plan; the care plan still counts from the first placement', () => {
    const m = cycle();
    changePlacementCommand.apply(m, { on: '2026-01-15', type: 'residential', by: 'sw-1' }, ctx(TODAY, stoke));
    expect(keysOf(m)).toEqual([
      ['care-plan', '2026-01-15', 'social-worker'],
      ['placement-plan/2026-01-15', '2026-01-22', 'social-worker'],
      ['pep/2026-01-19', '2026-01-19', 'social-worker'],
      ['health-plan', '2026-01-28', 'social-worker'],
    ]);
  });

  test('completed through completeTask: the PEP is then reviewed 6 months after the last', () => {
    const m = cycle();
    const c = ctx(TODAY, stoke);
    for (const key of ['care-plan', 'placement-plan/2026-01-05', 'pep/2026-01-19', 'health-plan']) {
      expect(refusalOf(() => completeTaskCommand.validate(m, { key, on: '2026-01-16', by: 'sw-1' }, c))).toBeUndefined();
      completeTaskCommand.apply(m, { key, on: '2026-01-16', by: 'sw-1' }, c);
    }
    expect(m.carePlanning).toEqual({
      carePlanOn: '2026-01-16',
      placementPlans: { '2026-01-05': '2026-01-16' },
      peps: ['2026-01-16'],
      healthPlanOn: '2026-01-16',
    });
    expect(keysOf(m)).toEqual([['pep/2026-07-16', '2026-07-16', 'social-worker']]);
    expect(m.events.at(-1)).toEqual({ on: TODAY, what: 'health-plan done on 2026-01-16', rule: 'L22', by: 'sw-1' });
  });

  test('L22 the health plan is available for the first review: due with the reports to the IRO, moving with the booking; not owed after', () => {
    const due = (m: CycleModel) => obligations(m, stoke, calendar).find((o) => o.key === 'health-plan')?.due;
    expect(due(cycle())).toBe('2026-01-28');
    const booked = cycle((m) => {
      m.open.booking = { meetingOn: '2026-01-26', bookedOn: '2026-01-06', by: 'iro-1' };
    });
    expect(due(booked)).toBe('2026-01-21');
    expect(due(cycle(held()))).toBeUndefined();
  });

  test('not a task in another profile', () => {
    expect(refusalOf(() => completeTaskCommand.validate(cycle(), { key: 'care-plan', on: TODAY, by: 'sw-1' }, ctx()))).toEqual({
      field: 'key',
      rule: undefined,
    });
  });
});

/**
 * Issue 11, looked-after cycle (part b), as pure rules: L1 the notification's deadline, L9 decision
 * owners, L10 informal resolution, L21 the outcome to whoever did not attend, L23 an unplanned move,
 * and the catch-up for deadlines that passed before the cycle knew of them. No Temporal.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mayMarkDone } from '../api/services/looked-after-cycles';
import { Role } from '../platform/auth/roles';
import { IsoDate } from '../workflows/calendar/iso-date';
import { catchUpNotices, staleActions } from '../workflows/looked-after-cycle/catch-up';
import { answerDecisionsCommand } from '../workflows/looked-after-cycle/commands/decisions';
import { Ending, endCycle } from '../workflows/looked-after-cycle/commands/cease';
import { changePlacementCommand } from '../workflows/looked-after-cycle/commands/placement';
import { recordReviewHeldCommand } from '../workflows/looked-after-cycle/commands/review-held';
import { completeTaskCommand } from '../workflows/looked-after-cycle/commands/tasks';
import { followUpOwed } from '../workflows/looked-after-cycle/dated-actions';
import { legacyOf } from '../workflows/looked-after-cycle/legacy';
import { CycleModel, initialModel } from '../workflows/looked-after-cycle/model';
import { isCompletable, obligations } from '../workflows/looked-after-cycle/obligations';
import { iroUnitNotification, recipientOf } from '../workflows/looked-after-cycle/review-follow-up';
import { TODAY, calendar, ctx, cycle as baseCycle, held, profiles, statutory } from './support/cycle-model';

/** The shared cycle, with its IRO and social worker appointed. */
const cycle = (shape: (m: CycleModel) => void = () => {}, start: Parameters<typeof baseCycle>[1] = {}): CycleModel =>
  baseCycle((m) => {
    m.iro = { staffId: 'iro-1', appointedOn: '2026-01-06' };
    m.socialWorker = { staffId: 'sw-1', allocatedOn: '2026-01-06' };
    shape(m);
  }, start);
const owed = (m: CycleModel, key: string) => obligations(m, statutory, calendar).find((o) => o.key === key);
const wd = (d: IsoDate, n: number) => calendar.addWorkingDays(d, n);

describe('L1 the social worker notifies the IRO unit within the profile time', () => {
  test.each([
    ['statutory', '2026-01-07', { due: '2026-01-07', late: false }],
    ['statutory', '2026-01-08', { due: '2026-01-07', late: true }],
    ['oxfordshire', '2026-01-07', { due: '2026-01-07', late: false }],
    ['stoke-on-trent', '2026-01-06', { due: '2026-01-06', late: false }],
    ['stoke-on-trent', '2026-01-07', { due: '2026-01-06', late: true }],
  ])('L1 %s notified %s', (profileId, on, expected) => {
    const m = cycle(() => {}, { iroUnitNotifiedOn: on, profileId });
    expect(iroUnitNotification(m, profiles.get(profileId)!, calendar)).toEqual({ rule: 'L1', on, ...expected });
  });
  test('L1 a cycle started before the date was kept shows none', () => {
    expect(iroUnitNotification(cycle(), statutory, calendar)).toBeUndefined();
  });
});

describe('L9 each decision is chased with its named owner, escalated to their manager', () => {
  const decision = (owner: string) => held({ decisions: [{ text: 'arrange contact', owner, dueOn: '2026-02-02' }] });
  test.each([
    ['the cycle IRO by staff id', 'iro-1', 'iro', 'iro-unit-manager', ['iro']],
    ['a role by name', 'Team Manager', 'team-manager', 'service-manager', ['team-manager', 'iro']],
    ['the social worker by staff id', 'sw-1', 'social-worker', 'team-manager', ['social-worker', 'iro']],
    ['another named person', 'hv-7', 'user:hv-7', 'team-manager', ['user:hv-7', 'iro']],
    ['a description: through the social worker', 'the foster carers', 'social-worker', 'team-manager', ['social-worker', 'iro']],
  ])('L9 %s', (_name, owner, recipient, manager, overdueTo) => {
    const o = owed(cycle(decision(owner)), 'r1/decision-1')!;
    expect(o).toMatchObject({ rule: 'L9', owner: recipient, due: '2026-02-02' });
    expect(o.actions.map((a) => [a.kind, a.on, a.to])).toEqual([
      ['reminder', calendar.workingDaysBefore('2026-02-02', 2), [recipient]],
      ['overdue', wd('2026-02-02', 1), overdueTo],
      ['escalation', wd('2026-02-02', 3), [manager]],
    ]);
    expect(recipientOf(owner, cycle())).toBe(recipient);
  });
  test('L9 a cycle running before the fix keeps its old chase (replay)', () => {
    const m = cycle(decision('hv-7'));
    m.legacy = legacyOf(false, true);
    expect(owed(m, 'r1/decision-1')).toEqual({
      key: 'r1/decision-1',
      rule: 'L9',
      what: 'review decision: arrange contact',
      owner: 'social-worker',
      due: '2026-02-02',
      actions: [{ id: 'r1/decision-1/2026-02-02/overdue', on: wd('2026-02-02', 1), kind: 'overdue', to: ['social-worker', 'iro'] }],
    });
  });
  test('L9 the owner marks it done', () => {
    const m = cycle(decision('hv-7'));
    completeTaskCommand.validate(m, { key: 'r1/decision-1', on: TODAY, by: 'hv-7' }, ctx());
    completeTaskCommand.apply(m, { key: 'r1/decision-1', on: TODAY, by: 'hv-7' }, ctx());
    expect(m.reviewsHeld[0].decisions[0].doneOn).toBe(TODAY);
  });
});

describe('L9 the named owner marks a decision done through /tasks, whatever their role', () => {
  const as = (userId: string, ...roles: Role[]) => ({ userId, roles });
  test.each([
    ['a service manager named as the owner', 'user:sm-3', as('sm-3', 'service-manager'), true],
    ['a strategic manager named as the owner', 'user:dir-1', as('dir-1', 'strategic-manager'), true],
    ['another service manager', 'user:sm-3', as('sm-9', 'service-manager'), false],
    ["a service manager, for the IRO's task", 'iro', as('sm-3', 'service-manager'), false],
    ["the team manager, for the social worker's task", 'social-worker', as('tm-1', 'team-manager'), true],
  ] as const)('L9 %s', (_name, owner, principal, allowed) => {
    expect(mayMarkDone(owner, { ...principal, roles: [...principal.roles] })).toBe(allowed);
  });
  test('L9 the route lets service and strategic managers through (the service checks the task is theirs)', () => {
    const row = readFileSync(join(__dirname, '../docs/permission-matrix.md'), 'utf8')
      .split('\n')
      .find((l) => l.startsWith('| POST /api/looked-after-cycles/:cycleId/tasks |'))!;
    expect(
      row
        .split('|')
        .map((c) => c.trim())
        .slice(6, 8),
    ).toEqual(['yes', 'yes']);
  });
});

describe('L10 the disagreement: in writing to the attendees; informal resolution within the profile time', () => {
  const disagreed = held({
    attendees: ['sw-1', 'carer-2'],
    after: { 'decisions-circulated': '2026-01-16' },
    teamManager: { response: 'disagreed', on: '2026-01-19', by: 'tm-1', reason: 'cost' },
    disagreement: { status: 'informal' },
  });
  test('L10 the IRO is prompted once the informal time (section C informal stage) is up, then chased', () => {
    const due = wd('2026-01-19', 5);
    const o = owed(cycle(disagreed), 'r1/disagreement')!;
    expect(o).toMatchObject({ rule: 'L10', owner: 'iro', due });
    expect(o.actions.map((a) => [a.kind, a.on, a.to])).toEqual([
      ['reminder', calendar.workingDaysBefore(due, 2), ['iro']],
      ['prompt', wd(due, 1), ['iro']],
      ['escalation', wd(due, 3), ['iro-unit-manager']],
    ]);
    expect(isCompletable(o)).toBe(false);
  });
  test('L10 settled or taken to a dispute: no longer owed; running cycles had no such timescale', () => {
    expect(owed(cycle(all(disagreed, (m) => (m.reviewsHeld[0].disagreement = { status: 'settled' }))), 'r1/disagreement')).toBeUndefined();
    const m = cycle(disagreed);
    m.legacy = legacyOf(true, false);
    expect(owed(m, 'r1/disagreement')).toBeUndefined();
  });
  test('L10 attendees are recorded with the review; the team manager disagreeing opens the informal stage', () => {
    const m = cycle();
    recordReviewHeldCommand.apply(
      m,
      { heldOn: '2026-01-16', participation: 'PN1', attendees: ['sw-1', 'carer-2', 'sw-1'], by: 'iro-1' },
      ctx(),
    );
    expect(m.reviewsHeld[0].attendees).toEqual(['sw-1', 'carer-2']);
    expect(recipientOf('carer-2', m)).toBe('user:carer-2');
    m.reviewsHeld[0].after['decisions-circulated'] = '2026-01-16';
    answerDecisionsCommand.apply(m, { reviewNumber: 1, response: 'disagree', reason: 'cost', by: 'tm-1' }, ctx());
    expect(owed(m, 'r1/disagreement')).toBeDefined();
  });
});

describe('L21 a child or parent who did not attend is told the outcome in writing by the IRO', () => {
  test('L21 recorded with the review: an IRO obligation each, done through completeTask', () => {
    const m = cycle();
    const input = { heldOn: '2026-01-16', participation: 'PN5' as const, notAttending: ['child' as const, 'parent' as const], by: 'iro-1' };
    recordReviewHeldCommand.validate(m, input, ctx());
    recordReviewHeldCommand.apply(m, input, ctx());
    const due = wd('2026-01-16', 5);
    for (const who of ['child', 'parent']) {
      expect(owed(m, `r1/outcome-to-${who}`)).toMatchObject({ rule: 'L21', owner: 'iro', due });
      expect(owed(m, `r1/outcome-to-${who}`)!.what).toMatch(/face-to-face meeting/);
    }
    completeTaskCommand.apply(m, { key: 'r1/outcome-to-child', on: TODAY, by: 'iro-1' }, ctx());
    expect(m.reviewsHeld[0].toldOfOutcome).toEqual({ child: TODAY });
    expect(owed(m, 'r1/outcome-to-child')).toBeUndefined();
    expect(owed(m, 'r1/outcome-to-parent')).toBeDefined();
  });
  test('L21 only the child or a parent', () => {
    expect(() =>
      recordReviewHeldCommand.validate(
        cycle(),
        { heldOn: '2026-01-16', participation: 'PN1', notAttending: ['uncle' as never], by: 'iro-1' },
        ctx(),
      ),
    ).toThrow(/child, parent/);
  });
});

describe('L23 an unplanned change of placement', () => {
  test('L23 is recorded as unplanned (the IRO is told at once by the cycle)', () => {
    const m = cycle();
    changePlacementCommand.validate(m, { on: '2026-01-16', type: 'residential', unplanned: true, by: 'sw-1' }, ctx());
    changePlacementCommand.apply(m, { on: '2026-01-16', type: 'residential', unplanned: true, by: 'sw-1' }, ctx());
    expect(m.placementChanges).toEqual([{ on: '2026-01-16', type: 'residential', unplanned: true }]);
    expect(() =>
      changePlacementCommand.validate(m, { on: '2026-01-16', type: 'foster', unplanned: 'yes' as never, by: 'sw-1' }, ctx()),
    ).toThrow();
  });
});

describe('catch-up: deadlines that passed before the cycle knew of them', () => {
  // A child in care since 1 September 2025, entered on 19 January 2026 with no review held.
  const late = () => {
    const m = initialModel({
      cycleId: 'lac-late',
      child: { childId: 'C2', dateOfBirth: '2015-05-10', legalStatus: 'C2', team: 'north' },
      becameLookedAfter: '2025-09-01',
      placement: { type: 'foster', startedOn: '2025-09-01' },
      profileId: 'statutory',
      by: 'sw-1',
    });
    return m;
  };
  test('catch-up: no reminder for a passed deadline; one notice per recipient listing what is overdue', () => {
    const m = late();
    const stale = staleActions(obligations(m, statutory, calendar), new Set(), TODAY);
    expect(stale.length).toBeGreaterThan(3);
    const notices = catchUpNotices(stale, TODAY);
    expect(notices.map((n) => n.to).sort()).toEqual(['iro-unit', 'iro-unit-manager', 'service-manager']);
    const unit = notices.find((n) => n.to === 'iro-unit')!.message;
    expect(unit).toMatchObject({ kind: 'catch-up' });
    expect(unit.body).toMatch(/hold review 1 .*overdue since 2025-09-29/);
    expect(unit.body).toMatch(/appoint an IRO for the child: overdue since/);
    expect(unit.body).not.toMatch(/Due soon/);
  });
  test('catch-up: nothing is stale on its own day, or once sent', () => {
    const m = late();
    const os = obligations(m, statutory, calendar);
    const ids = new Set(os.flatMap((o) => o.actions.map((a) => a.id)));
    expect(staleActions(os, ids, TODAY)).toEqual([]);
    expect(staleActions(os, new Set(), '2025-09-01')).toEqual([]);
  });
});

describe('L13/L16 at 18: the review to come ends with the care; reviews already held are followed up', () => {
  const turned18 = (legacy?: ReturnType<typeof legacyOf>) => {
    const e: Ending = { model: cycle(held()) };
    e.model.legacy = legacy;
    endCycle(e, TODAY, { today: TODAY });
    return e.model;
  };
  test('L16 the follow-up of review 1 still runs and can be marked done; nothing of review 2 is owed', () => {
    const m = turned18();
    expect(m.status).toBe('ended-at-18');
    const keys = obligations(m, statutory, calendar).map((o) => o.key);
    expect(keys).toEqual(expect.arrayContaining(['r1/decisions-circulated', 'r1/full-record']));
    expect(keys.filter((k) => k.startsWith('r2/') || k === 'annual-meeting' || k === 'pathway-plan')).toEqual([]);
    expect(followUpOwed(m, statutory, calendar)).toBe(true);
    const done = { key: 'r1/full-record', on: TODAY, by: 'iro-1' };
    expect(() => completeTaskCommand.validate(m, done, ctx())).not.toThrow();
  });
  test('L16 a cycle that turned 18 on code from before the fix ends with nothing owed (replay)', () => {
    const m = turned18(legacyOf(true, true, true, false));
    expect(obligations(m, statutory, calendar)).toEqual([]);
    expect(followUpOwed(m, statutory, calendar)).toBe(false);
    expect(() => completeTaskCommand.validate(m, { key: 'r1/full-record', on: TODAY, by: 'iro-1' }, ctx())).toThrow(/ended/);
  });
});

function all(...shapes: ((m: CycleModel) => void)[]) {
  return (m: CycleModel) => shapes.forEach((s) => s(m));
}

/**
 * Open to Review and CIN cases recorded after the fact, through the API on the time-skipping server
 * (rules.md O2-O4, D2-D4, issue 11): the dates given (`openedOn`, `on`) are the facts' dates, the
 * rules are judged on them, refusals name the field and the rule, and what fell due before the case
 * was recorded is caught up once, the next working day, one notice per recipient.
 */
import { builtInCalendar } from '../data/reference-data';
import { IsoDate, addMonths, addYears } from '../workflows/calendar/iso-date';
import { CinState } from '../workflows/cin-review/messages';
import { OpenToReviewCaseState } from '../workflows/open-to-review/messages';
import { Harness, caseTeam, freshServerPerTest } from './support/cycle-harness';

let h: Harness;
const cal = builtInCalendar();
const wd = (d: IsoDate, n: number) => cal.addWorkingDays(d, n);
freshServerPerTest((x) => {
  h = x;
});
const ELIGIBLE = {
  stable: true,
  clearOutcomes: true,
  safeguardingConcerns: false,
  lookedAfter: false,
  continuingCare: false,
  unstableHealth: false,
  lifeLimitingIllness: false,
  significantOvernightShortBreaks: false,
};
const refusal = (r: { status: number; body: { error?: { field?: string; rule?: string } } }) => [
  r.status,
  r.body.error?.field,
  r.body.error?.rule,
];

test('O2 O3 an O2R case proposed months ago: the window and the first review judged on the decision note’s own date, each fact in order, one catch-up', async () => {
  const t = await caseTeam(h, 'o2rh');
  try {
    await t.worker.runUntil(async () => {
      const start = await t.today();
      const proposed = addMonths(start, -10);
      const body = {
        childId: 'O2RH-1',
        dateOfBirth: addYears(start, -9),
        team: 'north-1',
        caseholder: 'o2r-sw-1',
        rationale: 'Stable home, short breaks working well',
        eligibility: ELIGIBLE,
      };
      const tm = t.staff.teamManager;
      expect(refusal(await tm.post('/api/open-to-review-cases').send({ ...body, openedOn: wd(start, 1) }))).toEqual([
        422,
        'openedOn',
        'O2',
      ]);
      const r = await tm.post('/api/open-to-review-cases').send({ ...body, openedOn: proposed });
      expect(r.status).toBe(201);
      const id = r.body.caseId as string;
      t.cases.push(id);
      await t.settle();
      const path = `/api/open-to-review-cases/${id}`;
      const state = async () => (await tm.get(path)).body as OpenToReviewCaseState;
      const windowEnd = (await state()).entry!.representationsBy;
      expect(await state()).toMatchObject({ openedOn: proposed, recordedOn: start, entry: { letterOn: proposed } });
      expect(windowEnd).toBe(wd(proposed, 20));
      // The window had closed before the case was recorded: the letter was the one written then.
      expect(t.outbox(id)).toEqual([]);

      const note = { decision: 'o2r', rationale: 'meets the criteria' };
      const inWindow = await tm.post(`${path}/decision-note`).send({ ...note, on: windowEnd, firstReviewOn: addMonths(windowEnd, 5) });
      expect(refusal(inWindow)).toEqual([422, 'on', 'O2']);
      const decidedOn = wd(windowEnd, 1);
      const tooLate = await tm.post(`${path}/decision-note`).send({ ...note, on: decidedOn, firstReviewOn: addMonths(decidedOn, 7) });
      expect(refusal(tooLate)).toEqual([422, 'firstReviewOn', 'O3']);
      const firstReviewOn = addMonths(decidedOn, 5);
      expect((await tm.post(`${path}/decision-note`).send({ ...note, on: decidedOn, firstReviewOn })).status).toBe(201);
      expect((await state()).nextReview).toMatchObject({ due: firstReviewOn, rule: 'O2' });

      const review = { type: 'face-to-face', childSeen: true, parentsSeen: true, outcome: 'continue' };
      const early = await tm.post(`${path}/reviews`).send({ ...review, heldOn: cal.workingDaysBefore(decidedOn, 1) });
      expect(refusal(early)).toEqual([422, 'heldOn', 'O2']);
      const heldOn = addMonths(decidedOn, 4);
      // A review held continues the case as new (after appending to the record): wait for the new run,
      // since the time-skipping server never answers a query or command that lands on a closing run.
      const handle = h.env.client.workflow.getHandle(id);
      const before = (await handle.describe()).runId;
      expect((await tm.post(`${path}/reviews`).send({ ...review, heldOn })).status).toBe(201);
      for (const until = Date.now() + 30_000; Date.now() < until && (await handle.describe()).runId === before;)
        await new Promise((res) => setTimeout(res, 25));
      await t.settle();
      const s = await state();
      expect(s.reviews[0]).toMatchObject({ heldOn, due: firstReviewOn, onTime: true });
      expect(s.nextReview?.due).toBe(addMonths(heldOn, 6));
      const ehcp = await tm.post(`${path}/ehcp`).send({ annualReviewOn: addMonths(heldOn, 2), on: heldOn });
      expect(ehcp.status).toBe(200);

      // The plan shared within a month of the review was never recorded: caught up the next working day.
      const catchUpDay = wd(start, 1);
      await t.skipTo(catchUpDay);
      const catchUp = t.outbox(id).filter((n) => n.kind === 'catch-up');
      expect(catchUp.map((n) => n.to).sort()).toEqual(expect.arrayContaining(['team-manager:north-1', 'user:o2r-sw-1']));
      // Nothing overdue goes on its own: what fell due before the catch-up is in it; only a chase
      // falling on the catch-up day itself goes as itself (whether one does depends on today's date).
      const onItsOwn = t.outbox(id).filter((n) => n.kind === 'overdue' || n.kind === 'escalation');
      for (const n of onItsOwn) expect(n.id).toContain(`/chase/${catchUpDay}/`);
      // The face-to-face review due on the EHCP date months ago is chased again and again (O3): the
      // service manager is told too, in the catch-up or in that day's chase.
      expect(catchUp.concat(onItsOwn).map((n) => n.to)).toContain('service-manager');
      expect(catchUp).toHaveLength(new Set(catchUp.map((n) => n.to)).size);
    });
  } finally {
    await t.done();
  }
});

test('D2 D3 D4 a CIN case whose chair was agreed months ago: the first date and a move dated when they happened, in order', async () => {
  const t = await caseTeam(h, 'cinh');
  let cin = '';
  try {
    await t.worker.runUntil(async () => {
      const start = await t.today();
      const agreed = addMonths(start, -6);
      const body = {
        childId: 'CINH-1',
        team: 'north-1',
        socialWorker: 'sw-1',
        iro: 'iro-1',
        criteria: ['second-cin-plan'],
        approvedBy: { staffId: 'tm-1', role: 'team-manager' },
        agreedBy: 'unit-1',
      };
      const unit = t.staff.iroUnit;
      expect(refusal(await unit.post('/api/cin-reviews').send({ ...body, openedOn: wd(start, 2) }))).toEqual([422, 'openedOn', 'D2']);
      const r = await unit.post('/api/cin-reviews').send({ ...body, openedOn: agreed });
      expect(r.status).toBe(201);
      const id = r.body.caseId as string;
      cin = id;
      await new Promise((res) => setTimeout(res, 500));
      const path = `/api/cin-reviews/${id}`;
      const state = async () => (await unit.get(path)).body as CinState;
      expect(await state()).toMatchObject({ openedOn: agreed, recordedOn: start });
      const sw = t.staff.socialWorker;
      const bookedOn = wd(agreed, 3);
      const first = { venue: 'Family centre', invited: ['school'] };
      expect(
        refusal(await sw.post(`${path}/first-date`).send({ ...first, on: bookedOn, date: cal.workingDaysBefore(bookedOn, 1) })),
      ).toEqual([422, 'date', 'D3']);
      expect((await sw.post(`${path}/first-date`).send({ ...first, on: bookedOn, date: wd(bookedOn, 15) })).status).toBe(201);
      const moved = await t.staff.iro.post(`${path}/booking`).send({ on: wd(bookedOn, 5), to: wd(bookedOn, 20), reason: 'chair ill' });
      expect(moved.status).toBe(200);
      expect((await state()).moves).toEqual([
        { on: wd(bookedOn, 5), from: wd(bookedOn, 15), to: wd(bookedOn, 20), reason: 'chair ill', by: 'iro-1' },
      ]);
      const late = await t.staff.iro.post(`${path}/booking`).send({ on: wd(bookedOn, 21), to: wd(bookedOn, 30), reason: 'x' });
      expect(refusal(late)).toEqual([422, 'to', 'D4']);
    });
  } finally {
    if (cin)
      await h.env.client.workflow
        .getHandle(cin)
        .terminate('end of test')
        .catch(() => undefined);
    await t.done();
  }
});

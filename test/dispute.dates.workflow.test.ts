/**
 * Section C's dates through the real dispute workflow on the time-skipping server, driven through
 * the API (issue 11): a response recorded on a stage's deadline day stops the climb (which falls at
 * the close of that day) and is chased until judged; a dispute recorded after the fact counts from
 * the day it opened and catches up once on what passed before it was recorded.
 */
import { IsoDate } from '../workflows/calendar/iso-date';
import { builtInCalendar } from '../data/reference-data';
import { DisputeState } from '../workflows/dispute/messages';
import { Harness, caseTeam, freshServerPerTest } from './support/cycle-harness';

let h: Harness;
const cal = builtInCalendar();
const wd = (d: IsoDate, n: number) => cal.addWorkingDays(d, n);
freshServerPerTest((x) => {
  h = x;
});

type Team = Awaited<ReturnType<typeof caseTeam>>;
async function open(t: Team, body: Record<string, unknown>): Promise<string> {
  const r = await t.staff.iro.post('/api/disputes').send(body);
  if (r.status !== 201) throw new Error(`open: ${r.status} ${JSON.stringify(r.body)}`);
  t.disputes.push(r.body.disputeId);
  await t.settle();
  return r.body.disputeId;
}
const dispute = async (t: Team, id: string) => (await t.staff.iro.get(`/api/disputes/${id}`)).body as DisputeState;
const kinds = (t: Team, id: string, kind: string) => t.outbox(id).filter((n) => n.kind === kind);
const base = { team: 'north-1', category: 'practice', summary: 'statutory visits missed', startStage: 1, socialWorker: 'sw-1' };

test('E2-E5 a response recorded on the deadline day stops the climb (at the close of that day) and is judged at the stage it answers, chased until judged', async () => {
  const t = await caseTeam(h, 'e25d');
  try {
    await t.worker.runUntil(async () => {
      const start = await t.today();
      const id = await open(t, { ...base, childId: 'E25D-C', agreedActions: [{ action: 'visit', by: wd(start, 3) }] });
      // The deadline day, mid-morning: still at stage 1 (before, the climb was at 09:00 and this response landed at stage 2).
      await t.skipTo(wd(start, 5));
      expect((await dispute(t, id)).stage).toBe(1);
      const r = await t.staff.socialWorker.post(`/api/disputes/${id}/responses`).send({ note: 'visit done this morning' });
      expect(r.status).toBe(201);
      expect(r.body.responses).toEqual([{ on: wd(start, 5), by: 'sw-1', note: 'visit done this morning', stage: 1 }]);
      await t.skipTo(wd(start, 5), 18);
      const s = await dispute(t, id);
      expect([s.stage, s.stages.length]).toEqual([1, 1]);
      expect(kinds(t, id, 'response-to-judge').map((n) => [n.rule, n.to, n.due])).toEqual([['E3', 'user:iro-1', wd(start, 7)]]);
      // Not judged: chased the working day after its deadline, then every 2 working days, to the IRO and the IRO unit manager.
      await t.skipTo(wd(start, 12));
      expect((await dispute(t, id)).stage).toBe(1);
      expect(kinds(t, id, 'judgement-overdue').map((n) => n.to)).toEqual([
        'user:iro-1',
        'iro-unit-manager',
        'user:iro-1',
        'iro-unit-manager',
        'user:iro-1',
        'iro-unit-manager',
      ]);
      await t.staff.iro.post(`/api/disputes/${id}/resolve`).send({ outcome: 'resolved', summary: 'visits back on track' });
      await t.settle();
      expect((await dispute(t, id)).status).toBe('resolved');
    });
  } finally {
    await t.done();
  }
});

test('E6 a dispute recorded after the fact counts from the day it opened; what passed before is caught up once, the next working day', async () => {
  const t = await caseTeam(h, 'e6h');
  try {
    await t.worker.runUntil(async () => {
      const start = await t.today();
      const openedOn = cal.workingDaysBefore(start, 30);
      const agreedActions = [{ action: 'visit', by: wd(openedOn, 3) }];
      const future = await t.staff.iro.post('/api/disputes').send({ ...base, childId: 'E6H-X', agreedActions, openedOn: wd(start, 1) });
      expect([future.status, future.body.error.field, future.body.error.rule]).toEqual([422, 'openedOn', 'E6']);
      // No lower bound before: 0001-01-01 counted its 20 working days in 1901.
      for (const past of ['0001-01-01', '2011-03-31']) {
        const tooOld = await t.staff.iro.post('/api/disputes').send({ ...base, childId: 'E6H-Y', agreedActions, openedOn: past });
        expect([tooOld.status, tooOld.body.error.field, tooOld.body.error.rule]).toEqual([422, 'openedOn', 'E6']);
      }

      // Left unanswered: no alert for a stage whose deadline had passed, one catch-up per recipient the next working day.
      const idle = await open(t, { ...base, childId: 'E6H-A', agreedActions, openedOn });
      expect(await dispute(t, idle)).toMatchObject({
        openedOn,
        recordedOn: start,
        overallDue: wd(openedOn, 20),
        stages: [{ stage: 1, enteredOn: openedOn, due: wd(openedOn, 5) }],
      });
      expect(t.outbox(idle)).toEqual([]);
      // Recorded on the same day, in order: the story as it happened, and nothing to catch up.
      const told = await open(t, { ...base, childId: 'E6H-B', agreedActions, openedOn });
      const said = async (path: string, body: Record<string, unknown>) => {
        const r = await t.staff.iro.post(`/api/disputes/${told}/${path}`).send(body);
        expect([r.status, r.body.error]).toEqual([path === 'responses' ? 201 : 200, undefined]);
      };
      await said('responses', { note: 'visit booked', on: wd(openedOn, 2) });
      const early = await t.staff.iro.post(`/api/disputes/${told}/escalate`).send({
        reason: 'visit did not happen',
        expectedOutcome: { outcome: 'child seen', by: wd(openedOn, 8) },
        on: wd(openedOn, 1),
      });
      expect([early.status, early.body.error.field, early.body.error.rule]).toEqual([422, 'on', 'E5']);
      await said('escalate', {
        reason: 'visit did not happen',
        expectedOutcome: { outcome: 'child seen', by: wd(openedOn, 8) },
        on: wd(openedOn, 3),
      });
      await said('resolve', { outcome: 'resolved', summary: 'child seen', on: wd(openedOn, 6) });

      // The rest of the day is left for recording; the next working day it catches up.
      await t.skipTo(start, 20);
      expect(t.outbox(idle)).toEqual([]);
      await t.skipTo(wd(start, 1));
      const s = await dispute(t, idle);
      expect(s.stages.map((x) => [x.stage, x.enteredOn, x.how])).toEqual([
        [1, openedOn, 'opened'],
        [2, wd(start, 1), 'no-response'],
      ]);
      expect(s.breachedOn).toBe(wd(openedOn, 21));
      const catchUp = kinds(t, idle, 'catch-up');
      expect(catchUp.map((n) => n.to).sort()).toEqual(['iro-unit-manager', 'team-manager:north-1', 'user:iro-1', 'user:sw-1']);
      expect(kinds(t, idle, 'overall-warning')).toEqual([]);
      expect(kinds(t, idle, 'overall-breach')).toEqual([]);
      expect(kinds(t, idle, 'stage-2').map((n) => n.due)).toEqual([wd(start, 6), wd(start, 6), wd(start, 6)]);

      const r = await dispute(t, told);
      expect(r).toMatchObject({
        status: 'resolved',
        outcome: { on: wd(openedOn, 6) },
        stages: [{ stage: 1 }, { stage: 2, enteredOn: wd(openedOn, 3) }],
      });
      expect(r.breachedOn).toBeUndefined();
      expect(kinds(t, told, 'catch-up')).toEqual([]);
    });
  } finally {
    await t.done();
  }
});

test('E2-E6 the catch-up re-checks the dispute after its notices: resolved meanwhile, no stage is entered after the resolution', async () => {
  const t = await caseTeam(h, 'e6r');
  try {
    await t.worker.runUntil(async () => {
      const start = await t.today();
      const openedOn = cal.workingDaysBefore(start, 30);
      const id = await open(t, { ...base, childId: 'E6R-A', agreedActions: [{ action: 'visit', by: wd(openedOn, 3) }], openedOn });
      // The catch-up's notices cannot be recorded for a while; the IRO resolves the dispute meanwhile.
      const store = t.services.store;
      const record = store.recordNotification.bind(store);
      let blocked = true;
      let failed = 0;
      store.recordNotification = (n) => {
        if (n.kind === 'catch-up' && blocked) {
          failed++;
          throw new Error('outbox briefly unavailable');
        }
        return record(n);
      };
      await t.skipTo(wd(start, 1));
      expect(failed).toBeGreaterThan(0);
      const r = await t.staff.iro.post(`/api/disputes/${id}/resolve`).send({ outcome: 'resolved', summary: 'child seen' });
      expect(r.status).toBe(200);
      blocked = false;
      await t.skipTo(wd(start, 2));
      const s = await dispute(t, id);
      expect(s.status).toBe('resolved');
      expect(s.stages.map((x) => [x.stage, x.how])).toEqual([[1, 'opened']]);
      expect(s.breachedOn).toBe(wd(openedOn, 21));
      expect(s.events.filter((e) => e.rule === 'E6' && /breach recorded/.test(e.what))).toHaveLength(1);
      expect(kinds(t, id, 'catch-up').length).toBeGreaterThan(0);
    });
  } finally {
    await t.done();
  }
});

test("E6 resolved on a past date with CAFCASS's decision overdue before it was recorded: caught up the next working day, not chased at once", async () => {
  const t = await caseTeam(h, 'e6c');
  try {
    await t.worker.runUntil(async () => {
      const start = await t.today();
      const openedOn = cal.workingDaysBefore(start, 30);
      const id = await open(t, { ...base, childId: 'E6C-A', agreedActions: [{ action: 'visit', by: wd(openedOn, 3) }], openedOn });
      const said = async (path: string, body: Record<string, unknown>) => {
        const r = await t.staff.iro.post(`/api/disputes/${id}/${path}`).send(body);
        expect([r.status < 300, r.body.error]).toEqual([true, undefined]);
      };
      await said('cafcass', { reason: 'plan not followed', on: wd(openedOn, 1) });
      await said('resolve', { outcome: 'resolved', summary: 'child seen', on: wd(openedOn, 4) });
      await t.skipTo(start, 20);
      expect(kinds(t, id, 'cafcass-overdue')).toEqual([]);
      await t.skipTo(wd(start, 1));
      expect(kinds(t, id, 'cafcass-overdue')).toEqual([]);
      const catchUp = kinds(t, id, 'catch-up');
      expect(catchUp.length).toBeGreaterThan(0);
      // One per recipient of what passed (the IRO, the IRO unit manager), with the CAFCASS rule (E6).
      expect(catchUp.map((n) => [n.to, n.rule]).sort()).toEqual([
        ['iro-unit-manager', 'E6'],
        ['user:iro-1', 'E6'],
      ]);
      // The decision can still be recorded.
      await said('cafcass-decision', { text: 'no action', on: wd(openedOn, 9) });
    });
  } finally {
    await t.done();
  }
});

test('E2-E6 notices a fact recorded later calls for, whose days have gone by, are caught up in one pass, not sent one by one', async () => {
  const t = await caseTeam(h, 'e6p');
  try {
    await t.worker.runUntil(async () => {
      const start = await t.today();
      const id = await open(t, { ...base, childId: 'E6P-A', startStage: 'informal' });
      await t.skipTo(wd(start, 6));
      // A response dated the opening day, recorded six working days later: to be judged by wd 2, chased on wd 3 and wd 5 (both gone by).
      const r = await t.staff.socialWorker.post(`/api/disputes/${id}/responses`).send({ note: 'done', on: start });
      expect(r.status).toBe(201);
      await t.settle();
      expect(kinds(t, id, 'response-to-judge').map((n) => n.to)).toEqual(['user:iro-1']);
      expect(kinds(t, id, 'judgement-overdue')).toEqual([]);
      expect(
        kinds(t, id, 'catch-up')
          .map((n) => n.to)
          .sort(),
      ).toEqual(['iro-unit-manager', 'user:iro-1']);
      // And the chase goes on from there as usual.
      await t.skipTo(wd(start, 7));
      expect(kinds(t, id, 'judgement-overdue').map((n) => n.to)).toEqual(['user:iro-1', 'iro-unit-manager']);
    });
  } finally {
    await t.done();
  }
});

test('E3 a response dated the deadline day, recorded the day after the 17:00 climb: it answers stage 1, the premature climb is undone and recorded', async () => {
  const t = await caseTeam(h, 'e3u');
  try {
    await t.worker.runUntil(async () => {
      const start = await t.today();
      const id = await open(t, { ...base, childId: 'E3U-A', agreedActions: [{ action: 'visit', by: wd(start, 3) }] });
      await t.skipTo(wd(start, 6));
      expect((await dispute(t, id)).stages.map((x) => [x.stage, x.enteredOn])).toEqual([
        [1, start],
        [2, wd(start, 5)],
      ]);
      const r = await t.staff.socialWorker.post(`/api/disputes/${id}/responses`).send({ note: 'visit done', on: wd(start, 5) });
      expect([r.status, r.body.error]).toEqual([201, undefined]);
      await t.settle();
      const s = await dispute(t, id);
      expect([s.stage, s.stages.length]).toEqual([1, 1]);
      expect(s.responses).toEqual([{ on: wd(start, 5), by: 'sw-1', note: 'visit done', stage: 1 }]);
      expect(s.events.some((e) => e.what.includes(`climb to stage 2 on ${wd(start, 5)} is undone`))).toBe(true);
      expect(kinds(t, id, 'response-to-judge').map((n) => [n.rule, n.to])).toEqual([['E3', 'user:iro-1']]);
      // The IRO judges it not enough: stage 2 again, announced again (entered today).
      const up = await t.staff.iro
        .post(`/api/disputes/${id}/escalate`)
        .send({ reason: 'visit too short', expectedOutcome: { outcome: 'child seen alone', by: wd(start, 10) } });
      expect(up.status).toBe(200);
      await t.settle();
      expect(kinds(t, id, 'stage-2').map((n) => n.id.split('/').slice(1, 3).join('/'))).toEqual([
        `stage-2/${wd(start, 5)}`,
        `stage-2/${wd(start, 5)}`,
        `stage-2/${wd(start, 5)}`,
        `stage-2/${wd(start, 6)}`,
        `stage-2/${wd(start, 6)}`,
        `stage-2/${wd(start, 6)}`,
      ]);
    });
  } finally {
    await t.done();
  }
});

test('E2-E6 through the API with historic dates: a response dated after the informal deadline answers stage 1, entered at that deadline and not announced now', async () => {
  const t = await caseTeam(h, 'e2h');
  try {
    await t.worker.runUntil(async () => {
      const start = await t.today();
      const openedOn = cal.workingDaysBefore(start, 30);
      const id = await open(t, { ...base, childId: 'E2H-A', startStage: 'informal', openedOn });
      const r = await t.staff.socialWorker.post(`/api/disputes/${id}/responses`).send({ note: 'visit done', on: wd(openedOn, 7) });
      expect([r.status, r.body.error]).toEqual([201, undefined]);
      expect(r.body.stages.map((x: { stage: number; enteredOn: string; how: string }) => [x.stage, x.enteredOn, x.how])).toEqual([
        [0, openedOn, 'opened'],
        [1, wd(openedOn, 5), 'no-response'],
      ]);
      expect(r.body.responses).toEqual([{ on: wd(openedOn, 7), by: 'sw-1', note: 'visit done', stage: 1 }]);
      await t.skipTo(wd(start, 1));
      const s = await dispute(t, id);
      expect(s.stage).toBe(1);
      expect(s.breachedOn).toBe(wd(openedOn, 21));
      expect(kinds(t, id, 'stage-1')).toEqual([]);
      expect(kinds(t, id, 'catch-up').length).toBeGreaterThan(0);
    });
  } finally {
    await t.done();
  }
});

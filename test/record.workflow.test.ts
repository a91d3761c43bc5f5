/**
 * The statutory record written by the real workflows on the time-skipping server (issue 14): a
 * looked-after cycle started, its IRO appointed, its review booked and held (the cycle continues as
 * new), then ceased; a dispute that climbs a stage unanswered and is resolved. The record (in
 * memory here) holds each fact once, under its key, across continue-as-new and the final pass.
 */
import { builtInCalendar } from '../data/reference-data';
import { IsoDate, addDays, addYears } from '../workflows/calendar/iso-date';
import { RecordedFact } from '../workflows/record/facts';
import { Harness, caseTeam, freshServerPerTest } from './support/cycle-harness';
import { MemoryRecord } from './support/memory-record';

let h: Harness;
const cal = builtInCalendar();
const wd = (d: IsoDate, n: number) => cal.addWorkingDays(d, n);

freshServerPerTest((x) => {
  h = x;
});

const types = (facts: RecordedFact[]) => facts.map((f) => f.type);
const count = (facts: RecordedFact[], type: string) => facts.filter((f) => f.type === type).length;

test('a looked-after cycle writes each fact once: started, IRO appointed, booked, review 1 held (continued as new), ceased', async () => {
  const record = new MemoryRecord();
  const t = await caseTeam(h, 'record-lac', { record });
  try {
    await t.worker.runUntil(async () => {
      const start = await t.today();
      const id = await t.comeIntoCare({ dateOfBirth: addYears(start, -10) });
      const facts = async () => (await record.facts({ caseId: id })).filter((f) => !f.type.startsWith('notification/'));
      expect(types(await facts())).toEqual(['looked-after/started', 'looked-after/iro-unit-notified', 'looked-after/review-due']);
      // The notifications it sent are recorded too (by the notify activity), without their words or addresses.
      expect((await record.facts({ caseId: id, types: ['notification/sent'] })).map((f) => f.data)).toContainEqual(
        expect.objectContaining({ kind: 'request-first-review', recipientRole: 'iro-unit' }),
      );
      const [started] = await facts();
      expect(started).toMatchObject({
        key: `${id}/started`,
        caseKind: 'looked-after',
        on: start,
        team: 'north-1',
        childId: expect.any(String),
      });

      expect((await t.staff.iroUnit.post(`/api/looked-after-cycles/${id}/iro`).send({ staffId: 'iro-1' })).status).toBe(200);
      const meetingOn = wd(start, 10);
      expect((await t.staff.iro.post(`/api/looked-after-cycles/${id}/booking`).send({ meetingOn })).status).toBe(200);
      await t.settle();
      expect(types(await facts()).slice(3)).toEqual(['looked-after/iro-appointed', 'looked-after/review-booked']);

      await t.skipTo(meetingOn);
      const held = await t.holdReview(id, { heldOn: meetingOn, participation: 'PN1' });
      expect(held.status).toBe(201);
      // Continued as new: the new run appends everything once more; the record writes nothing twice.
      await t.skipTo(addDays(meetingOn, 3));
      const ceaseOn = addDays(meetingOn, 2);
      const r = await t.staff.socialWorker.post(`/api/looked-after-cycles/${id}/cease`).send({ on: ceaseOn, reason: 'returned home' });
      expect(r.status).toBe(200);
      await t.settle();

      const all = await facts();
      expect(new Set(all.map((f) => f.key)).size).toBe(all.length);
      expect([...new Set(types(all))].sort()).toEqual(
        [
          'looked-after/started',
          'looked-after/iro-unit-notified',
          'looked-after/review-due',
          'looked-after/iro-appointed',
          'looked-after/review-booked',
          'looked-after/review-held',
          'looked-after/ended',
          'looked-after/review-before-ending',
        ].sort(),
      );
      for (const type of [
        'looked-after/started',
        'looked-after/iro-appointed',
        'looked-after/review-booked',
        'looked-after/review-held',
        'looked-after/ended',
      ])
        expect([type, count(all, type)]).toEqual([type, 1]);
      // Review 1's due date, then review 2's (opened by the review held): the latest counts.
      expect(all.filter((f) => f.type === 'looked-after/review-due').map((f) => f.data.reviewNumber)).toEqual([1, 2]);
      const review = all.find((f) => f.type === 'looked-after/review-held')!;
      expect(review).toMatchObject({ key: `${id}/review/1/held`, on: meetingOn });
      expect(review.data).toMatchObject({
        reviewNumber: 1,
        heldOn: meetingOn,
        onTime: true,
        participation: 'PN1',
        ageAtReview: 10,
        chair: { staffId: 'iro-1' },
      });
      // The same figures as the reporting projection (L18) the existing reports read.
      const [projected] = t.services.store.reviewOutcomes(start, addYears(start, 1));
      expect(review.data).toMatchObject({
        due: projected.due,
        onTime: projected.onTime,
        lateForIndicator: projected.lateForIndicator,
        ageAtReview: projected.ageAtReview,
      });
      expect(all.find((f) => f.type === 'looked-after/ended')).toMatchObject({
        on: ceaseOn,
        data: { status: 'ceased', reason: 'returned home' },
      });
      // Ceased after its last pass: nothing is written after the end.
      expect(all.at(-1)!.type).toMatch(/ended|review-before-ending/);
      // Each run appends a key at most once (two runs: before and after the review held).
      for (const f of all) {
        const sent = record.appends.flat().filter((x) => x.key === f.key).length;
        expect([f.key, sent <= 2]).toEqual([f.key, true]);
      }
      // L13: ceased, it still follows up review 1 (a new run); its end is in the record already.
      expect((await t.state(id)).status).toBe('ceased');
    });
  } finally {
    await t.done();
  }
});

test('a cycle ceased before any review ends on the pass that ceases it: its end is recorded before the cease is answered', async () => {
  const record = new MemoryRecord();
  const t = await caseTeam(h, 'record-ceased', { record });
  try {
    await t.worker.runUntil(async () => {
      const start = await t.today();
      const id = await t.comeIntoCare();
      const on = addDays(start, 2);
      await t.skipTo(on);
      expect((await t.staff.socialWorker.post(`/api/looked-after-cycles/${id}/cease`).send({ on, reason: 'returned home' })).status).toBe(
        200,
      );
      // The cease is answered once the end notices are sent and the end is recorded: the cycle completes on that pass.
      expect((await h.env.client.workflow.getHandle(id).describe()).status.name).toBe('COMPLETED');
      const all = await record.facts({ caseId: id });
      expect(all.slice(-2).map((f) => [f.type, f.on])).toEqual([
        ['looked-after/ended', on],
        ['looked-after/review-before-ending', on],
      ]);
      expect(all.find((f) => f.type === 'looked-after/review-before-ending')!.data).toMatchObject({ met: false });
    });
  } finally {
    await t.done();
  }
});

test('a dispute writes each stage it reaches, its deadlines, and how it closed', async () => {
  const record = new MemoryRecord();
  const t = await caseTeam(h, 'record-dispute', { record });
  try {
    await t.worker.runUntil(async () => {
      const start = await t.today();
      const opened = await t.staff.iro.post('/api/disputes').send({
        socialWorker: 'sw-1',
        childId: 'R-C',
        team: 'north-1',
        category: 'practice',
        summary: 'visits missed',
        startStage: 1,
        agreedActions: [{ action: 'visit rota agreed', by: wd(start, 2) }],
      });
      expect(opened.status).toBe(201);
      const id = opened.body.disputeId as string;
      t.disputes.push(id);
      await t.settle();
      const facts = async () => (await record.facts({ caseId: id })).filter((f) => !f.type.startsWith('notification/'));
      expect(types(await facts()).sort()).toEqual([
        'dispute/agreed-actions',
        'dispute/opened',
        'dispute/overall-due',
        'dispute/stage-due',
        'dispute/stage-reached',
      ]);

      // E3 -> E4: nobody answers stage 1; at the close of its deadline day it climbs to stage 2.
      const climbOn = wd(start, 5);
      await t.skipTo(climbOn, 18);
      const stages = (await facts()).filter((f) => f.type === 'dispute/stage-reached');
      expect(stages.map((f) => [f.data.stage, f.data.how, f.on])).toEqual([
        [1, 'opened', start],
        [2, 'no-response', climbOn],
      ]);
      expect(count(await facts(), 'dispute/stage-due')).toBe(2);

      const r = await t.staff.iro.post(`/api/disputes/${id}/resolve`).send({ outcome: 'resolved', summary: 'visits back on track' });
      expect(r.status).toBe(200);
      await t.settle();
      const all = await facts();
      expect(new Set(all.map((f) => f.key)).size).toBe(all.length);
      expect(all.filter((f) => f.type === 'dispute/closed')).toEqual([
        expect.objectContaining({
          on: climbOn,
          team: 'north-1',
          childId: 'R-C',
          data: expect.objectContaining({ outcome: 'resolved', stage: 2, highestStage: 2 }),
        }),
      ]);
    });
  } finally {
    await t.done();
  }
});

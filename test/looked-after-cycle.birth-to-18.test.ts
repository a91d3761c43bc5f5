/**
 * L16 (and L2-L4, L18 over a whole childhood): a child in care from the day they are born, reviewed
 * on time for eighteen years, through one workflow continued as new after every review, ending on
 * the 18th birthday. Eighteen years pass in seconds on the time-skipping server.
 */
import { addDays, addMonths, addYears } from '../workflows/calendar/iso-date';
import { Harness, caseTeam, startHarness } from './support/cycle-harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.env.teardown();
});

/**
 * Closed, or idle with nothing in flight. On the time-skipping server a command or query that lands
 * on a run as it closes or continues as new is never answered and holds its clock, so send only then.
 */
async function closedOrIdle(id: string): Promise<boolean> {
  for (let i = 0; ; i++) {
    const d = await h.env.client.workflow.getHandle(id).describe();
    if (d.status.name !== 'RUNNING') return true;
    if (i >= 3 && !d.raw.pendingActivities?.length) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('L16 a child in care from birth is reviewed on time until the 18th birthday, when looked-after status ends and the cycle closes once the last review is followed up', async () => {
  const t = await caseTeam(h, 'birth-to-18');
  try {
    await t.worker.runUntil(async () => {
      const born = await t.today();
      const id = await t.comeIntoCare({ dateOfBirth: born, placementType: 'foster' });
      await t.staff.iroUnit.post(`/api/looked-after-cycles/${id}/iro`).send({ staffId: 'iro-1' });
      const eighteen = addYears(born, 18);
      const held: string[] = [];
      for (;;) {
        const s = await t.state(id);
        const due = s.nextReview.due;
        // Held a few days early (never before the last one), as a well-run IRO unit does.
        const on = [addDays(due, -3), addDays(held.at(-1) ?? born, 1)].sort().pop()!;
        if (on >= eighteen) break;
        await t.skipTo(on);
        const age = Math.floor(
          (Number(on.slice(0, 4)) * 12 + Number(on.slice(5, 7)) - (Number(born.slice(0, 4)) * 12 + Number(born.slice(5, 7)))) / 12,
        );
        const r = await t.holdReview(id, { heldOn: on, participation: on < addYears(born, 4) ? 'PN0' : 'PN1' });
        if (r.status !== 201) throw new Error(`review on ${on} (age about ${age}): ${r.status} ${JSON.stringify(r.body)}`);
        expect(r.body.review.onTime).toBe(true);
        held.push(on);
      }
      // 20 working days, 3 months, then 6-monthly: 37 or so reviews in 18 years.
      expect(held.length).toBeGreaterThanOrEqual(36);
      expect(held[1] <= addMonths(held[0], 3)).toBe(true);
      const before = await t.state(id);
      expect(before.agenda.length + before.reviewsHeld.length).toBeGreaterThan(0);

      await t.skipTo(eighteen);
      const ended = await t.state(id);
      expect(ended).toMatchObject({ status: 'ended-at-18', ended: { on: eighteen } });
      expect(ended.reviewsHeld).toHaveLength(held.length);
      expect(ended.reviewsHeld.every((r) => r.onTime)).toBe(true);
      expect(
        t
          .outbox(id)
          .filter((n) => n.kind === 'ended-at-18')
          .map((n) => n.to),
      ).toEqual(['iro-unit', 'user:iro-1', 'social-worker:north-1', 'team-manager:north-1']);
      // L13/L16: the review to come ends with the care, but the last review held is still followed up.
      // (Nobody here marked any review's follow-up done: all of it is still owed; nothing of the review to come.)
      expect(ended.obligations.map((o) => o.key)).toEqual(expect.arrayContaining([`r${held.length}/full-record`]));
      expect(ended.obligations.every((o) => /^r\d+\//.test(o.key) && !o.key.startsWith(`r${held.length + 1}/`))).toBe(true);
      expect((await h.env.client.workflow.getHandle(id).describe()).status.name).toBe('RUNNING');
      // Each done task may bring the next (decisions circulated: the team manager's answer), so until none is owed.
      for (let owed = ended.obligations; owed.length; owed = (await closedOrIdle(id)) ? [] : (await t.state(id)).obligations) {
        for (const o of owed) {
          const n = Number(/^r(\d+)\//.exec(o.key)![1]);
          const by = o.owner === 'social-worker' || o.owner === 'team-manager' ? t.staff.teamManager : t.staff.iroUnit;
          // The run may continue as new after the last command (a long follow-up fills its history): let it.
          await closedOrIdle(id);
          const done = o.key.endsWith('/team-manager-response')
            ? await t.staff.teamManager.post(`/api/looked-after-cycles/${id}/reviews/${n}/decision-response`).send({ response: 'agree' })
            : await by.post(`/api/looked-after-cycles/${id}/tasks`).send({ key: o.key, on: eighteen });
          expect([o.key, done.status]).toEqual([o.key, 200]);
        }
      }
      // Once the follow-up is done, the cycle closes, at once.
      expect(await closedOrIdle(id)).toBe(true);
      expect((await h.env.client.workflow.getHandle(id).describe()).status.name).toBe('COMPLETED');
      // The history a child and an inspector can read: every review, each on time against its own due date.
      const history = (await t.staff.iro.get(`/api/looked-after-cycles/${id}/history`)).body;
      expect(history.reviews.map((r: { heldOn: string }) => r.heldOn)).toEqual(held);
      expect(history.events).toContainEqual(expect.objectContaining({ rule: 'L16', what: expect.stringMatching(/turned 18/) }));
    });
  } finally {
    await t.done();
  }
}, 1_500_000);

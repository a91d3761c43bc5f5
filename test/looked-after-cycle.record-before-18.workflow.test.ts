/**
 * L16 with historic dates: a young person who came into care at 16 years 7 months in January 2025
 * and turned 18 on 1 June 2026, entered in the system only now (the server's clock is today). The
 * cycle is a record of the past: it stays open while a review due before the 18th birthday is still
 * to be recorded (the pathway plan owed meanwhile), then ends on the birthday itself, and the last
 * review's follow-up still runs.
 */
import { eighteenNow } from '../workflows/looked-after-cycle/at-once';
import { Harness, caseTeam, freshServerPerTest } from './support/cycle-harness';
import { calendar, cycle, held, statutory } from './support/cycle-model';

describe('L16 the 18th birthday, for a cycle entered before it and one entered after it', () => {
  const adultOn = '2026-06-01';
  test.each([
    ['entered before the birthday: ends on it, whatever is open', '2026-01-05', cycle(), true],
    ['entered after it, a review due before it still open: runs on', '2026-11-24', cycle(), false],
    ['entered after it, the open review due after it: ends', '2026-11-24', cycle(held({ heldOn: '2026-05-20' })), true],
    ['older cycles (no entry date): end on it', undefined, cycle(), true],
  ] as const)('L16 %s', (_name, enteredOn, m, ends) => {
    m.enteredOn = enteredOn;
    expect(eighteenNow(m, '2026-11-24', adultOn, statutory, calendar, () => true)).toBe(ends);
    expect(eighteenNow(m, '2026-05-31', adultOn, statutory, calendar, () => true)).toBe(false);
  });
});

let h: Harness;
freshServerPerTest((x) => {
  h = x;
});

test('L16 a period of care that ended at 18 before it was entered: its reviews are recorded, then it ends on the birthday', async () => {
  const t = await caseTeam(h, 'record-before-18');
  try {
    await t.worker.runUntil(async () => {
      const id = await t.comeIntoCare({ becameLookedAfter: '2025-01-06', dateOfBirth: '2008-06-01', iroUnitNotifiedOn: '2025-01-06' });
      const url = `/api/looked-after-cycles/${id}`;
      await t.staff.iroUnit.post(`${url}/iro`).send({ staffId: 'iro-1', on: '2025-01-07' });
      const first = await t.state(id);
      expect(first.status).toBe('active');
      // L16: over 16 years 3 months on coming into care: the pathway plan is owed by the first review.
      expect(first.obligations.find((o) => o.key === 'pathway-plan')).toMatchObject({ rule: 'L16', due: '2025-02-03' });
      const held: string[] = [];
      for (const heldOn of ['2025-01-30', '2025-04-24', '2025-10-16', '2026-04-09']) {
        const r = await t.holdReview(id, { heldOn, participation: 'PN1' });
        expect([heldOn, r.status, r.body.review?.onTime]).toEqual([heldOn, 201, true]);
        held.push(heldOn);
        await t.settle();
      }
      // The next review would have fallen after the 18th birthday: looked-after status ended on it.
      const ended = await t.state(id);
      expect([ended.status, ended.ended?.on]).toEqual(['ended-at-18', '2026-06-01']);
      expect(ended.reviewsHeld.map((r) => r.heldOn)).toEqual(held);
      expect(ended.obligations.every((o) => /^r\d+\//.test(o.key) && !o.key.startsWith('r5/'))).toBe(true);
      const refused = await t.holdReview(id, { heldOn: '2026-10-01', participation: 'PN1' });
      expect([refused.status, refused.body.error?.rule]).toEqual([409, 'L13']);
    });
  } finally {
    await t.done();
  }
});

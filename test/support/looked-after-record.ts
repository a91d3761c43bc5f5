/**
 * A realistic statutory record for the reports and returns tests: ~30 periods of care with their
 * `looked-after/started`, `review-held`, `review-due` and `ended` facts (children of every age,
 * under 4 with PN0, reviews on time and late, one missed at the year's end, cycles ended, several
 * teams, legal statuses and placements), generated deterministically. Ids only, no names.
 */
import { builtInCalendar } from '../../data/reference-data';
import { IsoDate, addDays, addMonths, addYears } from '../../workflows/calendar/iso-date';
import { ageOn } from '../../workflows/looked-after-cycle/model';
import type { Fact, LookedAfterEndedData, LookedAfterStartedData, ReviewDueData, ReviewHeldData } from '../../workflows/record/facts';

const cal = builtInCalendar();
const TEAMS = ['north-1', 'south-2', 'east-3'];
/** SSDA903 legal statuses (not V3/V4: short breaks are not periods of care here) and placements. */
const LEGAL = ['C2', 'C1', 'E1', 'J2', 'V2', 'L1'];
const PLACEMENTS = ['U1', 'U4', 'U6', 'K2', 'R1', 'P1', 'U3'];
const TOOK_PART = ['PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6', 'PN7'];

export interface GeneratedChild {
  childId: string;
  caseId: string;
  team: string;
  started: LookedAfterStartedData;
  reviews: ReviewHeldData[];
  open?: ReviewDueData;
  ended?: { on: IsoDate } & LookedAfterEndedData;
}

/** L2/L3: the first review within 20 working days, the second 3 months after, then every 6 months. */
function nextDue(becameLookedAfter: IsoDate, n: number, lastHeld?: IsoDate): IsoDate {
  if (n === 1) return cal.addWorkingDays(becameLookedAfter, 20);
  return addMonths(lastHeld!, n === 2 ? 3 : 6);
}

/** `today`: the record as it stands on this day (reviews after it are not held yet). */
export function generateChildren(count = 30, today: IsoDate = '2025-05-15'): GeneratedChild[] {
  let seed = 903;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  return Array.from({ length: count }, (_, i) => {
    const childId = `C${String(1001 + i)}`;
    const caseId = `lac-${String(i).padStart(24, '0')}`;
    const team = TEAMS[i % TEAMS.length];
    const becameLookedAfter = addDays('2023-01-09', 25 * i + rand(20));
    // Every seventh period of care ends (before the year, in it or after it); every ninth child
    // misses a review from December 2024; child 10's review due in January 2025 is held in April, late.
    const end = i % 7 === 5 ? addDays(becameLookedAfter, 200 + rand(300)) : undefined;
    const endsOn = end !== undefined && end <= today ? end : undefined;
    const held: { n: number; due: IsoDate; heldOn: IsoDate }[] = [];
    let open: ReviewDueData | undefined;
    for (let n = 1; ; n++) {
      const due = nextDue(becameLookedAfter, n, held[held.length - 1]?.heldOn);
      if (endsOn !== undefined && due >= endsOn) break;
      const missed = i % 9 === 0 && due >= '2024-12-01';
      const lateBy = i === 10 && due >= '2025-01-01' && due <= '2025-03-31' ? 75 : rand(10) === 0 ? 5 + rand(20) : 0;
      const heldOn = lateBy ? addDays(due, lateBy) : addDays(due, -rand(10));
      if (missed || heldOn > today) {
        open = { reviewNumber: n, due, statutoryDue: due };
        break;
      }
      held.push({ n, due, heldOn });
    }
    // Ages at coming into care from a few weeks to 16; child 3 turns 4 on the day of a review in 2024-25.
    const birthday = held.find((h) => h.heldOn >= '2024-04-01' && h.heldOn <= '2025-03-31')?.heldOn;
    const dateOfBirth = i === 3 && birthday ? addYears(birthday, -4) : addDays(becameLookedAfter, -(40 + ((i * 2311) % 6000)));
    const started: LookedAfterStartedData = {
      becameLookedAfter,
      dateOfBirth,
      legalStatus: LEGAL[i % LEGAL.length],
      placementType: PLACEMENTS[rand(PLACEMENTS.length)],
      placementStartedOn: becameLookedAfter,
      profileId: 'statutory',
    };
    const reviews = held.map(({ n, due, heldOn }): ReviewHeldData => {
      const age = ageOn(dateOfBirth, heldOn);
      return {
        reviewNumber: n,
        heldOn,
        due,
        onTime: heldOn <= due,
        lateForIndicator: heldOn > due,
        participation: age < 4 ? 'PN0' : TOOK_PART[rand(TOOK_PART.length)],
        ageAtReview: age,
        withMeeting: true,
        chair: { staffId: `iro-${1 + (i % 4)}`, as: 'allocated-iro' },
      };
    });
    return {
      childId,
      caseId,
      team,
      started,
      reviews,
      ...(open ? { open } : {}),
      ...(endsOn ? { ended: { on: endsOn, status: 'ceased' as const, reason: 'returned home' } } : {}),
    };
  });
}

/** The facts a cycle writes for each child, in a plausible written order. */
export function factsOf(children: GeneratedChild[]): Fact[] {
  return children.flatMap((c) => {
    const base = { caseId: c.caseId, caseKind: 'looked-after' as const, childId: c.childId, team: c.team };
    const facts: Fact[] = [
      { ...base, key: `${c.caseId}/started`, type: 'looked-after/started', on: c.started.becameLookedAfter, data: { ...c.started } },
    ];
    for (const r of c.reviews) {
      facts.push({
        ...base,
        key: `${c.caseId}/review/${r.reviewNumber}/due`,
        type: 'looked-after/review-due',
        on: r.due,
        data: { reviewNumber: r.reviewNumber, due: r.due, statutoryDue: r.due },
      });
      facts.push({
        ...base,
        key: `${c.caseId}/review/${r.reviewNumber}/held`,
        type: 'looked-after/review-held',
        on: r.heldOn,
        data: { ...r },
      });
    }
    if (c.open)
      facts.push({
        ...base,
        key: `${c.caseId}/review/${c.open.reviewNumber}/due`,
        type: 'looked-after/review-due',
        on: c.open.due,
        data: { ...c.open },
      });
    if (c.ended)
      facts.push({
        ...base,
        key: `${c.caseId}/ended`,
        type: 'looked-after/ended',
        on: c.ended.on,
        data: { status: c.ended.status, reason: c.ended.reason },
      });
    return facts;
  });
}

/** A short-breaks series' review (an Open to Review case): never part of the looked-after return. */
export const shortBreaksReview: Fact = {
  key: 'sbs-000000000000000000000001/review/1/held',
  caseId: 'sbs-000000000000000000000001',
  caseKind: 'open-to-review',
  type: 'open-to-review/review-held',
  on: '2024-09-10',
  childId: 'C9001',
  team: 'north-1',
  data: { reviewNumber: 1, heldOn: '2024-09-10', participation: 'PN1' },
};

/**
 * What each of a looked-after cycle's obligations was counted from, and by which interval of the
 * cycle's profile (rules.md L1, L7-L12, L14, L16, L21, L22; obligations.ts and its parts compute the
 * same dates): the case page says it in words through countedFrom. A decision's date was set by the
 * review that made it, not counted.
 */
import { IsoDate, addMonths, addYears } from '../../../workflows/calendar/iso-date';
import { WorkingDayCalendar } from '../../../workflows/calendar/working-day-calendar';
import { disputeTimescales } from '../../../workflows/dispute/stages';
import { firstPlacementOn } from '../../../workflows/looked-after-cycle/care-planning';
import { AfterMeetingTask, PreMeetingTask } from '../../../workflows/looked-after-cycle/codes';
import { CycleState } from '../../../workflows/looked-after-cycle/messages';
import { Obligation } from '../../../workflows/looked-after-cycle/obligations';
import { Interval } from '../../../workflows/timescales/interval';
import { LookedAfterReviewTimescales, PolicyProfile } from '../../../workflows/timescales/policy-profile';
import { day } from './case-view';
import { Basis, countedFrom, setBy } from './counting';

type Key = keyof LookedAfterReviewTimescales;
const PRE: Record<PreMeetingTask, Key> = {
  'consult-child': 'consultChildBefore',
  invitations: 'invitationsBefore',
  'reports-to-iro': 'reportsToIroBefore',
  'iro-speaks-with-child': 'iroSpeaksWithChildBefore',
};
const AFTER: Record<AfterMeetingTask, Key> = {
  'decisions-circulated': 'decisionsCirculated',
  'care-plan-updated': 'carePlanUpdated',
  'full-record': 'fullRecord',
  'copies-to-participants': 'copiesToParticipants',
};

/** The open review's due date: counted from its base (L2-L5), or brought forward (L6), or before a planned end (L20). */
function reviewBasis(s: CycleState): Basis | string {
  const n = s.nextReview;
  if (n.broughtForward && s.open.bringForward)
    return `Brought forward (L6) on ${day(s.open.bringForward.requestedOn)} to be held by this date; otherwise due by ${day(n.broughtForward.statutoryDue)}`;
  if (n.beforePlannedEnd) return `The day before care is planned to end (${day(n.beforePlannedEnd.endsOn)}, L20)`;
  const interval: Interval = Object.fromEntries(n.counting.map((c) => [c.unit, Math.abs(c.n)]));
  return { base: n.base, event: n.baseEvent, interval };
}

/** Where `o` counts from, as a basis or (for a date a person set) a sentence. */
export function basisOf(s: CycleState, o: Obligation, profile: PolicyProfile | undefined): Basis | string | undefined {
  const t: Partial<LookedAfterReviewTimescales> = profile?.lookedAfterReview ?? {};
  const at = (k: Key | undefined) => (k ? (t[k] as Interval | undefined) : undefined);
  const m = /^r(\d+)\/(.+)$/.exec(o.key);
  if (m) {
    const n = Number(m[1]);
    const task = m[2];
    const held = s.reviewsHeld.find((h) => h.reviewNumber === n);
    if (held) {
      const wasHeld = { base: held.heldOn, event: `the day review ${n} was held` };
      if (task in AFTER) return { ...wasHeld, interval: at(AFTER[task as AfterMeetingTask]) };
      if (task.startsWith('outcome-to-')) return { ...wasHeld, interval: at('decisionsCirculated') };
      if (/^decision-\d+$/.test(task)) return setBy(`review ${n}`, held.heldOn);
      const circulated = held.after['decisions-circulated'];
      if (task === 'team-manager-response' && circulated)
        return { base: circulated, event: `the day review ${n}’s decisions were circulated`, interval: at('teamManagerConsiders') };
      if (task === 'disagreement' && held.teamManager)
        return {
          base: held.teamManager.on,
          event: 'the day the team manager disagreed',
          interval: disputeTimescales(profile?.resolutionAndEscalation).informal,
        };
      if (task === 'starred-agreement' && held.starred?.concern)
        return { base: held.starred.concern.on, event: 'the day the concern was raised', interval: { workingDays: 10 } };
      return wasHeld;
    }
    if (n === s.open.number) {
      if (task === 'review') return reviewBasis(s);
      const meeting = s.open.booking?.meetingOn;
      if (task in PRE && meeting)
        return { base: meeting, event: `the meeting booked for review ${n}`, interval: at(PRE[task as PreMeetingTask]) };
      if (task === 'resume' && s.open.adjournment)
        return {
          base: s.open.adjournment.on,
          event: 'the day the meeting was adjourned',
          then: 'the date the IRO set, at most 20 working days (L12)',
        };
      if (task === 'booking') {
        const target = [s.nextReview.bookBy, s.nextReview.due].find((d): d is IsoDate => !!d && d > o.due) ?? s.nextReview.due;
        const event = target === s.nextReview.due ? `the day review ${n} is due` : `the date review ${n} is ideally booked for`;
        return { base: target, event, interval: { workingDays: 10 } };
      }
    }
    return undefined;
  }
  const cameIntoCare = { base: s.becameLookedAfter, event: 'the day the child became looked after' };
  if (o.key === 'appoint-iro') return { ...cameIntoCare, interval: at('appointIro') };
  if (o.key === 'annual-meeting') {
    const last = [...s.reviewsHeld].reverse().find((h) => h.withMeeting);
    return last && { base: last.heldOn, event: `the last review with a meeting (review ${last.reviewNumber})`, interval: { months: 12 } };
  }
  if (o.key === 'pathway-plan') {
    const sixteen = addYears(s.child.dateOfBirth, 16);
    return addMonths(sixteen, 3) === o.due
      ? { base: sixteen, event: 'the 16th birthday', interval: { months: 3 } }
      : { ...cameIntoCare, interval: at('firstReview') };
  }
  if (o.key === 'care-plan')
    return { base: firstPlacementOn(s), event: 'the day the first placement started', interval: at('carePlanAfterFirstPlacement') };
  const placement = /^placement-plan\/(\d{4}-\d{2}-\d{2})$/.exec(o.key)?.[1];
  if (placement) return { base: placement, event: 'the day the placement started', interval: at('placementPlanAfterPlacement') };
  if (o.key.startsWith('pep/')) {
    const last = s.carePlanning?.peps?.at(-1);
    return last
      ? { base: last, event: 'the last personal education plan', interval: t.personalEducationPlanReview ?? { months: 6 } }
      : { ...cameIntoCare, interval: at('personalEducationPlan') };
  }
  if (o.key === 'health-plan') {
    const meeting = s.open.booking?.meetingOn;
    return meeting
      ? { base: meeting, event: 'the first review’s meeting', interval: at('healthPlanBeforeFirstReview') }
      : { base: s.nextReview.due, event: 'the day the first review is due', interval: at('healthPlanBeforeFirstReview') };
  }
  return undefined;
}

/** The counting in words for `o` (empty if its base is not known). */
export function countingOf(s: CycleState, o: Obligation, profile: PolicyProfile | undefined, cal: WorkingDayCalendar): string {
  const b = basisOf(s, o, profile);
  if (b === undefined) return '';
  return typeof b === 'string' ? b : countedFrom(cal, b, o.due);
}

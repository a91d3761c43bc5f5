/**
 * L14: reviews without a meeting (long-term foster care) still need a meeting at least once every 12
 * months; L16: the pathway plan. Pure, part of obligations.ts.
 */
import { IsoDate, addMonths } from '../calendar/iso-date';
import { WorkingDayCalendar } from '../calendar/working-day-calendar';
import { deadlineAfter, deadlineBefore } from '../timescales/interval';
import { PolicyProfile } from '../timescales/policy-profile';
import type { TaskShape } from './after-the-meeting';
import { CycleModel, pathwayPlanDue } from './model';
import { DEFAULT_NUDGES, Obligation, Recipient } from './obligations';

export function annualMeetingAndPathwayPlan(
  model: CycleModel,
  profile: PolicyProfile,
  calendar: WorkingDayCalendar,
  task: TaskShape,
  legacy: boolean,
): Obligation[] {
  const t = profile.lookedAfterReview;
  const out: Obligation[] = [];
  const after = (d: IsoDate) => calendar.addWorkingDays(d, 1);
  const before = (d: IsoDate, i: Parameters<typeof deadlineBefore>[2]) => deadlineBefore(calendar, d, i).date;
  const escalateOn = (d: IsoDate) => deadlineAfter(calendar, d, DEFAULT_NUDGES.escalateAfter).date;
  const iroSide: Recipient[] = model.iro ? ['iro-unit', 'iro'] : ['iro-unit'];

  // L14: reviews without a meeting still need a meeting at least once every 12 months.
  const lastMeeting = [...model.reviewsHeld].reverse().find((h) => h.withMeeting);
  if (!legacy && lastMeeting && model.reviewsHeld.some((h) => !h.withMeeting && h.heldOn > lastMeeting.heldOn)) {
    const meetingDue = addMonths(lastMeeting.heldOn, 12);
    const key = 'annual-meeting';
    out.push({
      key,
      rule: 'L14',
      what: `hold a review meeting (at least once every 12 months; last meeting ${lastMeeting.heldOn})`,
      owner: 'iro',
      due: meetingDue,
      actions: [
        { id: `${key}/${meetingDue}/due-soon`, on: before(meetingDue, profile.reminders.reviewDueSoon), kind: 'reminder', to: iroSide },
        { id: `${key}/${meetingDue}/overdue`, on: after(meetingDue), kind: 'overdue', to: iroSide },
        {
          id: `${key}/${meetingDue}/escalation`,
          on: escalateOn(meetingDue),
          kind: 'escalation',
          to: ['iro-unit-manager', 'service-manager'],
        },
      ],
    });
  }

  // L16: pathway plan within 3 months of the 16th birthday; a young person who came into care after
  // 16 years 3 months owes it by the first review, never by a date before they came into care.
  const pathwayDue = pathwayPlanDue(model.child.dateOfBirth);
  const lateEntry = pathwayDue < model.becameLookedAfter;
  if (!model.pathwayPlanOn && (!lateEntry || !legacy)) {
    const owedBy = lateEntry ? deadlineAfter(calendar, model.becameLookedAfter, t.firstReview).date : pathwayDue;
    const o = task(
      'pathway-plan',
      'L16',
      lateEntry
        ? 'pathway plan in place (came into care after 16 years 3 months: by the first review)'
        : 'pathway plan in place (within 3 months of the 16th birthday)',
      'social-worker',
      owedBy,
      model.becameLookedAfter,
    );
    const remindOn = before(owedBy, DEFAULT_NUDGES.pathwayPlanReminder);
    if (remindOn > model.becameLookedAfter || !lateEntry)
      o.actions = [{ id: `pathway-plan/${owedBy}/early`, on: remindOn, kind: 'reminder', to: ['social-worker'] }, ...o.actions];
    out.push(o);
  }

  return out;
}

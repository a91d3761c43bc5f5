/**
 * Everything still owed in a looked-after review cycle, with who owes it, by when, and which
 * reminders and escalations fall on which days (rules.md L1-L16). Pure: the workflow recomputes
 * this whenever anything changes (a booking moved, a task done, a newly proclaimed bank holiday)
 * and sleeps until the next action's morning.
 */
import { IsoDate, addDays } from '../calendar/iso-date';
import { WorkingDayCalendar } from '../calendar/working-day-calendar';
import { CycleModel, agendaFor, followsUpAfterEnding } from './model';
import { afterMeetings } from './after-the-meeting';
import { beforeTheMeeting } from './before-the-meeting';
import { annualMeetingAndPathwayPlan } from './annual-meeting-and-pathway-plan';
import { carePlanning } from './care-planning';
import { reviewFollowUp } from './review-follow-up';
import { Interval, deadlineAfter, deadlineBefore } from '../timescales/interval';
import { PolicyProfile } from '../timescales/policy-profile';
import { NextReview, nextReviewDue } from '../timescales/review-due-dates';

/** Addresses, not people: who fills each is looked up when the notification is sent; `user:` a named person (L9 decision owner). */
export type Recipient = Role | `user:${string}`;
type Role =
  | 'iro-unit'
  | 'iro-unit-manager'
  | 'iro'
  | 'social-worker'
  | 'team-manager'
  | 'service-manager'
  | 'principal-manager'
  | 'strategic-manager';

/** Whom an owner's overdue work is escalated to. */
export const MANAGER_OF: Record<Role, Recipient> = {
  'iro-unit': 'iro-unit-manager',
  'iro-unit-manager': 'service-manager',
  iro: 'iro-unit-manager',
  'social-worker': 'team-manager',
  'team-manager': 'service-manager',
  'service-manager': 'strategic-manager',
  'principal-manager': 'strategic-manager',
  'strategic-manager': 'strategic-manager',
};

/** A named person's manager is taken to be the child's team manager (the cycle knows no other). */
export const managerOf = (r: Recipient): Recipient => (r.startsWith('user:') ? 'team-manager' : MANAGER_OF[r as Role]);

export type ActionKind = 'reminder' | 'overdue' | 'escalation' | 'booked-too-late' | 'prompt' | 'deemed-agreed' | 'open-dispute';

export interface Action {
  /** Stable: the same action is never sent twice, across retries, replays and continue-as-new. */
  id: string;
  on: IsoDate;
  kind: ActionKind;
  to: Recipient[];
}

export interface Obligation {
  /** e.g. "r2/invitations", "r1/full-record", "appoint-iro": also what the API completes. */
  key: string;
  rule: string;
  what: string;
  owner: Recipient;
  due: IsoDate;
  actions: Action[];
}

/** Defaults where a profile says nothing (per-authority settings, in working days). */
export const DEFAULT_NUDGES = {
  /** L7: not booked this long before the due date: a reminder to the IRO... */
  notBookedReminder: { workingDays: 15 },
  /** ...and this long before: escalation to the IRO unit. */
  notBookedEscalation: { workingDays: 10 },
  /** A task's reminder this long before its deadline. */
  taskReminder: { workingDays: 2 },
  /** Overdue work goes to the owner's manager this long after the deadline. */
  escalateAfter: { workingDays: 3 },
  /** L16: the pathway plan reminder this long before it is due. */
  pathwayPlanReminder: { workingDays: 20 },
} satisfies Record<string, Interval>;

export interface ReviewDue extends NextReview {
  /** L6: a bring-forward request made the review due earlier than the statutory date. */
  broughtForward?: { reason: string; statutoryDue: IsoDate };
  /** L20: a planned end of care made the review due before it. */
  beforePlannedEnd?: { kind: string; endsOn: IsoDate; statutoryDue: IsoDate };
}

/** The open review's due date: the statutory one (L2-L5), or earlier if brought forward (L6). */
export function openReviewDue(model: CycleModel, profile: PolicyProfile, calendar: WorkingDayCalendar): ReviewDue {
  const n = nextReviewDue(
    {
      becameLookedAfter: model.becameLookedAfter,
      held: model.reviewsHeld.map((r) => r.heldOn),
      placementChanges: model.placementChanges.map((c) => c.on),
    },
    profile,
    calendar,
  );
  const bf = model.open.bringForward;
  // L20: a review before care ends as planned, unless one has been held since it was planned.
  const end = model.plannedEnd;
  const heldSince = end && model.reviewsHeld.some((h) => h.heldOn >= end.recordedOn);
  const beforeEnd = end && !heldSince ? addDays(end.on, -1) : undefined;
  if (beforeEnd && beforeEnd < n.due && !(bf && bf.dueBy <= beforeEnd)) {
    return {
      ...n,
      due: beforeEnd,
      rule: 'L20' as NextReview['rule'],
      ruleText: `review before care ends (${end!.kind}) on ${end!.on}`,
      beforePlannedEnd: { kind: end!.kind, endsOn: end!.on, statutoryDue: n.due },
    };
  }
  if (bf && bf.dueBy < n.due) {
    return {
      ...n,
      due: bf.dueBy,
      rule: 'L6' as NextReview['rule'],
      ruleText: `review brought forward (${bf.reason}) to be held by ${bf.dueBy}`,
      broughtForward: { reason: bf.reason, statutoryDue: n.due },
    };
  }
  return n;
}

/**
 * `legacy`: a run that started on code from before these rules were corrected (patched in the
 * workflow) keeps the old dates and sends, so its history still replays.
 */
export function obligations(model: CycleModel, profile: PolicyProfile, calendar: WorkingDayCalendar, legacy = false): Obligation[] {
  // L13: ceasing cancels the review to come and its preparation; reviews already held are followed up.
  if (model.status !== 'active' && (legacy || !followsUpAfterEnding(model))) return [];
  const t = profile.lookedAfterReview;
  const after = (d: IsoDate, n = 1) => calendar.addWorkingDays(d, n);
  const before = (d: IsoDate, i: Interval) => deadlineBefore(calendar, d, i).date;
  const escalateOn = (d: IsoDate) => deadlineAfter(calendar, d, DEFAULT_NUDGES.escalateAfter).date;
  const out: Obligation[] = [];

  /** The usual shape: a reminder ahead, overdue the working day after, then the owner's manager. */
  const task = (
    key: string,
    rule: string,
    what: string,
    owner: Recipient,
    due: IsoDate,
    from: IsoDate,
    extra: Action[] = [],
  ): Obligation => {
    const remindOn = before(due, DEFAULT_NUDGES.taskReminder);
    const actions: Action[] = [];
    if (remindOn > from) actions.push({ id: `${key}/${due}/reminder`, on: remindOn, kind: 'reminder', to: [owner] });
    actions.push({ id: `${key}/${due}/overdue`, on: after(due), kind: 'overdue', to: [owner] });
    actions.push({ id: `${key}/${due}/escalation`, on: escalateOn(due), kind: 'escalation', to: [managerOf(owner)] });
    return { key, rule, what, owner, due, actions: [...actions, ...extra] };
  };

  // L13: what is owed after the reviews already held, which ceasing does not cancel.
  const follow = {
    afterMeetings: afterMeetings(model, profile, calendar, task, after),
    ofReviews: reviewFollowUp(model, profile, calendar, task, after),
  };
  if (model.status !== 'active') return [...follow.afterMeetings, ...follow.ofReviews];

  // L1: an IRO appointed within the set time, or the IRO unit manager hears of it.
  if (!model.iro) {
    const due = deadlineAfter(calendar, model.becameLookedAfter, t.appointIro).date;
    out.push({
      key: 'appoint-iro',
      rule: 'L1',
      what: 'appoint an IRO for the child',
      owner: 'iro-unit',
      due,
      actions: [{ id: `appoint-iro/${due}/overdue`, on: after(due), kind: 'overdue', to: ['iro-unit-manager', 'iro-unit'] }],
    });
  }

  // L2-L6: the open review itself.
  const open = model.open;
  const r = `r${open.number}`;
  const due = openReviewDue(model, profile, calendar);
  const iroSide: Recipient[] = model.iro ? ['iro-unit', 'iro'] : ['iro-unit'];
  const adjournedInTime = open.adjournment && open.adjournment.on <= due.due;
  const reviewActions: Action[] = [];
  if (!open.booking)
    reviewActions.push({
      id: `${r}/review/${due.due}/due-soon`,
      on: before(due.due, profile.reminders.reviewDueSoon),
      kind: 'reminder',
      to: iroSide,
    });
  if (!adjournedInTime) {
    reviewActions.push({ id: `${r}/review/${due.due}/overdue`, on: after(due.due), kind: 'overdue', to: iroSide });
    reviewActions.push({
      id: `${r}/review/${due.due}/escalation`,
      on: escalateOn(due.due),
      kind: 'escalation',
      to: ['iro-unit-manager', 'service-manager'],
    });
  }
  out.push({
    key: `${r}/review`,
    rule: due.rule,
    what: `hold review ${open.number} (${due.ruleText})`,
    owner: 'iro',
    due: due.due,
    actions: reviewActions,
  });

  // L7: booked in good time, or a reminder to the IRO, then the IRO unit. Stoke books later reviews
  // for about 5 months: its reminders count back from that date, not the deadline.
  if (!open.booking) {
    // (Brought forward or before a planned end, the earlier date wins; running cycles from before kept the 5 months.)
    const ideal = due.bookBy && (model.legacy?.dates || due.bookBy < due.due) ? due.bookBy : due.due;
    const target = !legacy ? ideal : due.due;
    const bookBy = before(target, DEFAULT_NUDGES.notBookedEscalation);
    out.push({
      key: `${r}/booking`,
      rule: 'L7',
      what: `book review ${open.number} (date, time and venue${target !== due.due ? `; ideally for ${target}` : ''})`,
      owner: 'iro',
      due: bookBy,
      actions: [
        {
          id: `${r}/booking/${target}/reminder`,
          on: before(target, DEFAULT_NUDGES.notBookedReminder),
          kind: 'reminder',
          to: model.iro ? ['iro'] : ['iro-unit'],
        },
        { id: `${r}/booking/${target}/escalation`, on: bookBy, kind: 'escalation', to: ['iro-unit'] },
      ],
    });
  }

  // L8: before the meeting (a meeting booked too late for a task says so at once); L12: an adjourned meeting resumes by its date.
  out.push(...beforeTheMeeting(model, profile, calendar, task));

  // L9-L10: after each meeting, until every task is done.
  out.push(...follow.afterMeetings);

  // L14 the yearly meeting; L16 the pathway plan.
  out.push(...annualMeetingAndPathwayPlan(model, profile, calendar, task, legacy));
  // L22: the care plan, placement plans and PEPs (profiles that set their timescales; never an older run).
  if (!legacy) out.push(...carePlanning(model, profile, calendar, task, open.booking?.meetingOn ?? due.due));

  // L9 decisions (each with its owner), L10 informal resolution, L21 outcome to those who did not attend.
  out.push(...follow.ofReviews);
  return out;
}

/** The next review's agenda prompts (L15-L16), for the state and the invitations. */
export function openAgenda(model: CycleModel, profile: PolicyProfile, calendar: WorkingDayCalendar) {
  const on = model.open.booking?.meetingOn ?? openReviewDue(model, profile, calendar).due;
  return agendaFor(model, model.open.number, on);
}

/** Obligations staff complete through completeTask; the review itself, booking and L10 have their own commands. */
export function isCompletable(o: Obligation): boolean {
  return (
    !/\/(review|booking|resume|team-manager-response|starred-agreement|disagreement)$/.test(o.key) &&
    !['appoint-iro', 'annual-meeting'].includes(o.key)
  );
}

/**
 * What is owed after a review beyond the record (002 §6, §12-§13, §17(7)-(9); 004 §7.12): each
 * decision chased with its named owner (L9), a team manager's disagreement settled informally
 * within the authority's time or taken to a dispute (L10), and a child or parent who did not
 * attend told the outcome in writing with a face-to-face meeting offered (L21). Pure, part of
 * obligations.ts.
 */
import { IsoDate } from '../calendar/iso-date';
import { WorkingDayCalendar } from '../calendar/working-day-calendar';
import { STAFF_ID } from '../case-kernel/validation';
import { disputeTimescales } from '../dispute/stages';
import { deadlineAfter } from '../timescales/interval';
import { PolicyProfile } from '../timescales/policy-profile';
import { CycleModel, HeldReview, NON_ATTENDEES } from './model';
import type { Action, Obligation, Recipient } from './obligations';

type Task = (key: string, rule: string, what: string, owner: Recipient, due: IsoDate, from: IsoDate, extra?: Action[]) => Obligation;

const ROLES: Recipient[] = [
  'iro-unit',
  'iro-unit-manager',
  'iro',
  'social-worker',
  'team-manager',
  'service-manager',
  'principal-manager',
  'strategic-manager',
];

/**
 * L9, L10: a decision's owner (or an attendee) as the cycle addresses it: a role by name ("IRO", "social worker"), the
 * cycle's own IRO or social worker by staff id (so their manager is known), any other staff id as
 * that person; a description that is neither ("the carers") is chased through the social worker.
 */
export function recipientOf(owner: string, model: Pick<CycleModel, 'iro' | 'socialWorker'>): Recipient {
  const o = owner.trim();
  const asRole = o.toLowerCase().replace(/[\s_]+/g, '-');
  if ((ROLES as string[]).includes(asRole)) return asRole as Recipient;
  if (model.iro?.staffId === o) return 'iro';
  if (model.socialWorker?.staffId === o) return 'social-worker';
  return STAFF_ID.test(o) && !/\s/.test(o) ? `user:${o}` : 'social-worker';
}

/** L9: each decision not yet done, chased with its owner and escalated to their manager. */
function decisions(model: CycleModel, h: HeldReview, task: Task, after: (d: IsoDate) => IsoDate): Obligation[] {
  const out: Obligation[] = [];
  h.decisions.forEach((d, i) => {
    if (d.doneOn) return;
    const key = `r${h.reviewNumber}/decision-${i + 1}`;
    if (model.legacy?.decisionOwners) {
      // As running cycles chased it before owners were read.
      out.push({
        key,
        rule: 'L9',
        what: `review decision: ${d.text}`,
        owner: 'social-worker',
        due: d.dueOn,
        actions: [{ id: `${key}/${d.dueOn}/overdue`, on: after(d.dueOn), kind: 'overdue', to: ['social-worker', 'iro'] }],
      });
      return;
    }
    const owner = recipientOf(d.owner, model);
    const o = task(key, 'L9', `review decision (${d.owner}): ${d.text}`, owner, d.dueOn, h.heldOn);
    // The IRO monitors the decisions (002 §14): copied on the overdue notice.
    o.actions = o.actions.map((a) => (a.kind === 'overdue' && owner !== 'iro' ? { ...a, to: [owner, 'iro'] } : a));
    out.push(o);
  });
  return out;
}

/** L10: the IRO has the authority's informal-resolution time (section C's informal stage), then settles it or opens a dispute. */
function informalResolution(model: CycleModel, h: HeldReview, profile: PolicyProfile, calendar: WorkingDayCalendar, task: Task) {
  if (model.legacy?.disagreement || h.disagreement?.status !== 'informal' || h.teamManager?.response !== 'disagreed') return [];
  const due = deadlineAfter(calendar, h.teamManager.on, disputeTimescales(profile.resolutionAndEscalation).informal).date;
  const key = `r${h.reviewNumber}/disagreement`;
  const o = task(
    key,
    'L10',
    `settle the team manager's disagreement with review ${h.reviewNumber}'s decisions informally, or open a dispute`,
    'iro',
    due,
    h.teamManager.on,
  );
  // When the informal time is up the IRO is prompted to decide (settled, or a dispute), then chased.
  o.actions = o.actions.map((a) => (a.kind === 'overdue' ? { ...a, kind: 'prompt' as const } : a));
  return [o];
}

/** L21: the IRO writes to a child or parent who did not attend, with the outcome and an offer to meet. */
function outcomeToNonAttendees(h: HeldReview, profile: PolicyProfile, calendar: WorkingDayCalendar, task: Task): Obligation[] {
  const due = deadlineAfter(calendar, h.heldOn, profile.lookedAfterReview.decisionsCirculated).date;
  return NON_ATTENDEES.filter((who) => h.notAttending?.includes(who) && !h.toldOfOutcome?.[who]).map((who) =>
    task(
      `r${h.reviewNumber}/outcome-to-${who}`,
      'L21',
      `write to the ${who} (did not attend review ${h.reviewNumber}) with the outcome, and offer a face-to-face meeting`,
      'iro',
      due,
      h.heldOn,
    ),
  );
}

export function reviewFollowUp(
  model: CycleModel,
  profile: PolicyProfile,
  calendar: WorkingDayCalendar,
  task: Task,
  after: (d: IsoDate) => IsoDate,
): Obligation[] {
  return model.reviewsHeld.flatMap((h) => [
    ...outcomeToNonAttendees(h, profile, calendar, task),
    ...informalResolution(model, h, profile, calendar, task),
    ...decisions(model, h, task, after),
  ]);
}

/** L1: the social worker's notification to the IRO unit, against the authority's time for it. */
export function iroUnitNotification(model: CycleModel, profile: PolicyProfile, calendar: WorkingDayCalendar) {
  if (!model.iroUnitNotifiedOn) return undefined;
  const due = deadlineAfter(calendar, model.becameLookedAfter, profile.lookedAfterReview.requestFirstReview).date;
  return { rule: 'L1' as const, due, on: model.iroUnitNotifiedOn, late: model.iroUnitNotifiedOn > due };
}

/** L1: the IRO appointed within the set time (profile `appointIro`), judged with the day of the first appointment. */
export function iroAppointment(model: CycleModel, profile: PolicyProfile, calendar: WorkingDayCalendar) {
  if (!model.iro) return undefined;
  const due = deadlineAfter(calendar, model.becameLookedAfter, profile.lookedAfterReview.appointIro).date;
  const on = model.iro.firstAppointedOn ?? model.iro.appointedOn;
  // Go-live import: the IRO was appointed in the previous system on a day not known, so L1's timing is not judged.
  if (model.imported && on === model.imported.on) return undefined;
  return { rule: 'L1' as const, due, on, late: on > due };
}

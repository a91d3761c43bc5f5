/**
 * What is owed after a review meeting (L9 record, decisions and care plan; L10 the team manager's
 * answer; L11 agreement of starred recommendations). Pure, part of obligations.ts.
 */
import { IsoDate } from '../calendar/iso-date';
import { WorkingDayCalendar } from '../calendar/working-day-calendar';
import { Interval, deadlineAfter } from '../timescales/interval';
import { LookedAfterReviewTimescales, PolicyProfile } from '../timescales/policy-profile';
import { AFTER_MEETING_TASKS, AfterMeetingTask, CycleModel, HeldReview } from './model';
import type { Action, ActionKind, Obligation, Recipient } from './obligations';

const AFTER: Record<AfterMeetingTask, { key: keyof LookedAfterReviewTimescales; what: string; owner: Recipient }> = {
  'decisions-circulated': { key: 'decisionsCirculated', what: 'circulate the review decisions, also to the team manager', owner: 'iro' },
  'care-plan-updated': { key: 'carePlanUpdated', what: 'update the care plan after the review', owner: 'social-worker' },
  'full-record': { key: 'fullRecord', what: 'complete the full record of the review', owner: 'iro' },
  'copies-to-participants': { key: 'copiesToParticipants', what: 'send copies of the record to the participants', owner: 'iro-unit' },
};

export function afterMeeting(
  h: HeldReview,
  profile: PolicyProfile,
  calendar: WorkingDayCalendar,
  task: (key: string, rule: string, what: string, owner: Recipient, due: IsoDate, from: IsoDate, extra?: Action[]) => Obligation,
  after: (d: IsoDate, n?: number) => IsoDate,
): Obligation[] {
  // Go-live import: the record, circulation and answers of a review held before were the previous system's to chase.
  if (h.imported) return [];
  const t = profile.lookedAfterReview;
  const r = `r${h.reviewNumber}`;
  const out: Obligation[] = [];
  for (const name of AFTER_MEETING_TASKS) {
    if (h.after[name]) continue;
    const def = AFTER[name];
    const due = deadlineAfter(calendar, h.heldOn, t[def.key] as Interval).date;
    const extra: { id: string; on: IsoDate; kind: ActionKind; to: Recipient[] }[] = [];
    if (name === 'care-plan-updated' && t.carePlanEscalation) {
      // Stoke: no updated care plan within 28 days, the IRO escalates.
      const by = deadlineAfter(calendar, h.heldOn, t.carePlanEscalation).date;
      extra.push({ id: `${r}/${name}/${by}/iro-escalates`, on: after(by), kind: 'escalation', to: ['iro', 'team-manager'] });
    }
    const o = task(`${r}/${name}`, 'L9', def.what, def.owner, due, h.heldOn, extra);
    out.push(o);
  }
  // L11: a concern about starred recommendations must be agreed within 10 working days, or the IRO registers a dispute.
  const st = h.starred;
  if (st?.concern && !st.agreedOn && !st.disputeToOpen && !st.disputeId) {
    const due = calendar.addWorkingDays(st.concern.on, 10);
    const key = `${r}/starred-agreement`;
    out.push({
      key,
      rule: 'L11',
      what: `agree the starred recommendations of review ${h.reviewNumber} (concern raised ${st.concern.on}; no agreement by ${due}: a dispute is opened)`,
      owner: 'strategic-manager',
      due,
      actions: [
        {
          id: `${key}/${due}/reminder`,
          on: calendar.workingDaysBefore(due, 2),
          kind: 'reminder',
          to: ['principal-manager', 'strategic-manager', 'iro'],
        },
        {
          id: `${key}/${due}/open-dispute`,
          on: notBeforeRecorded(after(due), st.concern.recordedOn, after),
          kind: 'open-dispute',
          to: ['iro', 'principal-manager', 'strategic-manager'],
        },
      ],
    });
  }
  // L10: the team manager has 5 working days from receipt of the decisions; silence is agreement.
  const received = h.after['decisions-circulated'];
  if (received && !h.teamManager) {
    const due = deadlineAfter(calendar, received, t.teamManagerConsiders).date;
    const key = `${r}/team-manager-response`;
    out.push({
      key,
      rule: 'L10',
      what: `consider the decisions of review ${h.reviewNumber} (no response by ${due}: deemed agreed)`,
      owner: 'team-manager',
      due,
      actions: [
        { id: `${key}/${received}/prompt`, on: received, kind: 'prompt', to: ['team-manager'] },
        {
          id: `${key}/${due}/deemed-agreed`,
          on: notBeforeRecorded(after(due), h.circulationRecordedOn, after),
          kind: 'deemed-agreed',
          to: ['iro', 'team-manager'],
        },
      ],
    });
  }
  return out;
}

/**
 * L10, L11: an outcome of silence (deemed agreed, a dispute) whose day passed before the cycle knew
 * of the fact it counts from falls on the working day after that fact was recorded, so what really
 * happened (the answer, the agreement) can be recorded first.
 */
function notBeforeRecorded(on: IsoDate, recordedOn: IsoDate | undefined, after: (d: IsoDate) => IsoDate): IsoDate {
  if (!recordedOn) return on;
  const next = after(recordedOn);
  return next > on ? next : on;
}

export type TaskShape = (
  key: string,
  rule: string,
  what: string,
  owner: Recipient,
  due: IsoDate,
  from: IsoDate,
  extra?: Action[],
) => Obligation;

/** L9-L11 and the decisions: what follows each review held, until done (also after the child ceases to be looked after). */
/** L9-L11 after each review held, until every task is done (the decisions are review-follow-up.ts). */
export function afterMeetings(
  model: CycleModel,
  profile: PolicyProfile,
  calendar: WorkingDayCalendar,
  task: TaskShape,
  after: (d: IsoDate, n?: number) => IsoDate,
): Obligation[] {
  return model.reviewsHeld.flatMap((h) => afterMeeting(h, profile, calendar, task, after));
}

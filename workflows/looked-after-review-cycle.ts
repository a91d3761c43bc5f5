/**
 * One looked-after review cycle per period of care (rules.md section A). This is the walking
 * skeleton: it asks the IRO unit for the first review (L1), keeps the next review's due date
 * (L2-L5) and reminds the IRO unit before it is due and when it is overdue. Each review held
 * continues the workflow as new, so a cycle that runs for 18 years keeps a short history.
 */
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import { calendarUpdated } from './calendar/calendar-updated';
import { IsoDate, isIsoDate } from './calendar/iso-date';
import { londonDate, londonTime } from './calendar/office-hours';
import { CalendarSnapshot, WorkingDayCalendar } from './calendar/working-day-calendar';
import {
  CycleStart,
  CycleState,
  HeldReview,
  ReminderSent,
  cycleStateQuery,
  recordReviewHeld,
} from './looked-after-review-messages';
import { NEXT_DUE } from './search-attributes';
import { deadlineBefore } from './timescales/interval';
import { PolicyProfile } from './timescales/policy-profile';
import { nextReviewDue } from './timescales/review-due-dates';

export interface CycleInput extends CycleStart {
  /** The authority's profile as it was when the cycle started: a later edit does not move running deadlines. */
  profile: PolicyProfile;
  /** The calendar at start; newer ones arrive by signal or are read before each reminder. */
  calendar: CalendarSnapshot;
  /** Set by continue-as-new. */
  carried?: {
    reviewsHeld: HeldReview[];
    reminders: ReminderSent[];
  };
}

const { notify, loadCalendar } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', maximumInterval: '5 minutes' },
});

export async function lookedAfterReviewCycle(input: CycleInput): Promise<void> {
  const { cycleId } = input;
  let calendarSnapshot = input.calendar;
  let calendar = new WorkingDayCalendar(calendarSnapshot);
  const profile = input.profile;
  const reviewsHeld: HeldReview[] = [...(input.carried?.reviewsHeld ?? [])];
  const reminders: ReminderSent[] = [...(input.carried?.reminders ?? [])];
  /** Bumped whenever a deadline may have moved, so a sleeping timer wakes and recomputes. */
  let deadlinesMoved = 0;
  const heldAtStart = reviewsHeld.length;

  const next = () => {
    const n = nextReviewDue(
      { becameLookedAfter: input.becameLookedAfter, held: reviewsHeld.map((r) => r.heldOn) },
      profile,
      calendar,
    );
    return {
      ...n,
      dueSoonReminderOn: deadlineBefore(calendar, n.due, profile.reminders.reviewDueSoon).date,
      overdueReminderOn: calendar.addWorkingDays(n.due, 1),
    };
  };

  const state = (): CycleState => ({
    cycleId,
    childId: input.childId,
    becameLookedAfter: input.becameLookedAfter,
    profile: input.profileId,
    team: input.team,
    calendarRevision: calendar.revision,
    status: 'active',
    reviewsHeld,
    nextReview: next(),
    reminders,
  });

  /** Adopts a newer calendar; signals and reads can arrive out of order, and an older one never wins. */
  const adoptCalendar = (snapshot: CalendarSnapshot): boolean => {
    if (snapshot.revision <= calendarSnapshot.revision) return false;
    calendarSnapshot = snapshot;
    calendar = new WorkingDayCalendar(snapshot);
    deadlinesMoved++;
    return true;
  };
  setHandler(calendarUpdated, (snapshot) => { adoptCalendar(snapshot); });

  setHandler(cycleStateQuery, state);
  setHandler(
    recordReviewHeld,
    ({ heldOn }) => {
      const n = next();
      const review: HeldReview = { reviewNumber: n.reviewNumber, heldOn, due: n.due, rule: n.rule, onTime: heldOn <= n.due };
      reviewsHeld.push(review);
      deadlinesMoved++;
      return { review, nextDue: next().due };
    },
    {
      validator: ({ heldOn }) => {
        if (!isIsoDate(heldOn)) throw new Error('heldOn: must be a real date, YYYY-MM-DD');
        if (heldOn < input.becameLookedAfter) {
          throw new Error(`heldOn: ${heldOn} is before the child became looked after (${input.becameLookedAfter}) (L2)`);
        }
        const last = reviewsHeld[reviewsHeld.length - 1];
        if (last && heldOn <= last.heldOn) {
          throw new Error(`heldOn: ${heldOn} is not after the last review held (${last.heldOn}); the next clock runs from the review actually held (L3/L4)`);
        }
        const today = londonDate(Date.now());
        if (heldOn > today) throw new Error(`heldOn: ${heldOn} is in the future (today is ${today}); record a review once it has been held`);
      },
    },
  );

  const reviewHeldThisRun = () => reviewsHeld.length > heldAtStart;

  /** Sleeps until the instant `at()` (recomputed when deadlines move); false if a review was held first. */
  async function sleepUntil(at: () => number): Promise<boolean> {
    for (;;) {
      if (reviewHeldThisRun()) return false;
      const ms = at() - Date.now();
      if (ms <= 0) return true;
      const seen = deadlinesMoved;
      await condition(() => reviewHeldThisRun() || deadlinesMoved !== seen, ms);
    }
  }

  async function remind(kind: string, rule: string, recipient: string, subject: string, body: string, dueDate?: IsoDate) {
    const id = `${cycleId}/review-${reviewsHeld.length + 1}/${kind}`;
    if (reminders.some((r) => r.notificationId === id)) return;
    await notify({ id, recipient, caseId: cycleId, rule, kind, subject, body, dueDate });
    reminders.push({ notificationId: id, kind, rule, at: new Date(Date.now()).toISOString() });
  }

  // L1: the IRO unit is asked for the "20 day LAC review" at once.
  if (reviewsHeld.length === 0) {
    const first = next();
    await remind(
      'request-first-review', 'L1', 'iro-unit',
      'Request for 20 day LAC review',
      `A child became looked after on ${input.becameLookedAfter}. Please appoint an IRO and book the first review, due by ${first.due} (${first.rule}).`,
      first.due,
    );
  }

  let publishedDue: IsoDate | undefined;
  const publishDue = () => {
    const due = next().due;
    if (due !== publishedDue) {
      upsertSearchAttributes([{ key: NEXT_DUE, value: new Date(`${due}T00:00:00Z`) }]);
      publishedDue = due;
    }
  };
  publishDue();

  // Reminders for this review: "due soon" ahead of the due date, "overdue" the working day after it.
  const phases = [
    { kind: 'review-due-soon', on: () => next().dueSoonReminderOn, subject: 'Looked-after review due soon' },
    { kind: 'review-overdue', on: () => next().overdueReminderOn, subject: 'Looked-after review overdue' },
  ];
  /** Waits for a reminder's moment; before sending, re-reads the calendar in case a broadcast missed this case. */
  async function reminderDue(on: () => IsoDate): Promise<boolean> {
    for (;;) {
      const reached = await sleepUntil(() => {
        publishDue();
        return londonTime(on());
      });
      if (!reached) return false;
      if (!adoptCalendar(await loadCalendar())) return true;
    }
  }

  for (const phase of phases) {
    if (!(await reminderDue(phase.on))) break;
    const n = next();
    const body = phase.kind === 'review-overdue'
      ? `Review ${n.reviewNumber} was due by ${n.due} (${n.rule}: ${n.ruleText}) and no review has been recorded.`
      : `Review ${n.reviewNumber} is due by ${n.due} (${n.rule}: ${n.ruleText}) and has not been recorded yet.`;
    await remind(phase.kind, n.rule, 'iro-unit', phase.subject, body, n.due);
  }

  await condition(reviewHeldThisRun);
  await condition(allHandlersFinished);
  // One run per review: the next run starts from the review just held with everything carried over.
  await continueAsNew<typeof lookedAfterReviewCycle>({
    ...input,
    calendar: calendarSnapshot,
    carried: { reviewsHeld, reminders: reminders.slice(-20) },
  });
}

/**
 * A held review as its page shows it (L9-L12): its decisions (who, by when, done?) for the team
 * manager to answer (L10), its starred recommendations with the L11 dates, and an adjournment
 * before it was completed; also the placement changes with L23's prompt. The same words serve the
 * decision-response and starred-response pages, so the answer is given with the text in view.
 */
import { IsoDate } from '../../../workflows/calendar/iso-date';
import { WorkingDayCalendar } from '../../../workflows/calendar/working-day-calendar';
import { CycleState } from '../../../workflows/looked-after-cycle/messages';
import { HeldReview } from '../../../workflows/looked-after-cycle/model';
import { day } from './case-view';

/** "Arrange contact (the social worker, by 8 December 2026): not done yet". */
export function decisionLines(h: HeldReview): string[] {
  return h.decisions.map((d) => `${d.text} (${d.owner}, by ${day(d.dueOn)}): ${d.doneOn ? `done on ${day(d.doneOn)}` : 'not done yet'}`);
}

/** L10: the team manager's answer, or how long is left for it. */
export function answerText(h: HeldReview): string {
  const tm = h.teamManager;
  if (tm) {
    const said = { agreed: 'Agreed', disagreed: 'Disagreed', 'deemed-agreed': 'Deemed agreed (no answer in time)' }[tm.response];
    return `${said} on ${day(tm.on)}${tm.by ? ` by ${tm.by}` : ''}${tm.reason ? `: ${tm.reason}` : ''}`;
  }
  const circulated = h.after['decisions-circulated'];
  return circulated ? `Circulated on ${day(circulated)}; the team manager’s answer is awaited` : 'Not circulated yet';
}

/** L11: notified (concerns by 5 working days later), the concern, the agreement or the dispute. */
export function starredLines(h: HeldReview, cal: WorkingDayCalendar): string[] {
  const st = h.starred;
  if (!h.starredRecommendations.length) return [];
  if (!st) return ['Not yet sent to the principal and strategic managers'];
  const out = [
    `Sent to the principal and strategic managers on ${day(st.notifiedOn)}; concerns by ${day(cal.addWorkingDays(st.notifiedOn, 5))} (L11)`,
  ];
  if (st.concern) {
    out.push(`Concern raised on ${day(st.concern.on)} by ${st.concern.by}: ${st.concern.note}`);
    out.push(
      st.agreedOn
        ? `Agreed on ${day(st.agreedOn)}`
        : `To be agreed by ${day(cal.addWorkingDays(st.concern.on, 10))}, or the IRO registers a dispute`,
    );
  } else if (st.agreedOn) out.push(`Agreed on ${day(st.agreedOn)}`);
  if (st.disputeOutcome) out.push(`Dispute ${st.disputeOutcome.outcome} on ${day(st.disputeOutcome.on)}`);
  else if (st.disputeId || st.disputeToOpen) out.push('A dispute has been opened about them');
  return out;
}

/** L11: starred recommendations still waiting for the managers' concern or agreement. */
export function starredAwaiting(h: HeldReview, cal: WorkingDayCalendar, today: IsoDate): boolean {
  const st = h.starred;
  if (!st || st.disputeId || st.disputeToOpen || st.agreedOn) return false;
  return st.concern ? true : today <= cal.addWorkingDays(st.notifiedOn, 5);
}

/** L12: "Adjourned on 1 December 2026, resumed on 8 December 2026". */
export const adjournedText = (h: HeldReview) =>
  h.adjourned ? `Adjourned on ${day(h.adjourned.on)}, resumed on ${day(h.heldOn)}` : 'Not adjourned';

/** The review page's detail for each held review. */
export function heldReviews(s: CycleState, cal: WorkingDayCalendar) {
  return s.reviewsHeld.map((h) => ({
    reviewNumber: h.reviewNumber,
    decisions: decisionLines(h),
    answer: answerText(h),
    starred: h.starredRecommendations,
    starredDates: starredLines(h, cal),
    adjourned: adjournedText(h),
  }));
}

/** L5, L23: each change of placement; an unplanned one prompts bringing the review forward. */
export function placementChanges(s: CycleState) {
  return s.placementChanges.map((c) => ({
    on: c.on,
    type: c.type,
    planned: c.unplanned ? `Unplanned${c.iroToldOn ? `; the IRO was told on ${day(c.iroToldOn)}` : ''}` : 'Planned',
    unplanned: !!c.unplanned,
  }));
}

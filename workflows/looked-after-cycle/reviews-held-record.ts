/**
 * The record of each review held (issue 14): the review itself (L18, SSDA903 REVIEWS), its
 * decisions and their completion (L9), the team manager's answer and a disagreement (L10), the
 * starred recommendations (L11) and the disputes they opened (section C). Pure.
 */
import { WorkingDayCalendar } from '../calendar/working-day-calendar';
import { CaseOfFacts, factsOf } from '../record/fact-builder';
import { Fact, REVIEW_HELD, ReviewHeldData } from '../record/facts';
import { lateForIndicator } from './indicator';
import { CycleModel, HeldReview, ageOn } from './model';

/** Who the cycle's facts are about (every looked-after fact carries the child's id and the team). */
export function cycleOfFacts(model: CycleModel): CaseOfFacts {
  return { caseId: model.cycleId, caseKind: 'looked-after', childId: model.child.childId, team: model.child.team };
}

/** L18: a review held as the reports and the SSDA903 return read it (the same figures as the reporting projection). */
export function reviewHeldData(model: CycleModel, r: HeldReview): ReviewHeldData {
  return {
    reviewNumber: r.reviewNumber,
    heldOn: r.heldOn,
    due: r.due,
    ...(r.statutoryDue ? { statutoryDue: r.statutoryDue } : {}),
    onTime: r.onTime,
    lateForIndicator: lateForIndicator(r),
    participation: r.participation,
    ageAtReview: ageOn(model.child.dateOfBirth, r.heldOn),
    withMeeting: r.withMeeting,
    chair: { staffId: r.chair.staffId, as: r.chair.as },
    ...(r.adjourned ? { adjourned: { ...r.adjourned } } : {}),
  };
}

export function reviewsHeldFacts(model: CycleModel, calendar: WorkingDayCalendar): Fact[] {
  return model.reviewsHeld.flatMap((r) => reviewFacts(model, r, calendar));
}

function reviewFacts(model: CycleModel, r: HeldReview, calendar: WorkingDayCalendar): Fact[] {
  const fact = factsOf(cycleOfFacts(model));
  const n = r.reviewNumber;
  const at = `review/${n}`;
  const out: Fact[] = [fact(`${at}/held`, REVIEW_HELD, r.heldOn, reviewHeldData(model, r))];
  (r.decisions ?? []).forEach((d, i) => {
    out.push(
      fact(`${at}/decision/${i + 1}`, 'looked-after/decision-made', r.heldOn, {
        reviewNumber: n,
        decision: i + 1,
        text: d.text,
        owner: d.owner,
        dueOn: d.dueOn,
        rule: 'L9',
      }),
    );
    if (d.doneOn)
      out.push(
        fact(`${at}/decision/${i + 1}/done/${d.doneOn}`, 'looked-after/decision-done', d.doneOn, {
          reviewNumber: n,
          decision: i + 1,
          doneOn: d.doneOn,
          rule: 'L9',
        }),
      );
  });
  for (const [task, on] of Object.entries(r.after ?? {}))
    if (on)
      out.push(fact(`${at}/after/${task}/${on}`, 'looked-after/after-meeting-task-done', on, { reviewNumber: n, task, on, rule: 'L9' }));
  for (const [who, on] of Object.entries(r.toldOfOutcome ?? {}))
    if (on) out.push(fact(`${at}/told/${who}/${on}`, 'looked-after/told-of-outcome', on, { reviewNumber: n, who, on, rule: 'L21' }));
  const tm = r.teamManager;
  if (tm)
    out.push(
      fact(`${at}/team-manager/${tm.response}/${tm.on}`, 'looked-after/team-manager-response', tm.on, {
        reviewNumber: n,
        response: tm.response,
        on: tm.on,
        by: tm.by,
        reason: tm.reason,
        rule: 'L10',
      }),
    );
  const dis = r.disagreement;
  if (dis) {
    // The IRO's finding is dated when given with it; otherwise by the team manager's answer that began it.
    const on = dis.on ?? tm?.on ?? r.heldOn;
    out.push(
      fact(`${at}/disagreement/${dis.status}`, 'looked-after/disagreement', on, {
        reviewNumber: n,
        status: dis.status,
        on,
        disputeId: dis.disputeId,
        rule: 'L10',
      }),
    );
  }
  return [...out, ...starredFacts(model, r, calendar)];
}

/** L11: notified at once; a concern within 5 working days; agreed, or a dispute opened after 10 more; its outcome. */
function starredFacts(model: CycleModel, r: HeldReview, calendar: WorkingDayCalendar): Fact[] {
  const st = r.starred;
  if (!st) return [];
  const fact = factsOf(cycleOfFacts(model));
  const n = r.reviewNumber;
  const at = `review/${n}/starred`;
  const out: Fact[] = [
    fact(`${at}/notified`, 'looked-after/starred-notified', st.notifiedOn, {
      reviewNumber: n,
      notifiedOn: st.notifiedOn,
      recommendations: [...r.starredRecommendations],
      rule: 'L11',
    }),
  ];
  const c = st.concern;
  if (c)
    out.push(
      fact(`${at}/concern/${c.on}`, 'looked-after/starred-concern', c.on, {
        reviewNumber: n,
        on: c.on,
        by: c.by,
        note: c.note,
        rule: 'L11',
      }),
    );
  if (st.agreedOn)
    out.push(
      fact(`${at}/agreed/${st.agreedOn}`, 'looked-after/starred-agreed', st.agreedOn, { reviewNumber: n, on: st.agreedOn, rule: 'L11' }),
    );
  if (st.disputeId) {
    // The working day after the 10 working days for agreement ran out (the day the dispute opens).
    const on = c ? calendar.addWorkingDays(calendar.addWorkingDays(c.on, 10), 1) : st.notifiedOn;
    out.push(
      fact(`${at}/dispute/${st.disputeId}`, 'looked-after/starred-dispute', on, { reviewNumber: n, disputeId: st.disputeId, rule: 'L11' }),
    );
  }
  const o = st.disputeOutcome;
  if (o && st.disputeId)
    out.push(
      fact(`${at}/dispute/${st.disputeId}/closed/${o.on}`, 'looked-after/starred-dispute-closed', o.on, {
        reviewNumber: n,
        disputeId: st.disputeId,
        outcome: o.outcome,
        on: o.on,
        rule: 'E6',
      }),
    );
  return out;
}

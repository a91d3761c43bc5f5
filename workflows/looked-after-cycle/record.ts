/**
 * The looked-after cycle's statutory record (issue 14): its facts worked out from the model (pure,
 * so the same model always gives the same facts under the same keys). The kernel appends the ones
 * not yet written each pass; a value that moves (a new IRO, a moved due date, a moved booking) is a
 * new key, and the latest counts. Every fact carries the child's id and the team.
 */
import { WorkingDayCalendar } from '../calendar/working-day-calendar';
import { factsOf } from '../record/fact-builder';
import {
  Fact,
  LOOKED_AFTER_ENDED,
  LOOKED_AFTER_STARTED,
  LookedAfterEndedData,
  LookedAfterStartedData,
  REVIEW_DUE,
  ReviewDueData,
} from '../record/facts';
import { PolicyProfile } from '../timescales/policy-profile';
import { CycleModel } from './model';
import { openReviewDue } from './obligations';
import { cycleOfFacts, reviewsHeldFacts } from './reviews-held-record';

/**
 * L18: the open review's dates as the reporting projection and the record both keep them. L12: a
 * review adjourned by its due date is judged by its resume date until then (`adjournmentCounts`:
 * the workflow's patch guard for histories from before that rule).
 */
export function openReviewDates(
  model: CycleModel,
  profile: PolicyProfile,
  calendar: WorkingDayCalendar,
  adjournmentCounts: () => boolean = () => true,
): ReviewDueData {
  const n = openReviewDue(model, profile, calendar);
  let statutoryDue = n.broughtForward?.statutoryDue ?? n.beforePlannedEnd?.statutoryDue ?? n.due;
  const adj = model.open.adjournment;
  if (adj && adj.on <= n.due && adj.resumeBy > statutoryDue && adjournmentCounts()) statutoryDue = adj.resumeBy;
  return { reviewNumber: model.open.number, due: n.due, statutoryDue };
}

/** Every fact of the cycle as it stands. */
export function lookedAfterFacts(model: CycleModel, profile: PolicyProfile, calendar: WorkingDayCalendar): Fact[] {
  const fact = factsOf(cycleOfFacts(model));
  const out: Fact[] = [];
  const firstPlacement = model.firstPlacement ?? (model.placementChanges?.length ? undefined : model.placement);
  const started: LookedAfterStartedData = {
    becameLookedAfter: model.becameLookedAfter,
    dateOfBirth: model.child.dateOfBirth,
    legalStatus: model.child.legalStatus,
    // Once the placement has changed the first one is not in the model (a cycle recorded before the record began).
    placementType: firstPlacement?.type ?? 'unknown',
    placementStartedOn: firstPlacement?.startedOn ?? model.carePlanning?.firstPlacementOn ?? model.becameLookedAfter,
    profileId: model.profileId,
    ...(model.imported ? { imported: true } : {}),
  };
  out.push(fact('started', LOOKED_AFTER_STARTED, model.becameLookedAfter, started));
  if (model.iroUnitNotifiedOn)
    out.push(
      fact('iro-unit-notified', 'looked-after/iro-unit-notified', model.iroUnitNotifiedOn, { on: model.iroUnitNotifiedOn, rule: 'L1' }),
    );
  const { iro, socialWorker } = model;
  if (iro)
    out.push(
      fact(`iro/${iro.staffId}/${iro.appointedOn}`, 'looked-after/iro-appointed', iro.appointedOn, {
        staffId: iro.staffId,
        appointedOn: iro.appointedOn,
        firstAppointedOn: iro.firstAppointedOn,
        rule: 'L1',
      }),
    );
  if (socialWorker)
    out.push(
      fact(
        `social-worker/${socialWorker.staffId}/${socialWorker.allocatedOn}`,
        'looked-after/social-worker-allocated',
        socialWorker.allocatedOn,
        {
          staffId: socialWorker.staffId,
          allocatedOn: socialWorker.allocatedOn,
        },
      ),
    );
  (model.placementChanges ?? []).forEach((c, i) =>
    out.push(
      fact(`placement-change/${i + 1}/${c.on}`, 'looked-after/placement-changed', c.on, {
        on: c.on,
        placementType: c.type,
        unplanned: c.unplanned === true,
      }),
    ),
  );
  const planned = model.plannedEnd;
  if (planned) {
    const plannedOn = planned.moves?.length ? planned.moves[planned.moves.length - 1].on : planned.recordedOn;
    out.push(
      fact(`planned-end/${plannedOn}/${planned.on}/${planned.kind}`, 'looked-after/end-planned', plannedOn, {
        plannedEndOn: planned.on,
        kind: planned.kind,
        rule: 'L20',
      }),
    );
  }
  out.push(...openReviewFacts(model, profile, calendar), ...reviewsHeldFacts(model, calendar), ...endedFacts(model));
  return out;
}

/** The review the cycle is working towards: brought forward, booked, postponed, adjourned, and its due dates. */
function openReviewFacts(model: CycleModel, profile: PolicyProfile, calendar: WorkingDayCalendar): Fact[] {
  if (model.status !== 'active') return [];
  const fact = factsOf(cycleOfFacts(model));
  const { open } = model;
  const n = open.number;
  const out: Fact[] = [];
  const bf = open.bringForward;
  if (bf)
    out.push(
      fact(`review/${n}/brought-forward/${bf.requestedOn}/${bf.dueBy}`, 'looked-after/review-brought-forward', bf.requestedOn, {
        reviewNumber: n,
        reason: bf.reason,
        requestedOn: bf.requestedOn,
        dueBy: bf.dueBy,
        by: bf.by,
        rule: 'L6',
      }),
    );
  const b = open.booking;
  if (b)
    out.push(
      fact(`review/${n}/booked/${b.bookedOn}/${b.meetingOn}${b.time ? `/${b.time}` : ''}`, 'looked-after/review-booked', b.bookedOn, {
        reviewNumber: n,
        meetingOn: b.meetingOn,
        time: b.time,
        bookedOn: b.bookedOn,
        by: b.by,
        // L7: a date after the review is due needs a strategic manager's permission (who gave it).
        permissionBy: b.strategicManagerPermission?.by,
        rule: 'L7',
      }),
    );
  for (const p of open.postponements ?? [])
    out.push(
      fact(`review/${n}/postponed/${p.on}/${p.from}/${p.to}`, 'looked-after/review-postponed', p.on, {
        reviewNumber: n,
        from: p.from,
        to: p.to,
        on: p.on,
        reason: p.reason,
        permissionBy: p.strategicManagerPermission?.by,
        rule: 'L7',
      }),
    );
  const adj = open.adjournment;
  if (adj)
    out.push(
      fact(`review/${n}/adjourned/${adj.on}/${adj.resumeBy}`, 'looked-after/review-adjourned', adj.on, {
        reviewNumber: n,
        on: adj.on,
        resumeBy: adj.resumeBy,
        reason: adj.reason,
        rule: 'L12',
      }),
    );
  // The record is written by runs newer than the L12 rule, so the adjournment always counts here.
  const due = openReviewDates(model, profile, calendar);
  out.push(fact(`review/${n}/due/${due.due}/${due.statutoryDue}`, REVIEW_DUE, due.due, due));
  return out;
}

/** L13 ceased, L16 at 18: the end of the period of care; L20 whether a review was held before it; D1 the step down offered. */
function endedFacts(model: CycleModel): Fact[] {
  const e = model.ended;
  if (!e || model.status === 'active') return [];
  const fact = factsOf(cycleOfFacts(model));
  const ended: LookedAfterEndedData = { status: model.status, reason: e.reason };
  const out: Fact[] = [fact('ended', LOOKED_AFTER_ENDED, e.on, ended)];
  const l20 = e.reviewBeforeEnding;
  if (l20)
    out.push(fact('ended/review-before-ending', 'looked-after/review-before-ending', e.on, { met: l20.met, note: l20.note, rule: 'L20' }));
  if (e.stepDown)
    out.push(
      fact('ended/step-down-offered', 'looked-after/step-down-offered', e.on, {
        offered: e.stepDown.offered,
        criterion: e.stepDown.criterion,
        rule: 'D1',
      }),
    );
  return out;
}

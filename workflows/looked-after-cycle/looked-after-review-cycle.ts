/**
 * One looked-after review cycle per period of care (rules.md section A, L1-L18). The cycle keeps
 * what is known of the child's reviews (looked-after-review-model), works out everything still
 * owed and when to chase it (looked-after-review-obligations), sleeps until the next morning that
 * something falls due, and sends it. Every command is an Update whose validator names the rule it
 * would break. Each review held continues the workflow as new, so a cycle that runs for 18 years
 * keeps a short history; it ends when the child stops being looked after or turns 18.
 */
import {
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  setHandler,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { followCalendar } from '../case-kernel/case-calendar';
import { IsoDate, addYears } from '../calendar/iso-date';
import { londonDate, londonTime } from '../calendar/office-hours';
import { CalendarSnapshot } from '../calendar/working-day-calendar';
import {
  BRING_FORWARD_REASONS,
  CycleModel,
  HeldReview,
  PARTICIPATION_CODES,
  PLACEMENT_TYPES,
  ageOn,
  eighteenthBirthday,
  mayReviewWithoutMeeting,
} from './model';
import {
  CycleStart,
  CycleState,
  CycleSummary,
  RecordReviewHeld,
  adjournReview,
  allocateSocialWorker,
  answerDecisions,
  appointIro,
  bookReview,
  bringForward,
  ceaseLookedAfter,
  changePlacement,
  respondToStarred,
  completeTask,
  cycleStateQuery,
  recordReviewHeld,
  resolveDisagreement,
} from './messages';
import { Action, Obligation, Recipient, obligations, openAgenda, openReviewDue } from './obligations';
import { disputeClosed } from '../dispute/messages';
import { DisputeCategory, disputeTimescales } from '../dispute/stages';
import { resolutionAndEscalation } from '../dispute/resolution-and-escalation';
import { CASE_KIND, CaseKind, IRO, NEXT_DUE, TEAM } from '../search-attributes';
import { PolicyProfile } from '../timescales/policy-profile';
import { date, refuse, staff, text } from '../case-kernel/validation';

export interface CycleInput extends CycleStart {
  /** The authority's profile as it was when the cycle started: a later edit does not move running deadlines. */
  profile: PolicyProfile;
  /** The calendar at start; newer ones arrive by signal or are read before anything is sent. */
  calendar: CalendarSnapshot;
  /** Set by continue-as-new. */
  carried?: { model: CycleModel; sent: string[] };
}

const { notify, loadCalendar, recordReviewOutcome } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', maximumInterval: '5 minutes' },
});


export function initialModel(input: CycleStart): CycleModel {
  return {
    cycleId: input.cycleId,
    child: input.child,
    becameLookedAfter: input.becameLookedAfter,
    placement: input.placement,
    placementChanges: [],
    profileId: input.profileId,
    reviewsHeld: [],
    open: { number: 1, postponements: [], preMeeting: {} },
    postponementDates: [],
    status: 'active',
    events: [{ on: input.becameLookedAfter, what: 'became looked after; cycle started', rule: 'L1', by: input.by }],
  };
}

export async function lookedAfterReviewCycle(input: CycleInput): Promise<CycleSummary> {
  const { cycleId, profile } = input;
  const cal = followCalendar(input.calendar, () => { changes++; });
  const model: CycleModel = input.carried?.model ?? initialModel(input);
  const sent = new Set<string>(input.carried?.sent ?? []);
  const heldAtStart = model.reviewsHeld.length;
  /** Bumped on every change, so the sleeping loop wakes and recomputes. */
  let changes = 0;
  const today = () => londonDate(Date.now());
  const log = (what: string, rule?: string, by?: string) => { model.events.push({ on: today(), what, rule, by }); changes++; };

  const state = (): CycleState => ({
    ...model,
    calendarRevision: cal.calendar.revision,
    nextReview: { ...openReviewDue(model, profile, cal.calendar), reviewNumber: model.open.number },
    obligations: obligations(model, profile, cal.calendar),
    agenda: openAgenda(model, profile, cal.calendar),
    sent: [...sent],
  });

  setHandler(cycleStateQuery, state);

  const active = () => { if (model.status !== 'active') refuse('cycleId', `the cycle has ended (${model.ended?.reason ?? model.status})`, 'L13'); };
  const notFuture = (field: string, d: IsoDate) => { if (d > today()) refuse(field, `${d} is in the future (today is ${today()})`); };
  const notBeforeCare = (field: string, d: IsoDate) => {
    if (d < model.becameLookedAfter) refuse(field, `${d} is before the child became looked after (${model.becameLookedAfter})`, 'L2');
  };

  // L1: an IRO is appointed.
  setHandler(appointIro, ({ staffId, by }) => {
    const previous = model.iro?.staffId;
    model.iro = { staffId, appointedOn: today() };
    log(previous ? `IRO changed from ${previous} to ${staffId}` : `IRO ${staffId} appointed`, 'L1', by);
    upsertSearchAttributes([{ key: IRO, value: staffId }]);
    return state();
  }, { validator: ({ staffId, by }) => { active(); staff('staffId', staffId); staff('by', by); } });

  setHandler(allocateSocialWorker, ({ staffId, by }) => {
    model.socialWorker = { staffId, allocatedOn: today() };
    log(`social worker ${staffId} allocated`, undefined, by);
    return state();
  }, { validator: ({ staffId, by }) => { active(); staff('staffId', staffId); staff('by', by); } });

  // L5: a change of placement (a review within 20 WD / 4 weeks where the profile has the rule).
  setHandler(changePlacement, ({ on, type, by }) => {
    model.placementChanges.push({ on, type });
    model.placement = { type, startedOn: on };
    log(`placement changed to ${type} from ${on}`, profile.lookedAfterReview.placementChangeReview ? 'L5' : undefined, by);
    return state();
  }, {
    validator: ({ on, type }) => {
      active();
      date('on', on);
      notBeforeCare('on', on);
      notFuture('on', on);
      if (!(PLACEMENT_TYPES as readonly string[]).includes(type)) refuse('type', `one of ${PLACEMENT_TYPES.join(', ')}`);
      if (on < model.placement.startedOn) refuse('on', `${on} is before the current placement started (${model.placement.startedOn})`);
    },
  });

  // L6: a review brought forward, with its reason.
  setHandler(bringForward, ({ reason, detail, dueBy, by }) => {
    model.open.bringForward = { reason, detail, requestedOn: today(), by, dueBy };
    log(`review ${model.open.number} brought forward to ${dueBy}: ${reason}`, 'L6', by);
    return state();
  }, {
    validator: ({ reason, detail, dueBy }) => {
      active();
      if (!(BRING_FORWARD_REASONS as readonly string[]).includes(reason)) refuse('reason', `one of ${BRING_FORWARD_REASONS.join(', ')}`, 'L6');
      text('detail', detail, false);
      date('dueBy', dueBy);
      if (dueBy < today()) refuse('dueBy', `${dueBy} has passed`, 'L6');
      const statutory = openReviewDue({ ...model, open: { ...model.open, bringForward: undefined } }, profile, cal.calendar).due;
      if (dueBy >= statutory) refuse('dueBy', `${dueBy} is not earlier than the date the review is due anyway (${statutory})`, 'L6');
    },
  });

  // L7: booking, and moving a booking.
  setHandler(bookReview, ({ meetingOn, venue, reason, strategicManagerPermission, by }) => {
    const open = model.open;
    const previous = open.booking;
    if (previous && previous.meetingOn !== meetingOn) {
      open.postponements.push({ from: previous.meetingOn, to: meetingOn, on: today(), reason: reason!, strategicManagerPermission });
      model.postponementDates.push(today());
    }
    open.booking = { meetingOn, venue, bookedOn: today(), by };
    log(previous ? `review ${open.number} moved from ${previous.meetingOn} to ${meetingOn}: ${reason}` : `review ${open.number} booked for ${meetingOn}`, 'L7', by);
    return state();
  }, {
    validator: ({ meetingOn, venue, reason, strategicManagerPermission }) => {
      active();
      date('meetingOn', meetingOn);
      text('venue', venue, false);
      if (meetingOn < today()) refuse('meetingOn', `${meetingOn} has passed`, 'L7');
      if (model.open.adjournment) refuse('meetingOn', 'the review is adjourned; it resumes on its adjourned date', 'L12');
      const moving = model.open.booking !== undefined;
      if (moving) text('reason', reason);
      const due = openReviewDue(model, profile, cal.calendar).due;
      if (meetingOn > due) {
        if (!strategicManagerPermission) {
          refuse('meetingOn', `${meetingOn} is after the review is due (${due}); a date outside the statutory timescale needs a strategic manager's permission and a reason`, 'L7');
        }
        staff('strategicManagerPermission.by', strategicManagerPermission.by);
        text('strategicManagerPermission.reason', strategicManagerPermission.reason);
      }
    },
  });

  // L12: one adjournment a review, for at most 20 working days.
  setHandler(adjournReview, ({ on, resumeOn, reason, by }) => {
    model.open.adjournment = { on, resumeBy: resumeOn, reason };
    model.open.booking = { meetingOn: resumeOn, venue: model.open.booking?.venue, bookedOn: today(), by };
    log(`review ${model.open.number} adjourned on ${on}, to resume on ${resumeOn}: ${reason}`, 'L12', by);
    return state();
  }, {
    validator: ({ on, resumeOn, reason }) => {
      active();
      date('on', on);
      date('resumeOn', resumeOn);
      text('reason', reason);
      notBeforeCare('on', on);
      notFuture('on', on);
      if (model.open.adjournment) refuse('on', `review ${model.open.number} has already been adjourned once (on ${model.open.adjournment.on})`, 'L12');
      const limit = cal.calendar.addWorkingDays(on, 20);
      if (resumeOn <= on) refuse('resumeOn', `${resumeOn} is not after the adjournment (${on})`, 'L12');
      if (resumeOn > limit) refuse('resumeOn', `${resumeOn} is more than 20 working days after ${on} (latest ${limit})`, 'L12');
    },
  });

  // Any obligation done (L8 tasks, L9 tasks, decisions, pathway plan).
  setHandler(completeTask, ({ key, on, by }) => {
    const m = /^r(\d+)\/(.+)$/.exec(key);
    if (key === 'pathway-plan') model.pathwayPlanOn = on;
    else if (m && Number(m[1]) === model.open.number) model.open.preMeeting[m[2] as keyof typeof model.open.preMeeting] = on;
    else if (m) {
      const h = model.reviewsHeld.find((r) => r.reviewNumber === Number(m[1]))!;
      const d = /^decision-(\d+)$/.exec(m[2]);
      if (d) h.decisions[Number(d[1]) - 1].doneOn = on;
      else h.after[m[2] as keyof HeldReview['after']] = on;
    }
    log(`${key} done on ${on}`, obligations(model, profile, cal.calendar).find((o) => o.key === key)?.rule, by);
    return state();
  }, {
    validator: ({ key, on }) => {
      active();
      date('on', on);
      notFuture('on', on);
      const open = obligations(model, profile, cal.calendar).filter((o) => isCompletable(o));
      if (!open.some((o) => o.key === key)) {
        refuse('key', `"${String(key).slice(0, 60)}" is not an open task of this cycle (open: ${open.map((o) => o.key).join(', ') || 'none'})`);
      }
    },
  });

  // A review held (L3-L5 from its real date, L14, L17, L18).
  setHandler(recordReviewHeld, (r) => {
    const n = openReviewDue(model, profile, cal.calendar);
    const open = model.open;
    const judgedOn = open.adjournment?.on ?? r.heldOn;
    const review: HeldReview = {
      reviewNumber: open.number,
      heldOn: r.heldOn,
      due: n.due,
      rule: n.rule,
      onTime: judgedOn <= n.due,
      withMeeting: !r.withoutMeeting,
      participation: r.participation,
      chair: r.chair ?? { staffId: model.iro?.staffId ?? r.by, as: 'allocated-iro' },
      decisions: (r.decisions ?? []).map((d) => ({ ...d })),
      starredRecommendations: r.starredRecommendations ?? [],
      ...(open.adjournment ? { adjourned: { on: open.adjournment.on } } : {}),
      after: {},
      notices: [],
    };
    model.reviewsHeld.push(review);
    log(`review ${review.reviewNumber} held on ${r.heldOn} (${review.onTime ? 'on time' : `late: due ${n.due}`})`, n.rule, r.by);
    if (review.chair.as !== 'allocated-iro') log(`chaired by ${review.chair.as} ${review.chair.staffId}`, 'L17', r.by);
    model.open = { number: open.number + 1, postponements: [], preMeeting: {} };
    if (r.nextMeetingOn) model.open.booking = { meetingOn: r.nextMeetingOn, venue: r.nextMeetingVenue, bookedOn: today(), by: r.by };
    return { review, nextDue: openReviewDue(model, profile, cal.calendar).due };
  }, {
    validator: (r) => {
      active();
      const heldOn = date('heldOn', r.heldOn);
      staff('by', r.by);
      notBeforeCare('heldOn', heldOn);
      notFuture('heldOn', heldOn);
      const last = model.reviewsHeld[model.reviewsHeld.length - 1];
      if (last && heldOn <= last.heldOn) refuse('heldOn', `${heldOn} is not after the last review held (${last.heldOn}); the next clock runs from the review actually held`, 'L3/L4');
      if (model.open.adjournment && heldOn < model.open.adjournment.on) refuse('heldOn', `${heldOn} is before the adjournment (${model.open.adjournment.on})`, 'L12');
      if (!(PARTICIPATION_CODES as readonly string[]).includes(r.participation)) refuse('participation', `one of ${PARTICIPATION_CODES.join(', ')}`, 'L18');
      const under4 = ageOn(model.child.dateOfBirth, heldOn) < 4;
      if (under4 !== (r.participation === 'PN0')) {
        refuse('participation', under4 ? 'PN0: the child was under 4 at the review' : 'PN0 is only for a child under 4 at the review', 'L18');
      }
      if (r.withoutMeeting) {
        const ok = mayReviewWithoutMeeting(model, heldOn);
        if (!ok.ok) refuse('withoutMeeting', ok.why, 'L14');
      }
      if (r.chair) {
        staff('chair.staffId', r.chair.staffId);
        if (!['allocated-iro', 'substitute-iro', 'team-manager'].includes(r.chair.as)) refuse('chair.as', 'allocated-iro, substitute-iro or team-manager', 'L17');
      }
      if (r.decisions !== undefined) {
        if (!Array.isArray(r.decisions) || r.decisions.length > 100) refuse('decisions', 'a list of at most 100 {text, owner, dueOn}');
        r.decisions.forEach((d: RecordReviewHeld['decisions'] extends (infer T)[] | undefined ? T : never, i: number) => {
          text(`decisions[${i}].text`, d?.text);
          text(`decisions[${i}].owner`, d?.owner);
          if (date(`decisions[${i}].dueOn`, d?.dueOn) < heldOn) refuse(`decisions[${i}].dueOn`, `before the review (${heldOn})`);
        });
      }
      if (r.starredRecommendations !== undefined) {
        if (!Array.isArray(r.starredRecommendations) || r.starredRecommendations.length > 50) refuse('starredRecommendations', 'a list of at most 50 texts', 'L11');
        r.starredRecommendations.forEach((s: string, i: number) => text(`starredRecommendations[${i}]`, s));
      }
      if (r.nextMeetingOn !== undefined && date('nextMeetingOn', r.nextMeetingOn) <= heldOn) refuse('nextMeetingOn', `must be after this review (${heldOn})`, 'L7');
    },
  });

  // L10: the team manager's answer to the decisions.
  setHandler(answerDecisions, ({ reviewNumber, response, reason, by }) => {
    const h = model.reviewsHeld.find((x) => x.reviewNumber === reviewNumber)!;
    h.teamManager = { response: response === 'agree' ? 'agreed' : 'disagreed', on: today(), by, reason };
    if (response === 'disagree') h.disagreement = { status: 'informal' };
    log(`team manager ${response === 'agree' ? 'agreed with' : 'disagreed with'} the decisions of review ${reviewNumber}${reason ? `: ${reason}` : ''}`, 'L10', by);
    return state();
  }, {
    validator: ({ reviewNumber, response, reason }) => {
      active();
      const h = model.reviewsHeld.find((x) => x.reviewNumber === reviewNumber);
      if (!h) refuse('reviewNumber', `no review ${reviewNumber} has been held`, 'L10');
      if (!h.after['decisions-circulated']) refuse('reviewNumber', `the decisions of review ${reviewNumber} have not been circulated yet`, 'L10');
      if (h.teamManager) refuse('reviewNumber', `review ${reviewNumber}'s decisions were already ${h.teamManager.response} on ${h.teamManager.on}`, 'L10');
      if (response !== 'agree' && response !== 'disagree') refuse('response', 'agree or disagree', 'L10');
      if (response === 'disagree') text('reason', reason);
    },
  });

  setHandler(resolveDisagreement, ({ reviewNumber, outcome, note, by }) => {
    const h = model.reviewsHeld.find((x) => x.reviewNumber === reviewNumber)!;
    h.disagreement = { status: outcome === 'settled' ? 'settled' : 'dispute-to-open', note };
    log(outcome === 'settled' ? `disagreement on review ${reviewNumber} settled informally` : `disagreement on review ${reviewNumber} not settled: a dispute is to be opened`, 'L10', by);
    return state();
  }, {
    validator: ({ reviewNumber, outcome, note }) => {
      active();
      const h = model.reviewsHeld.find((x) => x.reviewNumber === reviewNumber);
      if (!h || h.disagreement?.status !== 'informal') refuse('reviewNumber', `review ${reviewNumber} has no open disagreement`, 'L10');
      if (outcome !== 'settled' && outcome !== 'dispute') refuse('outcome', 'settled or dispute', 'L10');
      text('note', note, false);
    },
  });

  // L11: concerns about starred recommendations within 5 working days of being told; then agreement.
  setHandler(respondToStarred, ({ reviewNumber, response, note, by }) => {
    const st = model.reviewsHeld.find((x) => x.reviewNumber === reviewNumber)!.starred!;
    if (response === 'concern') st.concern = { on: today(), by, note: note! };
    else st.agreedOn = today();
    log(response === 'concern' ? `concern about review ${reviewNumber}'s starred recommendations: ${note}` : `starred recommendations of review ${reviewNumber} agreed`, 'L11', by);
    return state();
  }, {
    validator: ({ reviewNumber, response, note }) => {
      active();
      const h = model.reviewsHeld.find((x) => x.reviewNumber === reviewNumber);
      if (!h?.starred) refuse('reviewNumber', `review ${reviewNumber} made no starred recommendations (or they have not been sent yet)`, 'L11');
      if (h.starred.disputeId || h.starred.disputeToOpen) refuse('reviewNumber', 'a dispute has been opened about them', 'L11');
      if (response === 'concern') {
        text('note', note);
        if (h.starred.concern) refuse('response', `a concern was raised on ${h.starred.concern.on}`, 'L11');
        const by = cal.calendar.addWorkingDays(h.starred.notifiedOn, 5);
        if (today() > by) refuse('response', `concerns were due within 5 working days of ${h.starred.notifiedOn} (by ${by})`, 'L11');
      } else if (response === 'agree') {
        if (!h.starred.concern) refuse('response', 'there is no concern to agree', 'L11');
        if (h.starred.agreedOn) refuse('response', `already agreed on ${h.starred.agreedOn}`, 'L11');
      } else refuse('response', 'concern or agree', 'L11');
    },
  });

  // A dispute this cycle opened has closed (section C).
  setHandler(disputeClosed, ({ disputeId, reviewNumber, outcome, on }) => {
    const h = model.reviewsHeld.find((x) => x.reviewNumber === reviewNumber);
    if (h?.disagreement?.disputeId === disputeId) h.disagreement.status = 'dispute-closed';
    if (h?.starred?.disputeId === disputeId) h.starred.disputeOutcome = { outcome, on };
    model.events.push({ on, what: `dispute ${disputeId} ${outcome}`, rule: 'E6' });
    changes++;
  });

  let cease: { on: IsoDate; reason: string; by: string } | undefined;
  let endNoticesSent = false;
  setHandler(ceaseLookedAfter, async ({ on, reason, by }) => {
    cease = { on, reason, by };
    changes++;
    // Answer once everyone has been told and the cycle has closed its books.
    await condition(() => endNoticesSent);
    return summary();
  }, {
    validator: ({ on, reason }) => {
      active();
      date('on', on);
      text('reason', reason);
      notBeforeCare('on', on);
      notFuture('on', on);
      const last = model.reviewsHeld[model.reviewsHeld.length - 1];
      if (last && on < last.heldOn) refuse('on', `${on} is before the last review held (${last.heldOn})`, 'L13');
    },
  });

  function summary(): CycleSummary {
    const late = model.reviewsHeld.filter((r) => !r.onTime);
    return {
      cycleId,
      status: model.status,
      ended: model.ended,
      reviewsHeld: model.reviewsHeld.length,
      reviewsOnTime: model.reviewsHeld.length - late.length,
      lateReviews: late.map((r) => ({ reviewNumber: r.reviewNumber, due: r.due, heldOn: r.heldOn })),
    };
  }

  /** Roles become addresses now, from what the cycle knows at this moment. */
  const address = (to: Recipient): string => {
    switch (to) {
      case 'iro': return model.iro ? `user:${model.iro.staffId}` : 'iro-unit';
      case 'social-worker': return model.socialWorker ? `user:${model.socialWorker.staffId}` : `social-worker:${model.child.team}`;
      case 'team-manager': return `team-manager:${model.child.team}`;
      default: return to;
    }
  };

  async function send(id: string, to: Recipient[], rule: string, kind: string, subject: string, body: string, dueDate?: IsoDate) {
    if (sent.has(id)) return;
    for (const address_ of [...new Set(to.map(address))]) {
      await notify({ id: `${cycleId}/${id}/${address_}`, recipient: address_, caseId: cycleId, rule, kind, subject, body, dueDate });
    }
    sent.add(id);
  }

  const SUBJECT: Record<Action['kind'], string> = {
    reminder: 'Reminder', overdue: 'Overdue', escalation: 'Escalation: overdue', 'booked-too-late': 'Booked too late',
    prompt: 'Please consider the review decisions', 'deemed-agreed': 'Review decisions deemed agreed',
    'open-dispute': 'No agreement: a dispute is opened',
  };
  function message(o: Obligation, a: Action): { subject: string; body: string } {
    const subject = `${SUBJECT[a.kind]}: ${o.what} (${o.rule})`;
    const body = a.kind === 'booked-too-late'
      ? `The meeting was booked on ${model.open.booking?.bookedOn} for ${model.open.booking?.meetingOn}: too late to ${o.what} by ${o.due} (${o.rule}). Do it as soon as possible and record why in the review.`
      : a.kind === 'deemed-agreed'
        ? `No response by ${o.due}: the decisions are deemed agreed (${o.rule}).`
        : a.kind === 'open-dispute'
          ? `No agreement by ${o.due}: the IRO registers a Resolution and Escalation dispute (${o.rule}).`
        : `${o.what}: due by ${o.due} (${o.rule}).${a.kind === 'escalation' ? ' It is overdue and is escalated to you as the manager.' : ''}`;
    return { subject, body };
  }

  /** Starts the Resolution and Escalation dispute (its own workflow, which outlives this run). */
  async function openDispute(h: HeldReview, source: 'L10' | 'L11', category: DisputeCategory, summary: string): Promise<string> {
    const disputeId = `${cycleId}-r${h.reviewNumber}-${source.toLowerCase()}`;
    await startChild(resolutionAndEscalation, {
      workflowId: disputeId,
      parentClosePolicy: ParentClosePolicy.ABANDON,
      typedSearchAttributes: [{ key: CASE_KIND, value: CaseKind.resolutionAndEscalation }, { key: TEAM, value: model.child.team }],
      args: [{
        disputeId, child: { childId: model.child.childId, team: model.child.team }, category, summary, startStage: 1, seriousSafeguarding: false,
        iro: model.iro?.staffId ?? 'iro-unit', source, cycleId, reviewNumber: h.reviewNumber, calendar: cal.snapshot,
        profileId: profile.id, timescales: disputeTimescales(profile.resolutionAndEscalation),
      }],
    });
    log(`dispute ${disputeId} opened (${source})`, source);
    return disputeId;
  }

  /** Effects of an action beyond the message (L10: silence is agreement; L11: no agreement opens a dispute). */
  function apply(o: Obligation, a: Action) {
    if (a.kind === 'open-dispute') {
      const h = model.reviewsHeld.find((x) => `r${x.reviewNumber}/starred-agreement` === o.key);
      if (h?.starred) { h.starred.disputeToOpen = true; changes++; }
    }
    if (a.kind === 'deemed-agreed') {
      const h = model.reviewsHeld.find((x) => `r${x.reviewNumber}/team-manager-response` === o.key);
      if (h && !h.teamManager) {
        h.teamManager = { response: 'deemed-agreed', on: today() };
        log(`no response from the team manager by ${o.due}: review ${h.reviewNumber}'s decisions deemed agreed`, 'L10');
      }
    }
  }

  // L1: the IRO unit is asked for the "20 day LAC review" at once.
  if (!input.carried) {
    const first = openReviewDue(model, profile, cal.calendar);
    await send('request-first-review', ['iro-unit'], 'L1', 'request-first-review',
      'Request for 20 day LAC review',
      `A child became looked after on ${model.becameLookedAfter} (team ${model.child.team}). Please appoint an IRO and book the first review, due by ${first.due} (${first.rule}).`,
      first.due);
  }

  let publishedDue: IsoDate | undefined;
  const publishDue = () => {
    const due = model.status === 'active' ? openReviewDue(model, profile, cal.calendar).due : undefined;
    if (due && due !== publishedDue) {
      upsertSearchAttributes([{ key: NEXT_DUE, value: new Date(`${due}T00:00:00Z`) }]);
      publishedDue = due;
    }
  };

  const notified = { postponementQa: model.postponementDates.length };
  const adultOn = eighteenthBirthday(model.child.dateOfBirth);

  while (model.status === 'active') {
    // Changes made while this pass awaits an activity must wake the sleep below, not be missed.
    const seenAtTop = changes;
    publishDue();
    const now = Date.now();
    // Ending: the child ceased to be looked after (L13) or turned 18 (L16).
    if (cease || londonDate(now) >= adultOn) {
      const reason = cease ? cease.reason : 'the child turned 18; looked-after status ends';
      model.status = cease ? 'ceased' : 'ended-at-18';
      model.ended = { on: cease?.on ?? adultOn, reason };
      log(cease ? `ceased to be looked after on ${cease.on}: ${cease.reason}; pending reviews and tasks cancelled` : `turned 18 on ${adultOn}; the cycle ends`, cease ? 'L13' : 'L16', cease?.by);
      const booked = model.open.booking;
      await send(`end/${model.status}`, ['iro-unit', 'iro', 'social-worker', 'team-manager'], cease ? 'L13' : 'L16', model.status,
        booked ? `Review ${model.open.number} on ${booked.meetingOn} is cancelled` : 'Looked-after review cycle ended',
        `${reason}.${booked ? ` The review booked for ${booked.meetingOn} is cancelled; please tell everyone invited why.` : ''} No further reviews are due in this period of care.`);
      endNoticesSent = true;
      break;
    }

    // Facts recorded by updates that tell someone at once (each once: the review remembers).
    for (const h of model.reviewsHeld) {
      const notice = async (name: string, when: boolean, to: Recipient[], rule: string, subject: string, body: string) => {
        if (!when || h.notices.includes(name)) return;
        await send(`r${h.reviewNumber}/${name}`, to, rule, name, subject, body);
        h.notices.push(name);
      };
      await notice('starred-recommendations', h.starredRecommendations.length > 0, ['principal-manager', 'strategic-manager'], 'L11',
        `Starred recommendations from review ${h.reviewNumber}`,
        `Review ${h.reviewNumber} held on ${h.heldOn} made ${h.starredRecommendations.length} starred recommendation(s): ${h.starredRecommendations.join('; ')}. Concerns within 5 working days (L11).`);
      if (h.starredRecommendations.length > 0 && !h.starred) h.starred = { notifiedOn: today() };
      // L10 / L11: a disagreement not settled, or starred recommendations not agreed, opens a dispute (section C).
      if (h.disagreement?.status === 'dispute-to-open' && !h.disagreement.disputeId && patched('cycle-opens-disputes')) {
        h.disagreement.disputeId = await openDispute(h, 'L10', 'practice', `The team manager disagreed with review ${h.reviewNumber}'s decisions: ${h.teamManager?.reason ?? ''}`);
        h.disagreement.status = 'dispute-open';
      }
      if (h.starred?.disputeToOpen && !h.starred.disputeId && patched('cycle-opens-disputes')) {
        h.starred.disputeId = await openDispute(h, 'L11', 'strategic', `Starred recommendations of review ${h.reviewNumber} not agreed within 10 working days of the concern: ${h.starred.concern?.note ?? ''}`);
      }
      await notice('chaired-by-team-manager', h.chair.as === 'team-manager', ['iro'], 'L17',
        `Review ${h.reviewNumber} was chaired by the team manager`,
        `The team manager (${h.chair.staffId}) chaired review ${h.reviewNumber} on ${h.heldOn} in your absence and reports back to you (L17).`);
      await notice('disagreement', h.teamManager?.response === 'disagreed', ['iro'], 'L10',
        `The team manager disagrees with review ${h.reviewNumber}'s decisions`,
        `Reason: ${h.teamManager?.reason}. Try to resolve it informally; if it is not settled, open a dispute (Resolution and Escalation).`);
      await notice('dispute-to-open', h.disagreement?.status === 'dispute-to-open', ['iro', 'iro-unit-manager'], 'L10',
        `Review ${h.reviewNumber}: disagreement not settled`,
        `The disagreement about review ${h.reviewNumber}'s decisions was not settled informally: a Resolution and Escalation dispute is to be opened. ${h.disagreement?.note ?? ''}`.trim());
    }
    // L7: a second postponement within 12 months goes to the service manager (quality assurance).
    if (model.postponementDates.length > notified.postponementQa) {
      notified.postponementQa = model.postponementDates.length;
      const latest = model.postponementDates[model.postponementDates.length - 1];
      const yearAgo = addYears(latest, -1);
      const inYear = model.postponementDates.filter((d) => d > yearAgo).length;
      if (inYear >= 2) {
        await send(`postponement-qa/${model.postponementDates.length}`, ['service-manager'], 'L7', 'postponement-quality-assurance',
          'More than one review postponement in 12 months',
          `${inYear} postponements in the 12 months to ${latest}; referred for quality assurance (L7).`);
      }
    }

    const due = obligations(model, profile, cal.calendar).flatMap((o) => o.actions.map((a) => ({ o, a })))
      .filter(({ a }) => !sent.has(a.id));
    const ready = due.filter(({ a }) => londonTime(a.on) <= now);
    if (ready.length) {
      // A broadcast may have missed this case: read the calendar once before sending anything.
      if (await cal.refreshOnce(now, loadCalendar)) continue;
      for (const { o, a } of ready) {
        const m = message(o, a);
        await send(a.id, a.to, o.rule, a.kind, m.subject, m.body, o.due);
        apply(o, a);
      }
      continue;
    }

    if (model.reviewsHeld.length > heldAtStart || workflowInfo().continueAsNewSuggested) break;

    const wakeAt = Math.min(londonTime(adultOn), ...due.map(({ a }) => londonTime(a.on)));
    // (Histories from before the fix slept from the count at this point.)
    const seen = patched('wake-on-changes-during-pass') ? seenAtTop : changes;
    await condition(() => changes !== seen || cease !== undefined, Math.max(1, wakeAt - Date.now()));
  }

  // The reporting projection (L18) holds every review held in this run.
  for (const r of model.reviewsHeld.slice(heldAtStart)) {
    await recordReviewOutcome({
      cycleId, team: model.child.team, reviewNumber: r.reviewNumber, heldOn: r.heldOn, due: r.due, onTime: r.onTime,
      participation: r.participation, ageAtReview: ageOn(model.child.dateOfBirth, r.heldOn),
    });
  }
  await condition(allHandlersFinished);
  if (model.status !== 'active') return summary();
  // One run per review: the next run starts from the review just held with everything carried over.
  return continueAsNew<typeof lookedAfterReviewCycle>({
    ...input,
    calendar: cal.snapshot,
    carried: { model, sent: pruneSent(sent, model) },
  });
}

/** Only what can still matter: ids of the last three reviews and of everything not per-review. */
function pruneSent(sent: Set<string>, model: CycleModel): string[] {
  const oldest = model.open.number - 3;
  return [...sent].filter((id) => {
    const m = /^r(\d+)\//.exec(id);
    return !m || Number(m[1]) >= oldest || model.reviewsHeld.some((h) => h.reviewNumber === Number(m[1]) && !isSettled(h));
  });
}

function isSettled(h: HeldReview): boolean {
  return Object.keys(h.after).length === 4 && h.teamManager !== undefined && h.decisions.every((d) => d.doneOn);
}

/** Obligations staff complete through completeTask; the review itself, booking and L10 have their own commands. */
export function isCompletable(o: Obligation): boolean {
  return !/\/(review|booking|resume|team-manager-response|starred-agreement)$/.test(o.key) && o.key !== 'appoint-iro';
}

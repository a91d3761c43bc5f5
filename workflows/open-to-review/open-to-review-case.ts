/**
 * One Open to Review case, or one series of short breaks (rules.md section B and L19): the letter
 * to the family and the window for representations, the team manager's decision note, then
 * 6-monthly reviews with a face-to-face review at least yearly (timed with the EHCP annual review),
 * the child and parents seen, plans shared, and Kent's assessment, supervision and transition
 * prompts. It sleeps until the next action's 09:00 in England and continues as new after each
 * review; it ends when the case leaves O2R (the team manager is told whom to allocate), is closed,
 * or the young person reaches the end of the 0-25 service.
 */
import { allHandlersFinished, condition, continueAsNew, proxyActivities, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { followCalendar } from '../case-kernel/case-calendar';
import { IsoDate, addYears } from '../calendar/iso-date';
import { londonDate, londonTime } from '../calendar/office-hours';
import { WorkingDayCalendar } from '../calendar/working-day-calendar';
import { CHAIR_ROLES, LEAVE_REASONS, OpenToReviewModel, REVIEW_TYPES } from './model';
import {
  OpenToReviewCaseInput,
  OpenToReviewCaseState,
  changePackage,
  closeOpenToReviewCase,
  completeOpenToReviewTask,
  openToReviewCaseStateQuery,
  reassignCaseholder,
  recordDecisionNote,
  recordOpenToReviewReview,
  recordRepresentation,
  recordVisit,
  setEhcpAnnualReview,
} from './messages';
import { OpenToReviewAction, OpenToReviewObligation, OpenToReviewRecipient, openToReviewObligations, nextReviewDue } from './obligations';
import { CASEHOLDER, NEXT_DUE } from '../search-attributes';
import { deadlineAfter } from '../timescales/interval';
import { date, refuse, staff, text } from '../case-kernel/validation';

const { notify, loadCalendar } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', maximumInterval: '5 minutes' },
});

/** The 0-25 service: a case runs at most to the 25th birthday; a short-breaks series (children's services) to the 18th. */
function endOfService(input: OpenToReviewCaseInput): IsoDate {
  return addYears(input.child.dateOfBirth, input.kind === 'short-breaks-series' ? 18 : 25);
}

function initialModel(input: OpenToReviewCaseInput, today: IsoDate, calendar: WorkingDayCalendar): OpenToReviewModel {
  const o2r = input.kind === 'open-to-review';
  return {
    caseId: input.caseId,
    kind: input.kind,
    variant: input.variant,
    child: input.child,
    caseholder: input.caseholder,
    openedOn: today,
    profileId: input.profileId,
    entry: o2r
      ? { rationale: input.rationale ?? '', letterOn: today, representationsBy: deadlineAfter(calendar, today, input.settings.representationWindow).date, representations: [] }
      : undefined,
    ehcpAnnualReviewOn: input.ehcpAnnualReviewOn,
    package: input.package,
    firstBreakOn: input.firstBreakOn,
    reviews: [],
    visits: [],
    done: {},
    status: o2r ? 'entry' : 'open',
    events: [{ on: today, what: o2r ? `O2R proposed; caseholder ${input.caseholder}` : `series of short breaks from ${input.firstBreakOn}; caseholder ${input.caseholder}`, rule: o2r ? 'O2' : 'L19', by: input.by }],
  };
}

export async function openToReviewCase(input: OpenToReviewCaseInput): Promise<OpenToReviewCaseState> {
  const { caseId, settings } = input;
  const cal = followCalendar(input.calendar, () => { changes++; });
  const today = () => londonDate(Date.now());
  const model: OpenToReviewModel = input.carried?.model ?? initialModel(input, today(), cal.calendar);
  const sent = new Set<string>(input.carried?.sent ?? []);
  const reviewsAtStart = model.reviews.length;
  let changes = 0;
  const log = (what: string, rule?: string, by?: string) => { model.events.push({ on: today(), what, rule, by }); changes++; };
  /** Notices an update asks the loop to send (each once). */
  const notices: { id: string; to: OpenToReviewRecipient[]; rule: string; kind: string; subject: string; body: string }[] = [];

  const state = (): OpenToReviewCaseState => ({
    ...model,
    nextReview: model.status === 'open' ? nextReviewDue(model) : undefined,
    obligations: openToReviewObligations(model, settings, cal.calendar),
    sent: [...sent],
    calendarRevision: cal.calendar.revision,
  });
  setHandler(openToReviewCaseStateQuery, state);

  const running = () => {
    if (['left', 'not-o2r', 'closed', 'ended'].includes(model.status)) refuse('caseId', `the case has ended (${model.ended?.reason ?? model.status})`, 'O4');
  };
  const past = (field: string, d: unknown) => {
    date(field, d);
    if ((d as IsoDate) > today()) refuse(field, `${d} is in the future (today is ${today()})`);
    if ((d as IsoDate) < model.openedOn) refuse(field, `${d} is before the case opened (${model.openedOn})`);
  };
  const bool = (field: string, v: unknown) => { if (typeof v !== 'boolean') refuse(field, 'true or false'); };

  // O2: the family's representations; an objection goes to the team manager at once.
  setHandler(recordRepresentation, ({ on, objection, summary, by }) => {
    model.entry!.representations.push({ on, objection, summary, by });
    log(objection ? `the family objects: ${summary}` : `the family's representation: ${summary}`, 'O2', by);
    if (objection) {
      notices.push({ id: `objection/${model.entry!.representations.length}`, to: ['team-manager'], rule: 'O2', kind: 'objection',
        subject: 'O2R: the family objects', body: `The family objected on ${on}: ${summary}. Consider it before recording the decision note (O2).` });
    }
    return state();
  }, {
    validator: ({ on, objection, summary, by }) => {
      if (model.status !== 'entry') refuse('caseId', 'representations are recorded while the move to O2R is being decided', 'O2');
      past('on', on); bool('objection', objection); text('summary', summary); staff('by', by);
    },
  });

  // O2: the team manager's decision note: rationale and first review date (or: not O2R after all).
  setHandler(recordDecisionNote, ({ decision, rationale, firstReviewOn, by }) => {
    const e = model.entry!;
    e.decision = { on: today(), by, decision, rationale, firstReviewOn };
    if (decision === 'o2r') {
      model.status = 'open';
      log(`team manager's decision note: O2R agreed; first review by ${firstReviewOn}. ${rationale}`, 'O2', by);
    } else {
      model.status = 'not-o2r';
      model.ended = { on: today(), reason: `not moved to O2R: ${rationale}`, allocateTo: 'social-worker' };
      log(`team manager's decision note: not O2R. ${rationale}`, 'O2', by);
    }
    return state();
  }, {
    validator: ({ decision, rationale, firstReviewOn, by }) => {
      if (model.status !== 'entry') refuse('caseId', 'the decision note has been recorded already', 'O2');
      if (decision !== 'o2r' && decision !== 'not-o2r') refuse('decision', 'o2r or not-o2r', 'O2');
      text('rationale', rationale); staff('by', by);
      const e = model.entry!;
      if (decision === 'o2r') {
        if (today() <= e.representationsBy) refuse('decision', `the family may make representations until ${e.representationsBy}; the move to O2R is decided after that`, 'O2');
        if (firstReviewOn === undefined) refuse('firstReviewOn', 'the decision note gives the first review date', 'O2');
        date('firstReviewOn', firstReviewOn);
        if (firstReviewOn <= today()) refuse('firstReviewOn', `${firstReviewOn} is not after today (${today()})`, 'O2');
        const limit = addYears(today(), 1);
        if (firstReviewOn > limit) refuse('firstReviewOn', `${firstReviewOn} is more than 12 months away (${limit}); O2R cases are reviewed at least yearly`, 'O3');
      }
    },
  });

  // O3-O4 (and L19): a review held; it says whether O2R continues.
  setHandler(recordOpenToReviewReview, (r) => {
    const due = nextReviewDue(model)!;
    const number = model.reviews.length + 1;
    model.reviews.push({
      number, heldOn: r.heldOn, type: r.type, due: due.due, onTime: r.heldOn <= due.due, childSeen: r.childSeen, parentsSeen: r.parentsSeen,
      chair: r.chair, outcome: r.outcome, leaveReason: r.leaveReason, note: r.note,
    });
    log(`review ${number} (${r.type}) held on ${r.heldOn}${r.heldOn <= due.due ? '' : `, late against ${due.due}`}; ${r.outcome === 'continue' ? 'O2R continues' : `leaves: ${r.leaveReason}`}`, due.rule, r.by);
    if (r.outcome === 'leave') {
      model.status = 'left';
      model.ended = { on: r.heldOn, reason: r.leaveReason!, allocateTo: r.leaveReason === 'more-frequent-reviews-needed' || r.leaveReason === 'no-longer-eligible' ? 'social-worker' : undefined };
    }
    return state();
  }, {
    validator: (r) => {
      running();
      if (model.status !== 'open') refuse('caseId', 'reviews start once the decision note has agreed O2R', 'O2');
      past('heldOn', r.heldOn);
      const last = model.reviews[model.reviews.length - 1];
      if (last && r.heldOn <= last.heldOn) refuse('heldOn', `${r.heldOn} is not after the last review (${last.heldOn})`);
      if (model.firstBreakOn && r.heldOn < model.firstBreakOn) refuse('heldOn', `${r.heldOn} is before the first short break (${model.firstBreakOn})`, 'L19');
      if (!(REVIEW_TYPES as readonly string[]).includes(r.type)) refuse('type', REVIEW_TYPES.join(' or '), 'O3');
      bool('childSeen', r.childSeen); bool('parentsSeen', r.parentsSeen); staff('by', r.by);
      if (!r.chair || !(CHAIR_ROLES as readonly string[]).includes(r.chair.role)) refuse('chair.role', CHAIR_ROLES.join(', '));
      if (r.chair.staffId !== undefined) staff('chair.staffId', r.chair.staffId);
      // O6 (Kent): the first review with overnight breaks is chaired by a senior practitioner or team manager.
      if (model.variant === 'kent' && model.reviews.length === 0 && model.package?.overnightShortBreaks && !['senior-practitioner', 'team-manager'].includes(r.chair.role)) {
        refuse('chair.role', 'the first review of a child with overnight short breaks is chaired by a senior practitioner or team manager', 'O6');
      }
      if (r.outcome !== 'continue' && r.outcome !== 'leave') refuse('outcome', 'continue or leave: every review decides whether O2R continues', 'O4');
      if (r.moreFrequentReviewsNeeded !== undefined) bool('moreFrequentReviewsNeeded', r.moreFrequentReviewsNeeded);
      if (r.outcome === 'continue' && r.moreFrequentReviewsNeeded && model.kind === 'open-to-review') {
        refuse('outcome', 'a case that needs more frequent reviews leaves O2R for an allocated social worker', 'O4');
      }
      if (r.outcome === 'leave') {
        if (!(LEAVE_REASONS as readonly string[]).includes(r.leaveReason ?? '')) refuse('leaveReason', LEAVE_REASONS.join(', '), 'O4');
      } else if (r.leaveReason !== undefined) refuse('leaveReason', 'only when the case leaves', 'O4');
      text('note', r.note, false);
    },
  });

  setHandler(recordVisit, ({ on, childSeen, parentsSeen, where, by }) => {
    model.visits.push({ on, childSeen, parentsSeen, where, by });
    log(`visit on ${on}: ${[childSeen && 'child seen', parentsSeen && 'parents seen'].filter(Boolean).join(', ') || 'neither seen'}`, model.variant === 'kent' ? 'O6' : 'O3', by);
    return state();
  }, {
    validator: ({ on, childSeen, parentsSeen, where, by }) => {
      running(); past('on', on); bool('childSeen', childSeen); bool('parentsSeen', parentsSeen); text('where', where, false); staff('by', by);
      if (!childSeen && !parentsSeen) refuse('childSeen', 'a visit records the child or the parents seen', 'O3');
    },
  });

  setHandler(setEhcpAnnualReview, ({ on, by }) => {
    const previous = model.ehcpAnnualReviewOn;
    model.ehcpAnnualReviewOn = on;
    log(previous ? `EHCP annual review moved from ${previous} to ${on}` : `EHCP annual review on ${on}`, 'O3', by);
    return state();
  }, { validator: ({ on, by }) => { running(); date('on', on); staff('by', by); if (on < today()) refuse('on', `${on} is in the past; record the next EHCP annual review`, 'O3'); } });

  setHandler(changePackage, ({ overnightShortBreaks, hoursPerWeek, by }) => {
    model.package = { overnightShortBreaks, hoursPerWeek };
    log(`package: ${overnightShortBreaks ? 'overnight short breaks, ' : ''}${hoursPerWeek} hours a week`, 'O6', by);
    return state();
  }, {
    validator: ({ overnightShortBreaks, hoursPerWeek, by }) => {
      running(); bool('overnightShortBreaks', overnightShortBreaks); staff('by', by);
      if (typeof hoursPerWeek !== 'number' || !(hoursPerWeek >= 0 && hoursPerWeek <= 168)) refuse('hoursPerWeek', 'hours a week, 0 to 168', 'O6');
    },
  });

  setHandler(completeOpenToReviewTask, ({ key, on, by }) => {
    model.done[key] = on;
    log(`${key} done on ${on}`, openToReviewObligations(model, settings, cal.calendar).find((o) => o.key === key)?.rule, by);
    return state();
  }, {
    validator: ({ key, on, by }) => {
      running(); past('on', on); staff('by', by);
      const open = openToReviewObligations(model, settings, cal.calendar).filter((o) => DONE_BY_TASK.test(o.key));
      if (!open.some((o) => o.key === key)) refuse('key', `not an open task here (open: ${open.map((o) => o.key).join(', ') || 'none'})`);
    },
  });

  // O5: the case moves to another O2R social worker (one by one, or a whole caseload).
  setHandler(reassignCaseholder, ({ to, caseloadAfter, capacityWarning, by }) => {
    const from = model.caseholder;
    model.caseholder = to;
    upsertSearchAttributes([{ key: CASEHOLDER, value: to }]);
    log(`caseholder changed from ${from} to ${to}`, 'O5', by);
    notices.push({ id: `caseholder/${model.events.length}`, to: ['caseholder'], rule: 'O5', kind: 'allocated', subject: 'O2R case allocated to you', body: `This case moved to you from ${from} on ${today()}.` });
    if (capacityWarning) notices.push(capacityNotice(to, caseloadAfter ?? 0, `caseload/${model.events.length}`));
    return state();
  }, { validator: ({ to, by }) => { running(); staff('to', to); staff('by', by); if (to === model.caseholder) refuse('to', `${to} already holds the case`, 'O5'); } });

  let close: { on: IsoDate; reason: string; by: string } | undefined;
  setHandler(closeOpenToReviewCase, ({ on, reason, by }) => {
    close = { on, reason, by };
    changes++;
    return state();
  }, { validator: ({ on, reason, by }) => { running(); past('on', on); text('reason', reason); staff('by', by); } });

  function capacityNotice(worker: string, caseload: number, id: string) {
    return {
      id, to: ['team-manager'] as OpenToReviewRecipient[], rule: 'O5', kind: 'caseload-over-capacity',
      subject: `O2R caseload over ${settings.caseloadCapacity}`,
      body: `${worker} now holds ${caseload} O2R cases, over the capacity of ${settings.caseloadCapacity} (O5). Review the caseload with the service manager.`,
    };
  }

  const address = (to: OpenToReviewRecipient): string => {
    switch (to) {
      case 'caseholder': return `user:${model.caseholder}`;
      case 'team-manager': return `team-manager:${model.child.team}`;
      case 'family': return `family:${caseId}`;
      default: return to;
    }
  };
  async function send(id: string, to: OpenToReviewRecipient[], rule: string, kind: string, subject: string, body: string, dueDate?: IsoDate) {
    if (sent.has(id)) return;
    for (const a of [...new Set(to.map(address))]) {
      await notify({ id: `${caseId}/${id}/${a}`, recipient: a, caseId, rule, kind, subject, body, dueDate });
    }
    sent.add(id);
  }
  const SUBJECT: Record<OpenToReviewAction['kind'], string> = { reminder: 'Reminder', overdue: 'Overdue', escalation: 'Escalation: overdue', prompt: 'Please act' };
  const message = (o: OpenToReviewObligation, a: OpenToReviewAction) => ({
    subject: `${SUBJECT[a.kind]}: ${o.what} (${o.rule})`,
    body: `${o.what}: due by ${o.due}, ${o.why} (${o.rule}).${a.kind === 'escalation' ? ' It is overdue and is escalated to you as the manager.' : ''}`,
  });

  // O2: the letter to the family with the rationale, and their chance to object.
  if (!input.carried && model.entry) {
    await send('letter', ['family', 'caseholder'], 'O2', 'letter-to-family', 'Your child\'s case is moving to Open to Review',
      `${model.entry.rationale.replace(/([^.!?])$/, '$1.')} Your contact is the Open to Review social worker. If you object, please tell us by ${model.entry.representationsBy} (O2).`);
  }
  if (!input.carried && input.caseloadBefore !== undefined && input.caseloadBefore + 1 > settings.caseloadCapacity) {
    const n = capacityNotice(input.caseholder, input.caseloadBefore + 1, 'caseload/start');
    await send(n.id, n.to, n.rule, n.kind, n.subject, n.body);
  }

  const endsOn = endOfService(input);
  let publishedDue: IsoDate | undefined;
  while (true) {
    // Changes made while this pass awaits an activity must wake the sleep below, not be missed.
    const seen = changes;
    const now = Date.now();
    if (close || londonDate(now) >= endsOn) {
      model.status = close ? 'closed' : 'ended';
      model.ended = { on: close?.on ?? endsOn, reason: close ? close.reason : `reached ${input.kind === 'short-breaks-series' ? '18' : '25'}: the end of the service` };
      log(close ? `case closed: ${close.reason}` : model.ended.reason, input.kind === 'short-breaks-series' ? 'L19' : 'O4', close?.by);
    }
    while (notices.length) {
      const n = notices.shift()!;
      await send(n.id, n.to, n.rule, n.kind, n.subject, n.body);
    }
    if (model.status !== 'entry' && model.status !== 'open') break;

    const review = model.status === 'open' ? nextReviewDue(model)?.due : undefined;
    if (review && review !== publishedDue) {
      upsertSearchAttributes([{ key: NEXT_DUE, value: new Date(`${review}T00:00:00Z`) }]);
      publishedDue = review;
    }
    const due = openToReviewObligations(model, settings, cal.calendar).flatMap((o) => o.actions.map((a) => ({ o, a }))).filter(({ a }) => !sent.has(a.id));
    const ready = due.filter(({ a }) => londonTime(a.on) <= now);
    if (ready.length) {
      // A broadcast may have missed this case: read the calendar once before sending anything.
      if (await cal.refreshOnce(now, loadCalendar)) continue;
      for (const { o, a } of ready) {
        const m = message(o, a);
        await send(a.id, a.to, o.rule, a.kind, m.subject, m.body, o.due);
      }
      continue;
    }
    if (model.reviews.length > reviewsAtStart || workflowInfo().continueAsNewSuggested) break;
    const wakeAt = Math.min(londonTime(endsOn), ...due.map(({ a }) => londonTime(a.on)));
    await condition(() => changes !== seen || close !== undefined || notices.length > 0, Math.max(1, wakeAt - Date.now()));
  }

  // Leaving O2R, or not moving to it: the team manager allocates the case to a social worker (O4).
  if (model.ended && (model.status === 'left' || model.status === 'not-o2r')) {
    const allocate = model.ended.allocateTo === 'social-worker';
    await send(`end/${model.status}`, ['team-manager', 'caseholder'], model.status === 'not-o2r' ? 'O2' : 'O4', model.status,
      allocate ? 'Case leaves Open to Review: allocate a social worker' : 'Case leaves Open to Review',
      `${model.ended.reason} (${model.ended.on}).${allocate ? ' Please allocate the case to a social worker.' : ''}`);
  }
  await condition(allHandlersFinished);
  if (model.status === 'entry' || model.status === 'open') {
    // One run per review: the next run carries everything over.
    return continueAsNew<typeof openToReviewCase>({ ...input, calendar: cal.snapshot, carried: { model, sent: pruneSent(sent, model, openToReviewObligations(model, settings, cal.calendar)) } });
  }
  return state();
}

/** Tasks the API may mark done (reviews, visits and the decision note have their own commands). */
const DONE_BY_TASK = /^(r\d+\/plan-shared|assessment|supervision|transition)$/;

/** Only ids that can still matter: those of obligations still open, recent ones, and undated notices. */
function pruneSent(sent: Set<string>, model: OpenToReviewModel, open: OpenToReviewObligation[]): string[] {
  const live = new Set(open.flatMap((o) => o.actions.map((a) => a.id)));
  const keepFrom = model.reviews.length ? model.reviews[Math.max(0, model.reviews.length - 3)].heldOn : model.openedOn;
  return [...sent].filter((id) => {
    const d = /\/(\d{4}-\d{2}-\d{2})\//.exec(id)?.[1];
    return !d || d >= keepFrom || live.has(id);
  });
}

/**
 * The CIN case's commands (rules.md D1-D6), each a pure validate + apply over the model, and the
 * start's check that names every unmet requirement at once. Unit-tested without Temporal.
 */
import { IsoDate } from '../calendar/iso-date';
import { CaseContext, Command } from '../case-kernel/command';
import { RefusalDetail, date, refuse, refuseEnded, staff, text } from '../case-kernel/validation';
import { deadlineAfter } from '../timescales/interval';
import { APPROVER_ROLES, ATTENDANCE, CIN_CRITERIA, CIN_ENDINGS, CinModel, CinSettings, STEP_DOWN_CRITERION } from './model';
import { CinReviewHeld, CinStart, CinTaskDone, EndCin, FirstDate, MoveReview, ReportRequested } from './messages';
import { cinObligations } from './obligations';

export interface CinContext extends CaseContext {
  settings: CinSettings;
}
type CinCommand<I> = Command<CinModel, I, CinContext>;

/** A care team member's or agency's short key: it becomes part of a task key. */
export const MEMBER_KEY = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** D1-D2: every unmet requirement for an IRO to chair, so the refusal lists them all. */
export function startFailures(
  s: Pick<CinStart, 'criteria' | 'outsideCriteriaReason' | 'approvedBy' | 'agreedBy' | 'steppedDownFrom'>,
): RefusalDetail[] {
  const out: RefusalDetail[] = [];
  const criteria = Array.isArray(s.criteria) ? s.criteria : [];
  const unknown = criteria.filter((c) => !(CIN_CRITERIA as readonly string[]).includes(c));
  if (unknown.length)
    out.push({
      field: 'criteria',
      rule: 'D1',
      message: `not a criterion: ${unknown.join(', ')} (the criteria: ${CIN_CRITERIA.join(', ')})`,
    });
  if (!criteria.length && !s.outsideCriteriaReason?.trim()) {
    out.push({
      field: 'criteria',
      rule: 'D1',
      message: 'name the criteria that hold, or why an IRO chair adds value outside them (outsideCriteriaReason)',
    });
  }
  if (s.steppedDownFrom !== undefined && !criteria.includes(STEP_DOWN_CRITERION)) {
    out.push({ field: 'criteria', rule: 'D1', message: `a step down from a looked-after plan is the criterion ${STEP_DOWN_CRITERION}` });
  }
  if (!s.approvedBy || !(APPROVER_ROLES as readonly string[]).includes(s.approvedBy.role) || !s.approvedBy.staffId) {
    out.push({ field: 'approvedBy', rule: 'D2', message: 'the team manager or consultant social worker who approved the referral' });
  }
  if (!s.agreedBy) out.push({ field: 'agreedBy', rule: 'D2', message: "the IRO unit's agreement that an IRO chairs (who agreed it)" });
  return out;
}

export function initialModel(s: CinStart, today: IsoDate): CinModel {
  const why = s.criteria.length ? `criteria: ${s.criteria.join(', ')}` : `outside the criteria: ${s.outsideCriteriaReason}`;
  return {
    caseId: s.caseId,
    child: s.child,
    socialWorker: s.socialWorker,
    iro: s.iro,
    profileId: s.profileId,
    openedOn: today,
    criteria: s.criteria,
    outsideCriteriaReason: s.outsideCriteriaReason,
    approvedBy: s.approvedBy,
    agreedBy: s.agreedBy,
    steppedDownFrom: s.steppedDownFrom,
    moves: [],
    reviews: [],
    reportsRequested: [],
    done: {},
    status: 'open',
    events: [
      {
        on: today,
        what: `IRO ${s.iro} chairs (${why}); approved by ${s.approvedBy.role} ${s.approvedBy.staffId}, agreed by the IRO unit (${s.agreedBy})${s.steppedDownFrom ? `; steps down from ${s.steppedDownFrom}` : ''}`,
        rule: 'D2',
        by: s.by,
      },
    ],
  };
}

const log = (m: CinModel, c: CinContext, what: string, rule: string, by: string) => m.events.push({ on: c.today, what, rule, by });
const running = (m: CinModel) => {
  if (m.status !== 'open') refuseEnded('caseId', `the case has ended (${m.ended?.outcome})`);
};
const notPast = (field: string, v: unknown, c: CinContext) => {
  if (date(field, v) < c.today) refuse(field, `${v} is in the past (today is ${c.today})`);
};
/** D4: a profile's maximum interval between reviews (none in the seed). */
function withinMax(field: string, to: IsoDate, from: IsoDate, c: CinContext) {
  if (!c.settings.maxInterval) return;
  const limit = deadlineAfter(c.calendar, from, c.settings.maxInterval).date;
  if (to > limit)
    refuse(field, `${to} is after ${limit}, the longest interval between reviews this authority allows (local setting)`, 'D4');
}
const members = (field: string, v: unknown): string[] => {
  if (!Array.isArray(v) || v.length > 50 || v.some((x) => typeof x !== 'string' || !MEMBER_KEY.test(x)))
    refuse(field, 'a list of care team members (short keys: school, health-visitor)');
  return v as string[];
};

/** D3: the social worker agreed the first date with the chair and family, booked a venue and invited the care team. */
export const agreeFirstDateCommand: CinCommand<FirstDate> = {
  validate(m, i, c) {
    running(m);
    if (m.booking) refuse('date', `the first review was arranged on ${m.booking.on}; move the agreed date instead`, 'D4');
    notPast('date', i.date, c);
    text('venue', i.venue);
    staff('by', i.by);
    if (!members('invited', i.invited).length) refuse('invited', 'invite the care team members', 'D3');
    withinMax('date', i.date, m.openedOn, c);
  },
  apply(m, i, c) {
    m.booking = { on: c.today, venue: i.venue, invited: i.invited };
    m.nextDate = i.date;
    log(m, c, `first review agreed for ${i.date} at ${i.venue}; invited: ${i.invited.join(', ')}`, 'D3', i.by);
  },
};

/** D4: an agreed date is moved only when absolutely necessary: the reason is recorded and counted. */
export const moveReviewCommand: CinCommand<MoveReview> = {
  validate(m, i, c) {
    running(m);
    if (!m.nextDate) refuse('to', 'no date is agreed yet: the social worker agrees the first one', 'D3');
    notPast('to', i.to, c);
    if (i.to === m.nextDate) refuse('to', `${i.to} is the date already agreed`, 'D4');
    text('reason', i.reason);
    staff('by', i.by);
    withinMax('to', i.to, m.reviews.at(-1)?.heldOn ?? m.openedOn, c);
  },
  apply(m, i, c) {
    m.moves.push({ on: c.today, from: m.nextDate!, to: i.to, reason: i.reason, by: i.by });
    log(m, c, `review moved from ${m.nextDate} to ${i.to} (move ${m.moves.length}): ${i.reason}`, 'D4', i.by);
    m.nextDate = i.to;
  },
};

/** D4-D5: a review held, with who was there and the date agreed for the next. */
export const recordReviewCommand: CinCommand<CinReviewHeld> = {
  validate(m, i, c) {
    running(m);
    if (!m.nextDate) refuse('heldOn', 'no review is arranged yet: the social worker agrees the first date', 'D3');
    const heldOn = date('heldOn', i.heldOn);
    if (heldOn > c.today) refuse('heldOn', `${heldOn} is in the future (today is ${c.today})`);
    const last = m.reviews.at(-1)?.heldOn ?? m.openedOn;
    if (heldOn < last || (m.reviews.length && heldOn === last))
      refuse('heldOn', `${heldOn} is not after ${m.reviews.length ? 'the last review' : 'the case opened'} (${last})`);
    staff('chair', i.chair);
    staff('by', i.by);
    if (typeof i.socialWorkerPresent !== 'boolean') refuse('socialWorkerPresent', 'true or false', 'D5');
    if (i.presentInstead !== undefined) {
      staff('presentInstead.staffId', i.presentInstead?.staffId);
      if (!['social-worker', 'team-manager'].includes(i.presentInstead.role))
        refuse('presentInstead.role', 'social-worker or team-manager', 'D5');
    }
    if (!i.socialWorkerPresent && !i.presentInstead) {
      refuse(
        'socialWorkerPresent',
        'a review does not take place without the allocated social worker, or a social worker or team manager who knows the case well (presentInstead)',
        'D5',
      );
    }
    if (!Array.isArray(i.careTeam)) refuse('careTeam', 'how each care team member took part', 'D5');
    for (const [n, t] of i.careTeam.entries()) {
      members(`careTeam[${n}].member`, [t?.member]);
      if (!(ATTENDANCE as readonly string[]).includes(t.attendance)) refuse(`careTeam[${n}].attendance`, ATTENDANCE.join(', '), 'D5');
      if (t.attendance === 'deputy') text(`careTeam[${n}].deputy`, t.deputy);
    }
    const next = date('nextDate', i.nextDate);
    if (next <= heldOn) refuse('nextDate', `${next} is not after the review (${heldOn}): the next date is agreed at the meeting`, 'D4');
    withinMax('nextDate', next, heldOn, c);
    text('note', i.note, false);
  },
  apply(m, i, c) {
    const number = m.reviews.length + 1;
    const agreedDate = m.nextDate!;
    m.reviews.push({
      number,
      heldOn: i.heldOn,
      agreedDate,
      onTime: i.heldOn <= agreedDate,
      chair: i.chair,
      socialWorkerPresent: i.socialWorkerPresent,
      presentInstead: i.presentInstead,
      careTeam: i.careTeam,
      nextDate: i.nextDate,
      note: i.note,
    });
    m.nextDate = i.nextDate;
    const awaited = i.careTeam.filter((t) => t.attendance === 'report-awaited').map((t) => t.member);
    log(
      m,
      c,
      `review ${number} held on ${i.heldOn}${i.heldOn <= agreedDate ? '' : `, late against ${agreedDate}`}; next agreed for ${i.nextDate}${awaited.length ? `; written reports awaited: ${awaited.join(', ')}` : ''}`,
      'D4',
      i.by,
    );
  },
};

/** D5-D6: a document provided or a written report received. */
export const completeTaskCommand: CinCommand<CinTaskDone> = {
  validate(m, i, c) {
    running(m);
    if (date('on', i.on) > c.today) refuse('on', `${i.on} is in the future`);
    staff('by', i.by);
    const open = cinObligations(m, c.settings, c.calendar).filter((o) => o.key.includes('/'));
    if (!open.some((o) => o.key === i.key)) refuse('key', `not an open task here (open: ${open.map((o) => o.key).join(', ') || 'none'})`);
  },
  apply(m, i, c) {
    m.done[i.key] = i.on;
    log(m, c, `${i.key} done on ${i.on}`, i.key.includes('/report/') ? 'D5' : 'D6', i.by);
  },
};

/** D6: the social worker requested a report from another agency in the care team. */
export const requestReportCommand: CinCommand<ReportRequested> = {
  validate(m, i) {
    running(m);
    members('agency', [i.agency]);
    staff('by', i.by);
  },
  apply(m, i, c) {
    m.reportsRequested.push({ on: c.today, agency: i.agency, by: i.by, forReview: m.reviews.length + 1 });
    log(m, c, `report requested from ${i.agency} for review ${m.reviews.length + 1}`, 'D6', i.by);
  },
};

/** The case ends: closed, stepped up (child protection or looked after) or stepped down. */
export const endCommand: CinCommand<EndCin> = {
  validate(m, i, c) {
    running(m);
    const on = date('on', i.on);
    if (on > c.today || on < m.openedOn) refuse('on', `${on} must be from the case's start (${m.openedOn}) to today`);
    if (!(CIN_ENDINGS as readonly string[]).includes(i.outcome)) refuse('outcome', CIN_ENDINGS.join(', '));
    text('summary', i.summary);
    staff('by', i.by);
  },
  apply(m, i, c) {
    m.status = 'ended';
    m.nextDate = undefined;
    const held = m.reviews.length;
    const late = m.reviews.filter((r) => !r.onTime).length;
    const summary = `${i.summary} (${held} review${held === 1 ? '' : 's'} held, ${late} late, ${m.moves.length} date${m.moves.length === 1 ? '' : 's'} moved)`;
    m.ended = { on: i.on, outcome: i.outcome, summary, by: i.by };
    log(m, c, `case ended (${i.outcome}): ${summary}`, 'D4', i.by);
  },
};

/**
 * The CIN case's commands (rules.md D3-D6), each a pure validate + apply over the model (the start,
 * D1-D2, is opening.ts). Recorded after the fact, a command takes the day it happened (`on`, default
 * today), in order with the case's facts, and is judged on that day. Unit-tested without Temporal.
 */
import { IsoDate } from '../calendar/iso-date';
import { CaseContext, Command } from '../case-kernel/command';
import { date, effectiveDate, refuse, refuseEnded, staff, text } from '../case-kernel/validation';
import { deadlineAfter } from '../timescales/interval';
import { ATTENDANCE, CIN_DOCUMENTS, CIN_ENDINGS, CinModel, CinSettings, careTeamFor } from './model';
import { CinReviewHeld, CinTaskDone, EndCin, FirstDate, MoveReview, ReportRequested } from './messages';
import { cinObligations, dateSet } from './obligations';

export interface CinContext extends CaseContext {
  settings: CinSettings;
}
type CinCommand<I> = Command<CinModel, I, CinContext>;

/** A care team member's or agency's short key: it becomes part of a task key. */
export const MEMBER_KEY = /^[a-z0-9][a-z0-9-]{0,39}$/;

const log = (m: CinModel, c: CinContext, what: string, rule: string, by: string) => m.events.push({ on: c.today, what, rule, by });
const running = (m: CinModel) => {
  if (m.status !== 'open') refuseEnded('caseId', `the case has ended (${m.ended?.outcome})`);
};
/** A date not before `on` (default today: not in the past). */
const notPast = (field: string, v: unknown, c: CinContext, on = c.today, rule?: string) => {
  if (date(field, v) < on)
    refuse(field, `${v} is ${on === c.today ? 'in the past' : 'before it was agreed'} (${on === c.today ? 'today is ' : ''}${on})`, rule);
};
/** The day a fact happened: `on` (recorded after it) or today, not before the case opened nor `after`. */
const factOn = (m: CinModel, c: CinContext, on: unknown, rule: string, after: [IsoDate | undefined, string][] = []) =>
  effectiveDate('on', on, c.today, [[m.openedOn, 'the case opened (the IRO chair agreed)'], ...after], rule);
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
    const on = factOn(m, c, i.on, 'D3');
    notPast('date', i.date, c, on, 'D3');
    text('venue', i.venue);
    staff('by', i.by);
    if (!members('invited', i.invited).length) refuse('invited', 'invite the care team members', 'D3');
  },
  apply(m, i, c) {
    m.booking = { on: i.on ?? c.today, venue: i.venue, invited: i.invited };
    m.nextDate = i.date;
    log(m, c, `first review agreed for ${i.date} at ${i.venue}; invited: ${i.invited.join(', ')}`, 'D3', i.by);
  },
};

/** D4: an agreed date is moved only when absolutely necessary: the reason is recorded and counted. */
export const moveReviewCommand: CinCommand<MoveReview> = {
  validate(m, i, c) {
    running(m);
    if (!m.nextDate) refuse('to', 'no date is agreed yet: the social worker agrees the first one', 'D3');
    const on = factOn(m, c, i.on, 'D4', [[dateSet(m), 'the date now agreed was set']]);
    if (m.nextDate < on) {
      refuse(
        'to',
        `the review agreed for ${m.nextDate} has passed without being held: record it when it is held (it is late), not a new date`,
        'D4',
      );
    }
    notPast('to', i.to, c, on, 'D4');
    if (i.to === m.nextDate) refuse('to', `${i.to} is the date already agreed`, 'D4');
    text('reason', i.reason);
    staff('by', i.by);
    const last = m.reviews.at(-1);
    if (last) withinMax('to', i.to, last.heldOn, c);
  },
  apply(m, i, c) {
    m.moves.push({ on: i.on ?? c.today, from: m.nextDate!, to: i.to, reason: i.reason, by: i.by });
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
    if (!m.reviews.length && m.booking && heldOn < m.booking.on)
      refuse('heldOn', `${heldOn} is before the first date was agreed with the chair and family (${m.booking.on})`, 'D3');
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
    const seen = new Set<string>();
    for (const [n, t] of i.careTeam.entries()) {
      members(`careTeam[${n}].member`, [t?.member]);
      if (seen.has(t.member)) refuse(`careTeam[${n}].member`, `${t.member} is recorded twice`, 'D5');
      seen.add(t.member);
      if (!(ATTENDANCE as readonly string[]).includes(t.attendance)) refuse(`careTeam[${n}].attendance`, ATTENDANCE.join(', '), 'D5');
      if (t.attendance === 'deputy') text(`careTeam[${n}].deputy`, t.deputy);
    }
    // Every care team member attends, sends a deputy or a written report (or has left the care team).
    const unaccounted = careTeamFor(m).filter((member) => !seen.has(member));
    if (unaccounted.length) {
      refuse(
        'careTeam',
        `say how ${unaccounted.join(', ')} took part (attended, deputy, written-report, report-awaited or left-care-team)`,
        'D5',
      );
    }
    const next = date('nextDate', i.nextDate);
    if (next <= heldOn) refuse('nextDate', `${next} is not after the review (${heldOn}): the next date is agreed at the meeting`, 'D4');
    withinMax('nextDate', next, heldOn, c);
    text('note', i.note, false);
  },
  apply(m, i, c) {
    const number = m.reviews.length + 1;
    const agreedDate = m.nextDate!;
    const documentsMissing = CIN_DOCUMENTS.filter((d) => !m.done[`r${number}/documents/${d}`]);
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
      ...(documentsMissing.length ? { documentsMissing } : {}),
      note: i.note,
    });
    m.nextDate = i.nextDate;
    const awaited = i.careTeam.filter((t) => t.attendance === 'report-awaited').map((t) => t.member);
    log(
      m,
      c,
      `review ${number} held on ${i.heldOn}${i.heldOn <= agreedDate ? '' : `, late against ${agreedDate}`}; next agreed for ${i.nextDate}${awaited.length ? `; written reports awaited: ${awaited.join(', ')}` : ''}${documentsMissing.length ? `; documents not provided in full (D6): ${documentsMissing.join(', ')}` : ''}`,
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
    if (i.on < m.openedOn) refuse('on', `${i.on} is before the case opened (${m.openedOn})`);
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
  validate(m, i, c) {
    running(m);
    members('agency', [i.agency]);
    staff('by', i.by);
    factOn(m, c, i.on, 'D6', [[m.reviews.at(-1)?.heldOn, 'the last review held (it is for the next one)']]);
  },
  apply(m, i, c) {
    m.reportsRequested.push({ on: i.on ?? c.today, agency: i.agency, by: i.by, forReview: m.reviews.length + 1 });
    log(m, c, `report requested from ${i.agency} for review ${m.reviews.length + 1}`, 'D6', i.by);
  },
};

/** The case ends: closed, stepped up (child protection or looked after) or stepped down. */
export const endCommand: CinCommand<EndCin> = {
  validate(m, i, c) {
    running(m);
    const on = date('on', i.on);
    if (on > c.today || on < m.openedOn) refuse('on', `${on} must be from the case's start (${m.openedOn}) to today`);
    const last = m.reviews.at(-1);
    if (last && on < last.heldOn) refuse('on', `${on} is before the last review held (${last.heldOn})`);
    if (!(CIN_ENDINGS as readonly string[]).includes(i.outcome)) refuse('outcome', CIN_ENDINGS.join(', '));
    text('summary', i.summary);
    staff('by', i.by);
  },
  apply(m, i, c) {
    // D4: a review due by its agreed date and not held by the end is late too.
    const missedReview = m.nextDate && m.nextDate < i.on ? m.nextDate : undefined;
    m.status = 'ended';
    m.nextDate = undefined;
    const held = m.reviews.length;
    const late = m.reviews.filter((r) => !r.onTime).length + (missedReview ? 1 : 0);
    const missed = missedReview ? `, the review due ${missedReview} not held` : '';
    const summary = `${i.summary} (${held} review${held === 1 ? '' : 's'} held, ${late} late${missed}, ${m.moves.length} date${m.moves.length === 1 ? '' : 's'} moved)`;
    m.ended = { on: i.on, outcome: i.outcome, summary, by: i.by, ...(missedReview ? { missedReview } : {}) };
    log(m, c, `case ended (${i.outcome}): ${summary}`, 'D4', i.by);
  },
};

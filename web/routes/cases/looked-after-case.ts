/**
 * The looked-after case page's content, from the cycle's state (the API's GET .../:cycleId): who holds
 * the case, the next review and how its date was counted, the reviews held, everything still owed
 * with the rule and source it was counted by, the agenda, the events, and the commands this user may use.
 */
import { RULES } from '../../../data/rule-sources';
import { casePagePath } from '../../../platform/case-pages';
import { govukDate } from '../../nunjucks-setup';
import { Principal } from '../../../platform/auth/roles';
import { IsoDate } from '../../../workflows/calendar/iso-date';
import { WorkingDayCalendar } from '../../../workflows/calendar/working-day-calendar';
import { CycleState } from '../../../workflows/looked-after-cycle/messages';
import { Obligation } from '../../../workflows/looked-after-cycle/obligations';
import { Counting } from '../../../workflows/timescales/interval';
import { LAC_ACTIONS, REVIEW_ACTIONS, lacPath, mayUse, ownerText } from './looked-after-actions';

const UNIT: Record<string, [string, string]> = {
  workingDays: ['working day', 'working days'],
  days: ['day', 'days'],
  months: ['month', 'months'],
};

/** "20 working days, to 22 December 2026" (the view formats the date). */
export function countingText(c: Counting[]): { text: string; date: IsoDate }[] {
  return c.map((x) => {
    const [one, many] = UNIT[x.unit] ?? [x.unit, x.unit];
    const n = Math.abs(x.n);
    return { text: `${n} ${n === 1 ? one : many}${x.n < 0 ? ' before' : ''}`, date: x.date };
  });
}

/** "L9: after the meeting: ... (002 §6, §12)": the rule's words and the procedures it comes from. */
export function ruleText(rule: string): string {
  return rule
    .split(',')
    .map((id) => id.trim())
    .map((id) => (RULES[id] ? `${id}: ${RULES[id].title} (${RULES[id].source})` : id))
    .join('; ');
}

/** Working days from today to `due` (0 on the day, negative when past). */
export function workingDaysLeft(cal: WorkingDayCalendar, today: IsoDate, due: IsoDate): number {
  if (due === today) return 0;
  let n = 0;
  let d = today;
  const step = due > today ? 1 : -1;
  for (let i = 0; i < 400 && d !== due; i++) {
    d = addDay(d, step);
    if (cal.isWorkingDay(d)) n += step;
  }
  return n;
}

const leftText = (n: number) =>
  n === 0 ? 'due today' : n > 0 ? `${n} working ${n === 1 ? 'day' : 'days'} left` : `${-n} working ${n === -1 ? 'day' : 'days'} overdue`;

function addDay(d: IsoDate, n: number): IsoDate {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}

/** What an obligation's deadline was counted from, in words, as far as the state tells. */
function basisOf(s: CycleState, o: Obligation): { from?: string; fromDate?: IsoDate; counting?: { text: string; date: IsoDate }[] } {
  const n = Number(/^r(\d+)\//.exec(o.key)?.[1]);
  if (o.key === `r${s.open.number}/review`)
    return { from: `Counted from ${s.nextReview.baseEvent}`, fromDate: s.nextReview.base, counting: countingText(s.nextReview.counting) };
  const held = s.reviewsHeld.find((h) => h.reviewNumber === n);
  if (held) {
    const circulated = held.after['decisions-circulated'];
    if (o.key.endsWith('/team-manager-response') && circulated)
      return { from: `Counted from the day review ${n}’s decisions were circulated`, fromDate: circulated };
    return { from: `Counted from the day review ${n} was held`, fromDate: held.heldOn };
  }
  if (n === s.open.number) {
    const meeting = s.open.booking?.meetingOn;
    if (o.key.endsWith('/resume') && s.open.adjournment)
      return { from: 'Counted from the adjourned meeting', fromDate: s.open.adjournment.on };
    return meeting
      ? { from: 'Counted back from the booked meeting', fromDate: meeting }
      : { from: 'Counted back from the review’s due date', fromDate: s.nextReview.due };
  }
  if (o.key === 'appoint-iro') return { from: 'Counted from the day the child became looked after', fromDate: s.becameLookedAfter };
  return {};
}

/** "L9: ... (002 §6). Counted from the day review 1 was held (24 November 2026)": one sentence, escaped once by the view. */
function countedText(rule: string, b: ReturnType<typeof basisOf>): string {
  const from = b.from ? `. ${b.from}${b.fromDate ? ` (${govukDate(b.fromDate)})` : ''}` : '';
  return `${ruleText(rule)}${from}${(b.counting ?? []).map((c) => `; ${c.text}: ${govukDate(c.date)}`).join('')}`;
}

export function casePageModel(s: CycleState, p: Principal, today: IsoDate, cal: WorkingDayCalendar) {
  const base = lacPath(s.cycleId);
  const active = s.status === 'active';
  const obligations = [...s.obligations]
    .sort((a, b) => a.due.localeCompare(b.due))
    .map((o) => ({ ...o, owner: ownerText(o.owner), overdue: o.due < today, counted: countedText(o.rule, basisOf(s, o)) }));
  const awaitingManager = s.obligations
    .filter((o) => o.key.endsWith('/team-manager-response'))
    .map((o) => ({
      reviewNumber: Number(/^r(\d+)\//.exec(o.key)?.[1]),
      due: o.due,
      left: leftText(workingDaysLeft(cal, today, o.due)),
    }));
  const actions = Object.values(LAC_ACTIONS)
    .filter((a) => mayUse(a, p))
    .filter((a) => active || a.path === LAC_ACTIONS.tasks.path)
    .map((a) => ({ href: `${base}${a.path}`, text: a.text }));
  // A held review's own commands, where there is something to answer.
  for (const h of s.reviewsHeld) {
    const at = (a: { path: string; text: string }) => ({
      href: `${base}/reviews/${h.reviewNumber}${a.path}`,
      text: `Review ${h.reviewNumber}: ${a.text}`,
    });
    if (!h.teamManager && mayUse(REVIEW_ACTIONS.decisionResponse, p)) actions.push(at(REVIEW_ACTIONS.decisionResponse));
    if (h.disagreement?.status === 'informal' && mayUse(REVIEW_ACTIONS.disagreement, p)) actions.push(at(REVIEW_ACTIONS.disagreement));
    if (h.starred && !h.starred.agreedOn && !h.starred.disputeId && mayUse(REVIEW_ACTIONS.starred, p))
      actions.push(at(REVIEW_ACTIONS.starred));
  }
  // L10, L11: disputes opened from this cycle's reviews have their own pages.
  const disputes = s.reviewsHeld.flatMap((h) => [
    ...(h.disagreement?.disputeId
      ? [{ href: casePagePath(h.disagreement.disputeId), text: `Review ${h.reviewNumber}: the team manager’s disagreement (L10)` }]
      : []),
    ...(h.starred?.disputeId
      ? [{ href: casePagePath(h.starred.disputeId), text: `Review ${h.reviewNumber}: the starred recommendations (L11)` }]
      : []),
  ]);
  const late = (x?: { due: IsoDate; late: boolean }) => (x?.late ? ` (late: due by ${govukDate(x.due)}, L1)` : '');
  return {
    s,
    active,
    disputes,
    iroText: s.iro ? `${s.iro.staffId}, appointed ${govukDate(s.iro.appointedOn)}${late(s.iroAppointment)}` : 'Not appointed yet',
    notifiedText: s.iroUnitNotification ? `${govukDate(s.iroUnitNotification.on)}${late(s.iroUnitNotification)}` : undefined,
    base,
    nextReview: active ? { ...s.nextReview, counted: countingText(s.nextReview.counting), rules: ruleText(s.nextReview.rule) } : undefined,
    open: s.open,
    reviews: s.reviewsHeld.map((h) => ({ ...h, rules: ruleText(h.rule) })),
    obligations,
    awaitingManager,
    events: s.events,
    agenda: s.agenda.map((a) => ({ ...a, rules: ruleText(a.rule) })),
    actions,
  };
}

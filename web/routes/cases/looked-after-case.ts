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
import { Counting } from '../../../workflows/timescales/interval';
import { PolicyProfile } from '../../../workflows/timescales/policy-profile';
import { LAC_ACTIONS, LacAction, OPEN_DISPUTE, REVIEW_ACTIONS, lacPath, mayUse, ownerText } from './looked-after-actions';
import { datesInWords, workingDaysBetween } from './counting';
import { countingOf } from './looked-after-basis';
import { adjournedText, heldReviews, placementChanges, starredAwaiting } from './looked-after-reviews';

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

const leftText = (n: number) =>
  n === 0 ? 'due today' : n > 0 ? `${n} working ${n === 1 ? 'day' : 'days'} left` : `${-n} working ${n === -1 ? 'day' : 'days'} overdue`;

/** A dispute about this cycle, as its page lists it (found by the route: the register's disputes that carry this cycle id). */
export interface CycleDispute {
  disputeId: string;
  text: string;
}

export function casePageModel(
  s: CycleState,
  p: Principal,
  today: IsoDate,
  cal: WorkingDayCalendar,
  profile: PolicyProfile | undefined,
  found: CycleDispute[] = [],
) {
  const base = lacPath(s.cycleId);
  const active = s.status === 'active';
  const obligations = [...s.obligations]
    .sort((a, b) => a.due.localeCompare(b.due))
    .map((o) => ({
      ...o,
      what: datesInWords(o.what),
      owner: ownerText(o.owner),
      overdue: o.due < today,
      rules: ruleText(o.rule),
      counted: countingOf(s, o, profile, cal),
    }));
  const awaitingManager = s.obligations
    .filter((o) => o.key.endsWith('/team-manager-response'))
    .map((o) => ({
      reviewNumber: Number(/^r(\d+)\//.exec(o.key)?.[1]),
      due: o.due,
      left: leftText(workingDaysBetween(cal, today, o.due)),
    }));
  // Only what can be given now (the workflow's validators would refuse the rest): L12 adjourns once a review.
  // An adjourned review with no meeting booked resumes on its adjourned date: nothing to book (L12).
  const now: Partial<Record<keyof typeof LAC_ACTIONS, boolean>> = {
    tasks: true,
    adjournment: active && !s.open.adjournment,
    booking: active && !(s.open.adjournment && !s.open.booking),
  };
  const actions = (Object.entries(LAC_ACTIONS) as [keyof typeof LAC_ACTIONS, LacAction][])
    .filter(([, a]) => mayUse(a, p))
    .filter(([k]) => now[k] ?? active)
    .map(([, a]) => ({ href: `${base}${a.path}`, text: a.text }));
  // A held review's own commands, while there is something to answer.
  for (const h of s.reviewsHeld) {
    const at = (a: { path: string; text: string }) => ({
      href: `${base}/reviews/${h.reviewNumber}${a.path}`,
      text: `Review ${h.reviewNumber}: ${a.text}`,
    });
    // L10: answered once, after the decisions are circulated; the IRO settles only a disagreement still informal.
    if (h.after['decisions-circulated'] && !h.teamManager && mayUse(REVIEW_ACTIONS.decisionResponse, p))
      actions.push(at(REVIEW_ACTIONS.decisionResponse));
    if (h.teamManager?.response === 'disagreed' && h.disagreement?.status === 'informal' && mayUse(REVIEW_ACTIONS.disagreement, p))
      actions.push(at(REVIEW_ACTIONS.disagreement));
    if (starredAwaiting(h, cal, today) && mayUse(REVIEW_ACTIONS.starred, p)) actions.push(at(REVIEW_ACTIONS.starred));
  }
  if (mayUse(OPEN_DISPUTE, p)) actions.push({ href: `/cases/disputes/new?cycleId=${s.cycleId}`, text: OPEN_DISPUTE.text });
  // L10, L11: disputes opened from this cycle's reviews, and any an IRO opened naming this cycle.
  const linked = s.reviewsHeld.flatMap((h) => [
    ...(h.disagreement?.disputeId
      ? [{ disputeId: h.disagreement.disputeId, text: `Review ${h.reviewNumber}: the team manager’s disagreement (L10)` }]
      : []),
    ...(h.starred?.disputeId
      ? [{ disputeId: h.starred.disputeId, text: `Review ${h.reviewNumber}: the starred recommendations (L11)` }]
      : []),
  ]);
  const disputes = [...linked, ...found.filter((f) => !linked.some((l) => l.disputeId === f.disputeId))].map((d) => ({
    href: casePagePath(d.disputeId),
    text: `${d.disputeId}: ${d.text}`,
  }));
  // L23: an unplanned move since the last review prompts considering an earlier review.
  const lastHeld = s.reviewsHeld.at(-1)?.heldOn ?? '';
  const unplannedMove = active && !s.open.bringForward && s.placementChanges.some((c) => c.unplanned && c.on >= lastHeld);
  const late = (x?: { due: IsoDate; late: boolean }) => (x?.late ? ` (late: due by ${govukDate(x.due)}, L1)` : '');
  return {
    s,
    active,
    disputes,
    iroText: s.iro ? `${s.iro.staffId}, appointed ${govukDate(s.iro.appointedOn)}${late(s.iroAppointment)}` : 'Not appointed yet',
    notifiedText: s.iroUnitNotification ? `${govukDate(s.iroUnitNotification.on)}${late(s.iroUnitNotification)}` : undefined,
    base,
    nextReview: active
      ? {
          ...s.nextReview,
          ruleText: datesInWords(s.nextReview.ruleText),
          counted: countingText(s.nextReview.counting),
          rules: ruleText(s.nextReview.rule),
        }
      : undefined,
    open: s.open,
    reviews: s.reviewsHeld.map((h) => ({ ...h, rules: ruleText(h.rule), adjournedText: adjournedText(h) })),
    held: heldReviews(s, cal),
    placements: placementChanges(s),
    l23: unplannedMove ? { href: `${base}${LAC_ACTIONS.bringForward.path}`, may: mayUse(LAC_ACTIONS.bringForward, p) } : undefined,
    obligations,
    awaitingManager,
    events: s.events.map((e) => ({ ...e, what: datesInWords(e.what) })),
    agenda: s.agenda.map((a) => ({ ...a, rules: ruleText(a.rule) })),
    actions,
  };
}

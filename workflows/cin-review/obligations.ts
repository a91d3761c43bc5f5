/**
 * What is owed in a CIN case chaired by an IRO (rules.md D3-D6), each with its owners, deadline and
 * dated actions (reminder, overdue, escalation to the owner's manager). Pure: the workflow
 * recomputes it whenever anything changes and the kernel sleeps until the next action's morning.
 */
import { IsoDate } from '../calendar/iso-date';
import { WorkingDayCalendar } from '../calendar/working-day-calendar';
import { DatedAction } from '../case-kernel/case-kernel';
import { Interval, deadlineAfter, deadlineBefore, repeatedChases } from '../timescales/interval';
import { CIN_DOCUMENTS, CinModel, CinSettings, DOCUMENT_WORDS } from './model';

/** Addresses, not people: the social worker and the IRO are `user:<staff id>` when sent. */
export type CinRecipient = 'social-worker' | 'team-manager' | 'iro' | 'iro-unit';
const MANAGER_OF: Record<CinRecipient, CinRecipient> = {
  'social-worker': 'team-manager',
  'team-manager': 'team-manager',
  iro: 'iro-unit',
  'iro-unit': 'iro-unit',
};

export type CinActionKind = 'reminder' | 'overdue' | 'escalation';
export interface CinAction {
  id: string;
  on: IsoDate;
  kind: CinActionKind;
  to: CinRecipient[];
}

export interface CinObligation {
  /** first-date, review, r2/documents/childs-plan, r1/report/school: also what the API completes. */
  key: string;
  rule: string;
  what: string;
  owners: CinRecipient[];
  due: IsoDate;
  why: string;
  actions: CinAction[];
}

const TASK_REMINDER: Interval = { workingDays: 5 };
const ESCALATE_AFTER: Interval = { workingDays: 3 };

/** D4: after its escalation, an overdue review is chased again this often, until held. */
export const REVIEW_CHASE: Interval = { workingDays: 5 };

/** The repeated chases after `from`, every REVIEW_CHASE: the last one due by today and the next. */
export const chasesAfter = (from: IsoDate, today: IsoDate, calendar: WorkingDayCalendar): IsoDate[] =>
  repeatedChases(calendar, from, today, REVIEW_CHASE);

export function cinObligations(
  m: CinModel,
  s: CinSettings,
  calendar: WorkingDayCalendar,
  /** Today, for the repeated chases of an overdue review (D4); without it, none. */
  today?: IsoDate,
): CinObligation[] {
  if (m.status !== 'open') return [];
  const chase = (
    key: string,
    rule: string,
    what: string,
    owners: CinRecipient[],
    due: IsoDate,
    why: string,
    remind: Interval = TASK_REMINDER,
    from?: IsoDate,
  ): CinObligation => {
    const remindOn = deadlineBefore(calendar, due, remind).date;
    const actions: CinAction[] = [];
    if (!from || remindOn > from) actions.push({ id: `${key}/${due}/reminder`, on: remindOn, kind: 'reminder', to: owners });
    actions.push({ id: `${key}/${due}/overdue`, on: calendar.addWorkingDays(due, 1), kind: 'overdue', to: owners });
    actions.push({
      id: `${key}/${due}/escalation`,
      on: deadlineAfter(calendar, due, ESCALATE_AFTER).date,
      kind: 'escalation',
      to: [...new Set(owners.map((o) => MANAGER_OF[o]))],
    });
    return { key, rule, what, owners, due, why, actions };
  };
  const out: CinObligation[] = [];
  const n = m.reviews.length + 1;

  if (!m.booking) {
    // D3: the chair is agreed at the start; the social worker now organises the first review.
    const due = deadlineAfter(calendar, m.openedOn, s.firstDateWithin).date;
    out.push(
      chase(
        'first-date',
        'D3',
        'agree the first review date with the chair and family, book a venue and invite the care team',
        ['social-worker'],
        due,
        `the IRO chair was agreed on ${m.openedOn}`,
        TASK_REMINDER,
        m.openedOn,
      ),
    );
  }
  if (m.nextDate) {
    // D4: the agreed date is the deadline; D6: the documents are due before it. Nothing is chased for
    // a day before the date was set (no burst of reminders for a date agreed at short notice).
    const last = m.reviews.at(-1);
    const setOn = dateSet(m);
    const review = chase(
      'review',
      'D4',
      `hold CIN review ${n}`,
      ['iro', 'social-worker'],
      m.nextDate,
      last ? `the date agreed at review ${last.number} (${last.heldOn})` : 'the first date agreed with the chair and family',
      s.reviewDueSoon,
      setOn,
    );
    // D4: an overdue review is never left quiet after one escalation: chased again and again until held.
    if (today && m.chaseOverdueReviews)
      for (const on of chasesAfter(review.actions[review.actions.length - 1].on, today, calendar))
        review.actions.push({
          id: `review/${review.due}/chase/${on}`,
          on,
          kind: 'escalation',
          to: ['iro', 'social-worker', 'team-manager', 'iro-unit'],
        });
    out.push(review);
    const leadDue = deadlineBefore(calendar, m.nextDate, s.documentsLeadTime).date;
    // A date agreed at shorter notice than the lead time: the documents are due at once.
    const docsDue = setOn && leadDue < setOn ? setOn : leadDue;
    for (const d of CIN_DOCUMENTS) {
      const key = `r${n}/documents/${d}`;
      if (!m.done[key])
        out.push(
          chase(
            key,
            'D6',
            `provide ${DOCUMENT_WORDS[d]} for review ${n}`,
            ['social-worker'],
            docsDue,
            `before review ${n} on ${m.nextDate}`,
            TASK_REMINDER,
            setOn,
          ),
        );
    }
  }
  // D5: a member who could not attend and whose written report has not come is chased.
  for (const r of m.reviews) {
    for (const c of r.careTeam) {
      const key = `r${r.number}/report/${c.member}`;
      if (c.attendance === 'report-awaited' && !m.done[key]) {
        out.push(
          chase(
            key,
            'D5',
            `obtain the written report of ${c.member} for review ${r.number}`,
            ['social-worker'],
            r.heldOn,
            `${c.member} did not attend review ${r.number} and sent no report`,
            TASK_REMINDER,
            r.heldOn,
          ),
        );
      }
    }
  }
  return out;
}

const SUBJECT: Record<CinActionKind, string> = { reminder: 'Reminder', overdue: 'Overdue', escalation: 'Escalation: overdue' };

/** The obligations as the kernel's dated actions, each with its message. */
export function cinDatedActions(obligations: CinObligation[]): DatedAction<CinRecipient>[] {
  return obligations.flatMap((o) =>
    o.actions.map((a) => ({
      id: a.id,
      on: a.on,
      to: a.to,
      message: {
        rule: o.rule,
        kind: a.kind,
        dueDate: o.due,
        subject: `${SUBJECT[a.kind]}: ${o.what} (${o.rule})`,
        body: `${o.what}: due by ${o.due}, ${o.why} (${o.rule}).${a.kind === 'escalation' ? ' It is overdue and is escalated to you as the manager.' : ''}`,
      },
    })),
  );
}

/** Only sent ids that can still matter: undated ones, those of open obligations, and recent ones. */
export function keepSent(m: CinModel, open: CinObligation[]): (id: string) => boolean {
  const live = new Set(open.flatMap((o) => o.actions.map((a) => a.id)));
  const from = m.reviews.length ? m.reviews[Math.max(0, m.reviews.length - 2)].heldOn : m.openedOn;
  return (id) => {
    const d = /\/(\d{4}-\d{2}-\d{2})\//.exec(id)?.[1];
    return !d || d >= from || live.has(id);
  };
}

/** When the date now agreed was set: the first booking, the last review (which agreed the next), or the last move. */
export function dateSet(m: CinModel): IsoDate | undefined {
  const candidates = [m.booking?.on, m.reviews.at(-1)?.heldOn, m.moves.at(-1)?.on].filter((d): d is IsoDate => !!d);
  return candidates.sort().at(-1);
}

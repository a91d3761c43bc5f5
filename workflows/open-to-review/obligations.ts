/**
 * Everything still owed in an O2R case or a short-breaks series (rules.md O2-O6, L19): reviews,
 * face-to-face reviews, the child and parents seen, the plan shared, and Kent's assessment,
 * supervision and transition prompts, each with its owner, deadline and dated actions. Pure: the
 * workflow recomputes it whenever anything changes and sleeps until the next action's morning.
 */
import { IsoDate, addDays, addMonths, addYears } from '../calendar/iso-date';
import { WorkingDayCalendar } from '../calendar/working-day-calendar';
import { OpenToReviewModel } from './model';
import { decisionNoteChases, faceToFaceDue, lastSeen, nextReviewDue } from './due-dates';

export { DECISION_NOTE_CHASE, faceToFaceDue, nextReviewDue } from './due-dates';
import { Interval, deadlineAfter, deadlineBefore } from '../timescales/interval';

/** Addresses, not people: the caseholder is `user:<staff id>` when sent, the team manager `team-manager:<team>`. */
export type OpenToReviewRecipient = 'caseholder' | 'team-manager' | 'service-manager' | 'family';

export const MANAGER_OF: Record<OpenToReviewRecipient, OpenToReviewRecipient> = {
  caseholder: 'team-manager',
  'team-manager': 'service-manager',
  'service-manager': 'service-manager',
  family: 'caseholder',
};

export type OpenToReviewActionKind = 'reminder' | 'overdue' | 'escalation' | 'prompt';

export interface OpenToReviewAction {
  id: string;
  on: IsoDate;
  kind: OpenToReviewActionKind;
  to: OpenToReviewRecipient[];
}

export interface OpenToReviewObligation {
  /** e.g. "review", "face-to-face", "r3/plan-shared", "assessment": also what the API completes. */
  key: string;
  rule: string;
  what: string;
  owner: OpenToReviewRecipient;
  due: IsoDate;
  /** How the date was reached, for the worker reading it. */
  why: string;
  actions: OpenToReviewAction[];
}

/** The authority's O2R settings (profile `openToReview`), with the protocol's defaults. */
export interface OpenToReviewSettings {
  variant: 'protocol' | 'kent';
  /** O2: how long the family has to make representations. */
  representationWindow: Interval;
  /** O2: the team manager records the decision note within this time of the window closing. */
  decisionNoteAfterWindow: Interval;
  /** O5: the O2R social worker's caseload. */
  caseloadCapacity: number;
  /** A review's reminder this long ahead. */
  reviewDueSoon: Interval;
}

export const DEFAULT_O2R_SETTINGS: OpenToReviewSettings = {
  variant: 'protocol',
  representationWindow: { workingDays: 20 },
  decisionNoteAfterWindow: { workingDays: 5 },
  caseloadCapacity: 100,
  reviewDueSoon: { workingDays: 10 },
};

/** The profile's section B settings over the protocol's defaults. */
export function openToReviewSettings(p?: {
  variant?: 'protocol' | 'kent';
  representationWindow?: Interval;
  caseloadCapacity?: number;
}): OpenToReviewSettings {
  return {
    ...DEFAULT_O2R_SETTINGS,
    variant: p?.variant ?? DEFAULT_O2R_SETTINGS.variant,
    representationWindow: p?.representationWindow ?? DEFAULT_O2R_SETTINGS.representationWindow,
    caseloadCapacity: p?.caseloadCapacity ?? DEFAULT_O2R_SETTINGS.caseloadCapacity,
  };
}

const TASK_REMINDER: Interval = { workingDays: 5 };
const ESCALATE_AFTER: Interval = { workingDays: 3 };

/** The last date a task keyed `key` was done, or the case's start. */
const lastDone = (m: OpenToReviewModel, key: string) => m.done[key] ?? m.entry?.decision?.on ?? m.openedOn;

export function openToReviewObligations(
  m: OpenToReviewModel,
  s: OpenToReviewSettings,
  calendar: WorkingDayCalendar,
  /** Today, for the repeated chases of a missing decision note (O2); without it, none. */
  today?: IsoDate,
): OpenToReviewObligation[] {
  const after = (d: IsoDate, n = 1) => calendar.addWorkingDays(d, n);
  const before = (d: IsoDate, i: Interval) => deadlineBefore(calendar, d, i).date;
  const escalateOn = (d: IsoDate) => deadlineAfter(calendar, d, ESCALATE_AFTER).date;
  const out: OpenToReviewObligation[] = [];
  const task = (
    key: string,
    rule: string,
    what: string,
    owner: OpenToReviewRecipient,
    due: IsoDate,
    why: string,
    remind: Interval = TASK_REMINDER,
    from?: IsoDate,
  ): OpenToReviewObligation => {
    const actions: OpenToReviewAction[] = [];
    const remindOn = before(due, remind);
    if (!from || remindOn > from) actions.push({ id: `${key}/${due}/reminder`, on: remindOn, kind: 'reminder', to: [owner] });
    actions.push({ id: `${key}/${due}/overdue`, on: after(due), kind: 'overdue', to: [owner] });
    actions.push({ id: `${key}/${due}/escalation`, on: escalateOn(due), kind: 'escalation', to: [MANAGER_OF[owner]] });
    return { key, rule, what, owner, due, why, actions };
  };

  if (m.status === 'entry' && m.entry) {
    // O2: the window for representations closes; then the team manager records the decision note.
    const e = m.entry;
    const due = deadlineAfter(calendar, e.representationsBy, s.decisionNoteAfterWindow).date;
    const o = task(
      'decision-note',
      'O2',
      'record the O2R decision note (rationale and first review date)',
      'team-manager',
      due,
      `the family's window for representations closes on ${e.representationsBy}`,
      s.decisionNoteAfterWindow,
      e.letterOn,
    );
    o.actions = [
      { id: `decision-note/${e.representationsBy}/prompt`, on: after(e.representationsBy), kind: 'prompt', to: ['team-manager'] },
      ...o.actions.filter((a) => a.kind !== 'reminder'),
    ];
    // Never silent until the note exists: the team manager and the service manager are chased again and again.
    if (today && !m.legacyRules) {
      const escalated = o.actions[o.actions.length - 1].on;
      for (const on of decisionNoteChases(escalated, today, calendar))
        o.actions.push({ id: `decision-note/${due}/chase/${on}`, on, kind: 'escalation', to: ['team-manager', 'service-manager'] });
    }
    out.push(o);
    return out;
  }
  if (m.status !== 'open') return out;

  // O3/L19: an overdue review is never left quiet after one escalation: chased again and again until held.
  const chased = (o: OpenToReviewObligation): OpenToReviewObligation => {
    if (!today || !m.chaseOverdueReviews) return o;
    for (const on of decisionNoteChases(o.actions[o.actions.length - 1].on, today, calendar))
      o.actions.push({
        id: `${o.key}/${o.due}/chase/${on}`,
        on,
        kind: 'escalation',
        to: ['caseholder', 'team-manager', 'service-manager'],
      });
    return o;
  };
  const review = nextReviewDue(m);
  if (review) {
    const n = m.reviews.length + 1;
    out.push(
      chased(
        task(
          'review',
          review.rule,
          m.kind === 'short-breaks-series' ? `hold short-breaks review ${n}` : `hold O2R review ${n}`,
          'caseholder',
          review.due,
          review.why,
          s.reviewDueSoon,
        ),
      ),
    );
  }
  // Plans shared after each review (O4), until done.
  for (const r of m.reviews) {
    const key = `r${r.number}/plan-shared`;
    if (m.kind === 'open-to-review' && !m.done[key] && !r.imported)
      out.push(
        task(
          key,
          'O4',
          `share review ${r.number}'s plan with the family`,
          'caseholder',
          addMonths(r.heldOn, 1),
          `within 1 month of the review (${r.heldOn})`,
        ),
      );
  }
  if (m.kind === 'short-breaks-series') return out;

  const f2f = faceToFaceDue(m);
  // A face-to-face review also counts as the 6-monthly review; a telephone review does not count as this.
  out.push(chased(task('face-to-face', f2f.rule, 'hold a face-to-face review', 'caseholder', f2f.due, f2f.why, s.reviewDueSoon)));
  const child = lastSeen(m, 'childSeen');
  const childMonths = m.variant === 'kent' ? 6 : 12;
  out.push(
    task(
      'child-seen',
      m.variant === 'kent' ? 'O6' : 'O3',
      'see the child and obtain their views',
      'caseholder',
      addMonths(child, childMonths),
      `${childMonths} months after the child was last seen (${child})`,
    ),
  );
  if (m.variant === 'kent' && !m.legacyRules) {
    // O6 (Kent): of the two times a year, once at home and once at school, college or the short-breaks setting.
    const home = lastSeen(m, 'childSeen', (p) => p === 'home');
    out.push(
      task(
        'child-seen-at-home',
        'O6',
        'see the child at home',
        'caseholder',
        addMonths(home, 12),
        `12 months after the child was last seen at home (${home})`,
      ),
    );
    const setting = lastSeen(m, 'childSeen', (p) => p !== undefined && p !== 'home' && p !== 'other');
    out.push(
      task(
        'child-seen-at-setting',
        'O6',
        'see the child at school, college, day activities or the short-breaks setting',
        'caseholder',
        addMonths(setting, 12),
        `12 months after the child was last seen there (${setting})`,
      ),
    );
  }
  if (m.variant === 'protocol') {
    const parents = lastSeen(m, 'parentsSeen');
    out.push(
      task(
        'parents-seen',
        'O3',
        'see the parents or carers and obtain their views',
        'caseholder',
        addMonths(parents, 12),
        `12 months after they were last seen (${parents})`,
      ),
    );
  } else {
    // O6 (Kent): assessment every 12 months, supervision every 6, and the transition prompt before 16.
    const assessed = lastDone(m, 'assessment');
    out.push(
      task(
        'assessment',
        'O6',
        'update the Child & Family assessment',
        'caseholder',
        addMonths(assessed, 12),
        `12 months after the last update (${assessed})`,
      ),
    );
    const supervised = lastDone(m, 'supervision');
    out.push(
      task(
        'supervision',
        'O6',
        'supervision of the case (note the rationale)',
        'team-manager',
        addMonths(supervised, 6),
        `6 months after the last supervision (${supervised})`,
      ),
    );
    const sixteen = addYears(m.child.dateOfBirth, 16);
    if (!m.done.transition && m.openedOn < sixteen) {
      const due = addDays(sixteen, -1);
      const o = task(
        'transition',
        'O6',
        "consider the young person's capacity and transfer to the young people's team",
        'caseholder',
        due,
        `before the 16th birthday (${sixteen})`,
        { months: 6 },
      );
      o.actions[0] = { ...o.actions[0], kind: 'prompt' };
      out.push(o);
    }
  }
  return out;
}

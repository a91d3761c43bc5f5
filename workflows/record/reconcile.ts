/**
 * Reconciling the statutory record with the running cases (issue 14, item 2): what each case's
 * model produces now against what the record holds. Pure; the command that reads both is elsewhere.
 *
 * - missing: produced by a case but not in the record (an append not yet made, or lost): append them.
 * - unknown: in the record, of a case being checked, but no longer produced, where the case can never
 *   have dropped it. Most keys are superseded as a matter of course (a moved due date, a new IRO, the
 *   open review's booking once it is held, a dispute's climb undone), so a recorded key the model
 *   no longer produces is only a difference for the types listed in PERMANENT_TYPES: facts a model
 *   keeps for the rest of the case (a review held, a decision, a response, an ending); a task done
 *   again (an O2R supervision, an assessment) supersedes the date it was done before.
 * - differing: the same key with other content (type, day or data): the record keeps what was
 *   written first. Expected after a change of team, and for a cycle started before the record whose
 *   placement changed since (its `started` then says `unknown`); anything else is worth a look.
 *
 * Recorded facts of cases not in `current` are outside the check (a case that has ended and whose
 * Temporal history is gone produces nothing, and its record stands).
 */
import { Fact, LOOKED_AFTER_ENDED, LOOKED_AFTER_STARTED, REVIEW_HELD, RecordedFact } from './facts';

/** Types whose facts a case's model, once it produces them, produces for the rest of the case. */
export const PERMANENT_TYPES: ReadonlySet<string> = new Set([
  LOOKED_AFTER_STARTED,
  'looked-after/iro-unit-notified',
  'looked-after/placement-changed',
  REVIEW_HELD,
  'looked-after/decision-made',
  'looked-after/decision-done',
  'looked-after/after-meeting-task-done',
  'looked-after/told-of-outcome',
  'looked-after/team-manager-response',
  'looked-after/starred-notified',
  'looked-after/starred-concern',
  'looked-after/starred-agreed',
  'looked-after/starred-dispute',
  'looked-after/starred-dispute-closed',
  LOOKED_AFTER_ENDED,
  'looked-after/review-before-ending',
  'looked-after/step-down-offered',
  'dispute/opened',
  'dispute/response',
  'dispute/cafcass-referral',
  'dispute/cafcass-decision',
  'dispute/closed',
  'open-to-review/opened',
  'open-to-review/representation',
  'open-to-review/decision-note',
  'open-to-review/review-held',
  'open-to-review/visit',
  'open-to-review/short-break',
  'open-to-review/ended',
  'child-in-need/opened',
  'child-in-need/first-date-agreed',
  'child-in-need/review-moved',
  'child-in-need/review-held',
  'child-in-need/report-requested',
  'child-in-need/ended',
]);

export interface Reconciliation {
  missing: Fact[];
  unknown: RecordedFact[];
  differing: { recorded: RecordedFact; current: Fact }[];
}

/** What a fact says, for comparing a recorded one with the one produced now. */
const content = (f: Fact) => JSON.stringify([f.caseId, f.caseKind, f.type, f.on, f.childId ?? null, f.team ?? null, sorted(f.data)]);

function sorted(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sorted);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>)
        .filter(([, x]) => x !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, x]) => [k, sorted(x)]),
    );
  return v;
}

export function reconcile(recorded: RecordedFact[], current: Fact[]): Reconciliation {
  const byKey = new Map(recorded.map((f) => [f.key, f]));
  const now = new Map(current.map((f) => [f.key, f]));
  const checked = new Set(current.map((f) => f.caseId));
  const differing: Reconciliation['differing'] = [];
  for (const f of now.values()) {
    const r = byKey.get(f.key);
    if (r && content(r) !== content(f)) differing.push({ recorded: r, current: f });
  }
  return {
    missing: [...now.values()].filter((f) => !byKey.has(f.key)),
    unknown: recorded.filter((f) => checked.has(f.caseId) && PERMANENT_TYPES.has(f.type) && !now.has(f.key)),
    differing,
  };
}

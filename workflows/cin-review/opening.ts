/**
 * Starting a CIN case with an IRO chair (rules.md D1-D2): the check that names every unmet
 * requirement at once, and the model a new case starts from.
 */
import { IsoDate } from '../calendar/iso-date';
import { RefusalDetail } from '../case-kernel/validation';
import { CinStart } from './messages';
import { CIN_CRITERIA, CinModel, APPROVER_ROLES, STEP_DOWN_CRITERION } from './model';

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

/** The case as it opens, on `s.openedOn` when recorded after the fact (else the day it is recorded). */
export function initialModel(s: CinStart, recorded: IsoDate): CinModel {
  const today = s.openedOn ?? recorded;
  const why = s.criteria.length ? `criteria: ${s.criteria.join(', ')}` : `outside the criteria: ${s.outsideCriteriaReason}`;
  return {
    caseId: s.caseId,
    child: s.child,
    socialWorker: s.socialWorker,
    iro: s.iro,
    profileId: s.profileId,
    openedOn: today,
    ...(recorded > today ? { recordedOn: recorded } : {}),
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
        what: `IRO ${s.iro} chairs (${why}); approved by ${s.approvedBy.role} ${s.approvedBy.staffId}, agreed by the IRO unit (${s.agreedBy})${s.steppedDownFrom ? `; steps down from ${s.steppedDownFrom}` : ''}${recorded > today ? ` (recorded on ${recorded})` : ''}`,
        rule: 'D2',
        by: s.by,
      },
    ],
  };
}

/**
 * A Child in Need case's statutory record (issue 14, rules.md section D): opened with why an IRO
 * chairs (D1-D2), the first date agreed (D3), each move of the agreed date and each review held
 * (D4-D6), reports requested, tasks done, and how it ended. Pure: the same case always gives the
 * same facts under the same keys; a moved date is a new key (the latest counts).
 */
import { factsOf } from '../record/fact-builder';
import { Fact } from '../record/facts';
import { CinModel } from './model';

export function cinFacts(m: CinModel): Fact[] {
  const fact = factsOf({ caseId: m.caseId, caseKind: 'child-in-need', childId: m.child.childId, team: m.child.team });
  const out: Fact[] = [
    fact('opened', 'child-in-need/opened', m.openedOn, {
      criteria: [...m.criteria],
      outsideCriteriaReason: m.outsideCriteriaReason,
      approvedBy: { ...m.approvedBy },
      agreedBy: m.agreedBy,
      iro: m.iro,
      socialWorker: m.socialWorker,
      steppedDownFrom: m.steppedDownFrom,
      profileId: m.profileId,
      recordedOn: m.recordedOn,
      rule: 'D2',
    }),
  ];
  const b = m.booking;
  if (b) out.push(fact(`first-date/${b.on}`, 'child-in-need/first-date-agreed', b.on, { on: b.on, invited: [...b.invited], rule: 'D3' }));
  m.moves.forEach((v, i) =>
    out.push(
      fact(`move/${i + 1}/${v.from}/${v.to}`, 'child-in-need/review-moved', v.on, {
        on: v.on,
        from: v.from,
        to: v.to,
        reason: v.reason,
        by: v.by,
        rule: 'D4',
      }),
    ),
  );
  for (const r of m.reviews)
    out.push(
      fact(`review/${r.number}/held`, 'child-in-need/review-held', r.heldOn, {
        reviewNumber: r.number,
        heldOn: r.heldOn,
        agreedDate: r.agreedDate,
        onTime: r.onTime,
        chair: r.chair,
        socialWorkerPresent: r.socialWorkerPresent,
        presentInstead: r.presentInstead ? { ...r.presentInstead } : undefined,
        careTeam: r.careTeam.map((c) => ({ ...c })),
        nextDate: r.nextDate,
        documentsMissing: r.documentsMissing ? [...r.documentsMissing] : undefined,
        rule: 'D4',
      }),
    );
  for (const q of m.reportsRequested)
    out.push(
      fact(`report/${q.forReview}/${q.agency}/${q.on}`, 'child-in-need/report-requested', q.on, {
        on: q.on,
        agency: q.agency,
        forReview: q.forReview,
        by: q.by,
        rule: 'D6',
      }),
    );
  for (const [task, on] of Object.entries(m.done ?? {})) out.push(fact(`task/${task}/${on}`, 'child-in-need/task-done', on, { task, on }));
  if (m.status === 'open' && m.nextDate)
    out.push(
      fact(`review/${m.reviews.length + 1}/due/${m.nextDate}`, 'child-in-need/review-due', m.nextDate, {
        reviewNumber: m.reviews.length + 1,
        due: m.nextDate,
        rule: 'D4',
      }),
    );
  const e = m.ended;
  if (e && m.status === 'ended')
    out.push(
      fact(`ended/${e.outcome}/${e.on}`, 'child-in-need/ended', e.on, {
        outcome: e.outcome,
        on: e.on,
        summary: e.summary,
        by: e.by,
        missedReview: e.missedReview,
        rule: 'D4',
      }),
    );
  return out;
}

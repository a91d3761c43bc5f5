/**
 * An Open to Review case's (or a series of short breaks') statutory record (issue 14, rules.md
 * section B and L19): opened, O2 the letter, representations and the team manager's decision note,
 * each review held and the next one due, visits, short breaks, tasks done, and how it ended. Pure:
 * the same case always gives the same facts under the same keys; a moved date is a new key.
 */
import { IsoDate } from '../calendar/iso-date';
import { factsOf } from '../record/fact-builder';
import { Fact } from '../record/facts';
import { nextReviewDue } from './due-dates';
import { OpenToReviewModel } from './model';

/** The day the current caseholder took the case: the last move in the case's story, else the day it opened. */
function caseholderSince(m: OpenToReviewModel): IsoDate {
  const moved = [...m.events].reverse().find((e) => e.what.startsWith('caseholder changed'));
  // A move recorded after the day it happened says so ("… on 2026-02-03").
  return (moved && (/ on (\d{4}-\d{2}-\d{2})$/.exec(moved.what)?.[1] ?? moved.on)) || m.openedOn;
}

export function openToReviewFacts(m: OpenToReviewModel): Fact[] {
  const fact = factsOf({ caseId: m.caseId, caseKind: 'open-to-review', childId: m.child.childId, team: m.child.team });
  const out: Fact[] = [
    fact('opened', 'open-to-review/opened', m.openedOn, {
      kind: m.kind,
      variant: m.variant,
      dateOfBirth: m.child.dateOfBirth,
      profileId: m.profileId,
      recordedOn: m.recordedOn,
      firstBreakOn: m.firstBreakOn,
      // Brought in by the go-live import (its history was entered, not lived, in this system).
      ...(m.imported ? { imported: true } : {}),
    }),
    // O5: who holds the case (a move is a new fact; the opened fact stays as it was written).
    fact(`caseholder/${m.caseholder}`, 'open-to-review/caseholder', caseholderSince(m), { staffId: m.caseholder, rule: 'O5' }),
  ];
  const e = m.entry;
  if (e) {
    out.push(
      fact(`entry/letter/${e.letterOn}/${e.representationsBy}`, 'open-to-review/letter-sent', e.letterOn, {
        letterOn: e.letterOn,
        representationsBy: e.representationsBy,
        rationale: e.rationale,
        rule: 'O2',
      }),
    );
    e.representations.forEach((r, i) =>
      out.push(
        fact(`entry/representation/${i + 1}/${r.on}`, 'open-to-review/representation', r.on, {
          on: r.on,
          objection: r.objection,
          summary: r.summary,
          by: r.by,
          rule: 'O2',
        }),
      ),
    );
    const d = e.decision;
    if (d)
      out.push(
        fact(`entry/decision/${d.on}/${d.decision}`, 'open-to-review/decision-note', d.on, {
          on: d.on,
          by: d.by,
          decision: d.decision,
          rationale: d.rationale,
          firstReviewOn: d.firstReviewOn,
          rule: 'O2',
        }),
      );
  }
  for (const r of m.reviews)
    out.push(
      fact(`review/${r.number}/held`, 'open-to-review/review-held', r.heldOn, {
        reviewNumber: r.number,
        heldOn: r.heldOn,
        type: r.type,
        due: r.due,
        onTime: r.onTime,
        childSeen: r.childSeen,
        parentsSeen: r.parentsSeen,
        place: r.place,
        chair: { ...r.chair },
        outcome: r.outcome,
        leaveReason: r.leaveReason,
        rule: 'O4',
      }),
    );
  m.visits.forEach((v, i) =>
    out.push(
      fact(`visit/${i + 1}/${v.on}`, 'open-to-review/visit', v.on, {
        on: v.on,
        childSeen: v.childSeen,
        parentsSeen: v.parentsSeen,
        place: v.place,
        by: v.by,
      }),
    ),
  );
  (m.breaks ?? []).forEach((b, i) =>
    out.push(fact(`break/${i + 1}/${b.on}`, 'open-to-review/short-break', b.on, { on: b.on, days: b.days, rule: 'L19' })),
  );
  for (const [task, on] of Object.entries(m.done ?? {})) out.push(fact(`task/${task}/${on}`, 'open-to-review/task-done', on, { task, on }));
  const next = m.status === 'open' ? nextReviewDue(m) : undefined;
  if (next)
    out.push(
      fact(`review/${m.reviews.length + 1}/due/${next.due}`, 'open-to-review/review-due', next.due, {
        reviewNumber: m.reviews.length + 1,
        due: next.due,
        rule: next.rule,
      }),
    );
  if (m.ended && m.status !== 'open' && m.status !== 'entry')
    out.push(
      fact(`ended/${m.status}/${m.ended.on}`, 'open-to-review/ended', m.ended.on, {
        status: m.status,
        on: m.ended.on,
        reason: m.ended.reason,
        allocateTo: m.ended.allocateTo,
      }),
    );
  return out;
}

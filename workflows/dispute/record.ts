/**
 * A Resolution and Escalation dispute's statutory record (issue 14, rules.md section C): opened,
 * each stage reached (by no response, or escalated by the IRO) and its deadline, the agreed actions
 * and expected outcome, each response, the overall breach, a CAFCASS referral and its decision, and
 * how it closed. Pure: the same dispute always gives the same facts under the same keys; a moved
 * deadline or a replaced list is a new key (the latest counts).
 */
import { digest, factsOf } from '../record/fact-builder';
import { Fact } from '../record/facts';
import { DisputeState } from './messages';
import { STAGE_DEFS } from './stages';

export function disputeFacts(s: DisputeState): Fact[] {
  const fact = factsOf({ caseId: s.disputeId, caseKind: 'dispute', childId: s.child.childId, team: s.child.team });
  const out: Fact[] = [
    fact('opened', 'dispute/opened', s.openedOn, {
      category: s.category,
      source: s.source,
      startStage: s.startStage,
      seriousSafeguarding: s.seriousSafeguarding,
      iro: s.iro,
      socialWorker: s.socialWorker,
      cycleId: s.cycleId,
      reviewNumber: s.reviewNumber,
      profileId: s.profileId,
      recordedOn: s.recordedOn,
      summary: s.summary,
      rule: 'E1',
    }),
    fact(`overall-due/${s.overallDue}`, 'dispute/overall-due', s.overallDue, { due: s.overallDue, rule: 'E6' }),
  ];
  // A premature climb undone (history.ts) leaves its entry recorded; the one entered next has its own key.
  s.stages.forEach((e, i) => {
    const at = `stage/${i + 1}/${e.stage}/${e.enteredOn}`;
    const rule = STAGE_DEFS[e.stage].rule;
    out.push(fact(at, 'dispute/stage-reached', e.enteredOn, { stage: e.stage, enteredOn: e.enteredOn, how: e.how, rule }));
    out.push(fact(`${at}/due/${e.due}`, 'dispute/stage-due', e.due, { stage: e.stage, due: e.due, rule }));
  });
  // Replaced as a whole when the IRO escalates: dated by the stage current when they stand.
  const since = s.stages[s.stages.length - 1]?.enteredOn ?? s.openedOn;
  if (s.agreedActions?.length)
    out.push(
      fact(`agreed-actions/${digest(s.agreedActions)}`, 'dispute/agreed-actions', since, {
        actions: s.agreedActions.map((a) => ({ ...a })),
        rule: 'E3',
      }),
    );
  if (s.expectedOutcome)
    out.push(
      fact(`expected-outcome/${digest(s.expectedOutcome)}`, 'dispute/expected-outcome', since, { ...s.expectedOutcome, rule: 'E4' }),
    );
  s.responses.forEach((r, i) =>
    out.push(fact(`response/${i + 1}/${r.on}`, 'dispute/response', r.on, { on: r.on, by: r.by, stage: r.stage, note: r.note })),
  );
  if (s.breachedOn)
    out.push(fact(`breach/${s.breachedOn}`, 'dispute/overall-breach', s.breachedOn, { on: s.breachedOn, due: s.overallDue, rule: 'E6' }));
  const c = s.cafcass;
  if (c) {
    out.push(
      fact(`cafcass/${c.referredOn}`, 'dispute/cafcass-referral', c.referredOn, {
        referredOn: c.referredOn,
        reason: c.reason,
        decisionDue: c.decisionDue,
        rule: 'E6',
      }),
    );
    if (c.decision)
      out.push(
        fact(`cafcass/${c.referredOn}/decision/${c.decision.on}`, 'dispute/cafcass-decision', c.decision.on, {
          on: c.decision.on,
          text: c.decision.text,
          rule: 'E6',
        }),
      );
  }
  const o = s.outcome;
  if (o)
    out.push(
      fact(`closed/${o.outcome}/${o.on}`, 'dispute/closed', o.on, {
        outcome: o.outcome,
        on: o.on,
        by: o.by,
        summary: o.summary,
        stage: s.stage,
        highestStage: Math.max(...s.stages.map((x) => x.stage)),
        rule: 'E6',
      }),
    );
  return out;
}

/**
 * The dispute's case page as the user reads it: its facts, its stages (who holds it now and the
 * current deadline), each open deadline with how it was counted, events, and the commands this
 * user may give (the roles of api/routes/disputes.ts).
 */
import { CASE_ROLES, Principal, Role } from '../../../platform/auth/roles';
import { WorkingDayCalendar } from '../../../workflows/calendar/working-day-calendar';
import { DisputeState } from '../../../workflows/dispute/messages';
import { disputeObligations } from '../../../workflows/dispute/obligations';
import { STAGE_DEFS, Stage } from '../../../workflows/dispute/stages';
import { describeInterval } from '../../../workflows/timescales/interval';
import { Basis, countedFrom } from './counting';
import { ActionLink, CaseView, actionsFor, day, deadlinesTable, eventsTable, sourcesOf } from './case-view';

export const IRO_SIDE: readonly Role[] = ['iro-unit', 'iro'];
export const BASE = '/cases/disputes';
const stageName = (s: Stage) => (s === 0 ? 'Informal resolution' : `Stage ${s}`);
const holders = (s: Stage) => STAGE_DEFS[s].to.map((r) => r.replace(/-/g, ' ')).join(' and ');

/** The command pages, in the order "What you can do" lists them. */
const LINKS: ActionLink[] = [
  { path: '/responses', text: 'Record a response to the dispute', roles: CASE_ROLES },
  { path: '/escalate', text: 'Escalate the dispute', roles: IRO_SIDE },
  { path: '/resolve', text: 'Record that the dispute is resolved or withdrawn', roles: IRO_SIDE },
  { path: '/cafcass', text: 'Refer the dispute to CAFCASS', roles: IRO_SIDE },
  { path: '/cafcass-decision', text: 'Record CAFCASS’s decision', roles: IRO_SIDE },
];

/** How each of the dispute's deadlines was counted: its base date and the interval (the dispute's own timescales). */
export function disputeView(s: DisputeState, p: Principal, calendar: WorkingDayCalendar, todayIs: string): CaseView {
  const t = s.timescales;
  const current = s.stages[s.stages.length - 1];
  const obligations = disputeObligations(s, t, calendar, { today: todayIs });
  // Each deadline's base date and the dispute's own interval, counted with the live calendar.
  const counted = (key: string): { basis?: Basis; owner: string } => {
    switch (key) {
      case 'stage-answer':
        return {
          basis: {
            base: current.enteredOn,
            event: `the day ${stageName(current.stage).toLowerCase()} began`,
            interval: current.stage === 0 ? t.informal : t.stageResponse[current.stage as 1],
          },
          owner: holders(current.stage),
        };
      case 'response-judgement': {
        const r = s.responses.filter((x) => x.stage === current.stage).at(-1);
        return {
          basis: r && { base: r.on, event: 'the day of the response', interval: t.judgement ?? { workingDays: 2 } },
          owner: `the IRO (${s.iro})`,
        };
      }
      case 'overall':
        return { basis: { base: s.openedOn, event: 'the day the dispute opened', interval: t.overall }, owner: `the IRO (${s.iro})` };
      default:
        return {
          basis: s.cafcass && { base: s.cafcass.referredOn, event: 'the day of the referral to CAFCASS', interval: t.cafcassDecision },
          owner: 'CAFCASS',
        };
    }
  };
  const deadlines = obligations.map((o) => {
    const c = counted(o.key);
    return { what: o.what, due: o.due, rule: o.rule, owner: c.owner, counted: c.basis ? countedFrom(calendar, c.basis, o.due) : '' };
  });
  const resolvedOn = s.outcome ? ` (${s.outcome.outcome} on ${day(s.outcome.on)})` : '';
  return {
    title: `Dispute ${s.disputeId}`,
    caption: 'Resolution and Escalation',
    facts: [
      ['Dispute id', s.disputeId],
      ['Child’s id', s.child.childId],
      ['Team', s.child.team],
      ['Raised by (IRO)', s.iro],
      ['Allocated social worker', s.socialWorker ?? 'Not recorded'],
      ['Looked-after cycle', s.cycleId ? `${s.cycleId}${s.reviewNumber ? `, review ${s.reviewNumber}` : ''}` : 'None'],
      ['What it is about', s.category.replace(/-/g, ' ')],
      ['Summary', s.summary],
      [
        'Expected outcome (E4)',
        s.expectedOutcome ? `${s.expectedOutcome.outcome}, by ${day(s.expectedOutcome.by)}` : 'Not set (stage 2 and above set it)',
      ],
      ['Status', `${s.status === 'open' ? 'Open' : 'Closed'}${resolvedOn}`],
      ['Opened on', day(s.openedOn)],
      ['Current stage', s.status === 'open' ? stageName(current.stage) : 'None (closed)'],
      ['Who holds it now', s.status === 'open' ? holders(current.stage) : 'Nobody (closed)'],
      ['Deadline of the current stage', s.status === 'open' ? day(current.due) : 'None'],
      [`Whole process due by (${describeInterval(t.overall)})`, day(s.overallDue)],
      ...(s.breachedOn ? ([['Went past 20 working days on', day(s.breachedOn)]] as [string, string][]) : []),
      ...(s.cafcass
        ? ([
            [
              'CAFCASS',
              `Referred on ${day(s.cafcass.referredOn)}; decision due by ${day(s.cafcass.decisionDue)}${s.cafcass.decision ? `; decided on ${day(s.cafcass.decision.on)}` : ''}`,
            ],
          ] as [string, string][])
        : []),
    ],
    tables: [
      {
        caption: 'Stages',
        head: ['Stage', 'Entered on', 'How', 'Held by', 'Deadline', 'Response'],
        rows: s.stages.map((st) => {
          const resp = s.responses.find((x) => x.stage === st.stage && x.on >= st.enteredOn);
          const how = { opened: 'Opened here', 'no-response': 'No response by the deadline', 'escalated-by-iro': 'Escalated by the IRO' }[
            st.how
          ];
          return [
            stageName(st.stage),
            day(st.enteredOn),
            how,
            holders(st.stage),
            day(st.due),
            resp ? `Responded on ${day(resp.on)}` : 'None yet',
          ];
        }),
        empty: 'No stages yet.',
      },
      {
        caption: 'Responses',
        head: ['Date', 'Stage', 'Who', 'What they said'],
        rows: s.responses.map((x) => [day(x.on), x.stage === undefined ? '' : stageName(x.stage), x.by, x.note]),
        empty: 'No response has been recorded yet.',
      },
      {
        caption: 'Agreed actions (E3)',
        head: ['What will be done', 'By'],
        rows: (s.agreedActions ?? []).map((a) => [a.action, day(a.by)]),
        empty: 'No actions have been agreed (stage 1 records them).',
      },
      deadlinesTable(deadlines),
      eventsTable(s.events),
    ],
    // Only the commands that fit the dispute now: CAFCASS's decision once referred, nothing else once closed.
    actions: actionsFor(p, `${BASE}/${s.disputeId}`, LINKS, true).filter((a) =>
      a.href.endsWith('/cafcass-decision')
        ? !!s.cafcass && !s.cafcass.decision
        : s.status === 'open' && !(a.href.endsWith('/cafcass') && s.cafcass),
    ),
    sources: sourcesOf([...obligations.map((o) => o.rule), ...s.events.map((e) => e.rule)]),
  };
}

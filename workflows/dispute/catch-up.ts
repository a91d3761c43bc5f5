/**
 * What each of a dispute's dated actions tells people, and the catch-up of a dispute opened on a
 * past date (recorded after the fact). Its deadlines that passed before it was recorded are not
 * acted on one by one in arrears, nor while the day it was recorded lasts (so that what happened
 * since, the responses, escalations and the resolution, can be recorded first, whatever the hour):
 * the next working day (09:00), whatever from before the recording day is still owed is caught up at once. Each recipient gets one catch-up
 * notice listing it (a warning for a deadline already passed says nothing), an unanswered stage
 * climbs once (entered that day, its deadline from it), and a breach of the 20 working days is
 * recorded on the day it happened. Pure.
 */
import type { Notice } from '../case-kernel/case-kernel';
import { IsoDate } from '../calendar/iso-date';
import { WorkingDayCalendar } from '../calendar/working-day-calendar';
import { catchUpId, catchUpOn, goLiveCatchUpId } from '../case-kernel/catch-up';
import { DisputeState } from './messages';
import { DisputeAction } from './obligations';
import { STAGE_DEFS } from './stages';
import { cafcassOverdue, finalStageOverdue, judgeResponse, judgementOverdue, overallBreach, overallWarning } from './wording';

/** The notice an action sends (a climb's is the next stage's announcement, sent when it is entered). */
export function actionNotice(s: DisputeState, a: DisputeAction): Notice | undefined {
  const stage = s.stages[s.stages.length - 1];
  switch (a.kind) {
    case 'climb':
      return undefined;
    case 'final-stage-overdue':
      return finalStageOverdue(s, stage);
    case 'judge-response':
      return judgeResponse(
        s,
        s.responses.find((r) => r.stage === s.stage && r.on >= stage.enteredOn)!,
        a.due!,
      );
    case 'judgement-overdue':
      return judgementOverdue(s, a.due!, a.repeat ? a.on : undefined);
    case 'overall-warning':
      return overallWarning(s, a.daysLeft!);
    case 'overall-breach':
      return overallBreach(s);
    case 'cafcass-overdue':
      return cafcassOverdue(s.cafcass!);
  }
}

export { catchUpId } from '../case-kernel/catch-up';

/** The first catch-up of a dispute recorded after it opened; imported at go-live, named as go-live's (the mail's morning digest). */
export const firstCatchUpId = (s: Pick<DisputeState, 'imported' | 'recordedOn'>, today: IsoDate) =>
  s.imported && s.recordedOn ? goLiveCatchUpId(s.recordedOn) : catchUpId(s.recordedOn ?? today);

/** When it goes: the next working day (so what happened since can be recorded first); imported at go-live, that day (the file says it all). */
export const firstCatchUpOn = (s: Pick<DisputeState, 'imported' | 'recordedOn'>, calendar: WorkingDayCalendar) =>
  s.imported ? s.recordedOn! : catchUpOn(calendar, s.recordedOn!);

/** The actions dated before the dispute was recorded and not yet done. */
export function arrears(actions: DisputeAction[], sent: Set<string>, recordedOn: IsoDate): DisputeAction[] {
  return actions.filter((a) => a.on < recordedOn && !sent.has(a.id));
}

/** Only notices are folded into a later catch-up; a climb and the breach keep their effects, the prompt to judge goes as it is (as in the looked-after cycle). */
const FOLDED: DisputeAction['kind'][] = ['final-stage-overdue', 'judgement-overdue', 'overall-warning', 'cafcass-overdue'];

/**
 * After the first catch-up (or in a dispute opened live): notices whose day went by before a fact
 * recorded later called for them (a running dispute sends each on its day, so none is stale). They
 * are caught up in one pass, one notice per recipient, not sent one by one.
 */
export function staleNotices(actions: DisputeAction[], sent: Set<string>, today: IsoDate): DisputeAction[] {
  return actions.filter((a) => a.on < today && !sent.has(a.id) && FOLDED.includes(a.kind));
}

/** A later catch-up's id: the day and the first action it folds (two the same day are two catch-ups). */
export const laterCatchUpId = (today: IsoDate, stale: DisputeAction[]) => `${catchUpId(today)}/${stale[0].id}`;

/** One notice per recipient listing what passed before the dispute was recorded (`id`: a later catch-up's, for facts recorded later). */
export function catchUpNotices(s: DisputeState, late: DisputeAction[], today: IsoDate, id?: string): Notice[] {
  const stage = s.stages[s.stages.length - 1];
  const def = STAGE_DEFS[stage.stage];
  const lines = new Map<string, Set<string>>();
  const rules = new Map<string, Set<string>>();
  const warnings = late.filter((a) => a.kind === 'overall-warning');
  for (const a of late) {
    // Only the last warning, and none once the 20 working days have passed.
    if (a.kind === 'overall-warning' && (s.overallDue < today || warnings.some((w) => w.daysLeft! < a.daysLeft!))) continue;
    const n: Pick<Notice, 'to' | 'rule' | 'subject' | 'dueDate'> = actionNotice(s, a) ?? {
      to: [...def.to, ...def.alert, 'iro'],
      rule: def.rule,
      subject: `No response at ${def.name} by its deadline: the dispute moves to ${STAGE_DEFS[(stage.stage + 1) as 1].name} today`,
      dueDate: stage.due,
    };
    for (const to of new Set(n.to)) {
      lines.set(to, (lines.get(to) ?? new Set()).add(`- ${n.subject}${n.dueDate ? ` (due ${n.dueDate})` : ''}`));
      rules.set(to, (rules.get(to) ?? new Set()).add(n.rule));
    }
  }
  return [...lines].map(([to, items]) => ({
    id: `${id ?? firstCatchUpId(s, today)}/${to}`,
    to: [to],
    rule: [...rules.get(to)!].join(','),
    kind: 'catch-up',
    subject: id
      ? `Resolution and Escalation: catching up on dispute ${s.disputeId} (${items.size} passed before they were recorded)`
      : `Resolution and Escalation: catching up on dispute ${s.disputeId} (${items.size} passed before it was recorded)`,
    body: [
      id
        ? `Dispute ${s.disputeId} (${s.category}): facts recorded on ${today} with earlier dates called for these, whose days have gone by; you are not sent each notice for days gone by, and what follows is chased from today as usual.`
        : `Dispute ${s.disputeId} (${s.category}) opened on ${s.openedOn} and was recorded on ${s.recordedOn ?? today}. These deadlines passed before then; you are not sent each notice for days gone by, and what follows is chased from today as usual.`,
      ...items,
    ].join('\n'),
  }));
}

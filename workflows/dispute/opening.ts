/**
 * How a dispute opens (E1-E4): informally or at a formal stage, with the E6 overall clock started,
 * all from the day it opened; opened on a past date, `recordedOn` says when it was recorded. Imported
 * at go-live, its current stage counts from the day it was entered.
 */
import { IsoDate } from '../calendar/iso-date';
import { WorkingDayCalendar } from '../calendar/working-day-calendar';
import { DisputeStart, DisputeState } from './messages';
import { DisputeTimescales, STAGE_DEFS, Stage, overallDeadline, stageDeadline } from './stages';

export function openDispute(
  input: DisputeStart & { calendar?: unknown; timescales?: DisputeTimescales },
  openedOn: IsoDate,
  calendar: WorkingDayCalendar,
  t: DisputeTimescales,
  today: IsoDate = openedOn,
): DisputeState {
  // E4: a serious safeguarding issue goes to stage 2 at least.
  const startStage: Stage = input.seriousSafeguarding && input.startStage < 2 ? 2 : input.startStage;
  const s: DisputeState = {
    ...input,
    startStage,
    status: 'open',
    openedOn,
    ...(today > openedOn ? { recordedOn: today } : {}),
    stage: startStage,
    stages: [{ stage: startStage, enteredOn: openedOn, due: stageDeadline(calendar, t, startStage, openedOn), how: 'opened' }],
    overallDue: overallDeadline(calendar, t, openedOn),
    responses: [],
    events: [
      {
        on: openedOn,
        what: `dispute opened (${input.category}) at ${STAGE_DEFS[startStage].name}${startStage !== input.startStage ? ' (serious safeguarding issue: stage 2 at least)' : ''}`,
        rule: input.source === 'iro' ? 'E1' : input.source,
        by: input.iro,
      },
    ],
    timescales: t,
    sent: [],
  };
  // The calendar snapshot is the workflow's, not the dispute's.
  delete (s as { calendar?: unknown }).calendar;
  if (s.recordedOn) s.events[0].what += ` (recorded on ${s.recordedOn})`;
  // Go-live import: the current stage was entered on its own day, and its deadline counts from it (the 20 working days from the opening).
  const entered = input.imported?.stageEnteredOn;
  if (entered) {
    s.stages[0] = { ...s.stages[0], enteredOn: entered, due: stageDeadline(calendar, t, startStage, entered) };
    s.events[0].what += `; brought in from the previous system at go-live, at ${STAGE_DEFS[startStage].name} since ${entered}`;
  }
  return s;
}

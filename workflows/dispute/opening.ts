/**
 * How a dispute opens (E1-E4): informally or at a formal stage, with the E6 overall clock started,
 * all from the day it opened; opened on a past date, `recordedOn` says when it was recorded.
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
  return s;
}

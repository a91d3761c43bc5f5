/** How a dispute opens (E1-E4): informally or at a formal stage, with the E6 overall clock started. */
import { IsoDate } from '../calendar/iso-date';
import { WorkingDayCalendar } from '../calendar/working-day-calendar';
import { DisputeStart, DisputeState } from './messages';
import { DisputeTimescales, STAGE_DEFS, Stage, overallDeadline, stageDeadline } from './stages';

export function openDispute(
  input: DisputeStart & { calendar?: unknown; timescales?: DisputeTimescales },
  openedOn: IsoDate,
  calendar: WorkingDayCalendar,
  t: DisputeTimescales,
): DisputeState {
  // E4: a serious safeguarding issue goes to stage 2 at least.
  const startStage: Stage = input.seriousSafeguarding && input.startStage < 2 ? 2 : input.startStage;
  const s: DisputeState = {
    ...input,
    startStage,
    status: 'open',
    openedOn,
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
  return s;
}

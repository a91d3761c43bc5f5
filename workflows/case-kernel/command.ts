/**
 * A command on a case: a pair of pure functions over the case's model. `validate` refuses (see
 * validation.ts) and changes nothing; `apply` changes the model. Both take the context the case
 * runs in (today, its calendar, its profile), so they are unit-tested without Temporal.
 */
import { IsoDate } from '../calendar/iso-date';
import { WorkingDayCalendar } from '../calendar/working-day-calendar';

/** What every case kind's context has; a kind adds its own (its profile, its settings). */
export interface CaseContext {
  today: IsoDate;
  calendar: WorkingDayCalendar;
}

export interface Command<M, I, C extends CaseContext = CaseContext> {
  validate(model: M, input: I, ctx: C): void;
  apply(model: M, input: I, ctx: C): void;
}

/** One line of a case's story: who recorded what, when, under which rule. */
export interface CaseEvent {
  on: IsoDate;
  what: string;
  rule?: string;
  by?: string;
}

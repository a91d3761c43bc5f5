/**
 * What every command of the cycle shares: its context (today, the calendar, the profile the cycle
 * started with), the checks most of them make, and how a command writes the cycle's story.
 */
import { IsoDate } from '../../calendar/iso-date';
import { CaseContext } from '../../case-kernel/command';
import { date, refuse } from '../../case-kernel/validation';
import { PolicyProfile } from '../../timescales/policy-profile';
import { CycleModel, HeldReview, followsUpAfterEnding } from '../model';

export interface CycleContext extends CaseContext {
  /** The authority's profile as it was when the cycle started: a later edit does not move running deadlines. */
  profile: PolicyProfile;
  /** A run started on code from before issue 11's corrections keeps the old behaviour (patched in the workflow). */
  legacy?: boolean;
}

/** L13: nothing is recorded on a cycle that has ended (the API answers 409 on the cycleId field). */
export function active(model: CycleModel): void {
  if (model.status !== 'active') refuse('cycleId', `the cycle has ended (${model.ended?.reason ?? model.status})`, 'L13');
}

/** L13: after ceasing (or at 18), reviews already held are still followed up (records, decisions, answers). */
export function activeOrFollowingUp(model: CycleModel): void {
  if (!followsUpAfterEnding(model)) active(model);
}

/** L7: a meeting time, HH:MM (24-hour, London). */
export function time(field: string, v: unknown): void {
  if (v !== undefined && (typeof v !== 'string' || !/^([01]\d|2[0-3]):[0-5]\d$/.test(v))) refuse(field, 'a time, HH:MM (24-hour)', 'L7');
}

export function notFuture(field: string, d: IsoDate, ctx: CycleContext): void {
  if (d > ctx.today) refuse(field, `${d} is in the future (today is ${ctx.today})`);
}

/** L2: nothing of this period of care happened before it began. */
export function notBeforeCare(model: CycleModel, field: string, d: IsoDate): void {
  if (d < model.becameLookedAfter) refuse(field, `${d} is before the child became looked after (${model.becameLookedAfter})`, 'L2');
}

/**
 * The date a recorded fact happened: `on` when given (a real date, not in the future, not before the
 * child became looked after: L2), else today. A fact recorded after the event is judged by its own date.
 */
export function effectiveDate(model: CycleModel, field: string, on: unknown, ctx: CycleContext): IsoDate {
  if (on === undefined) return ctx.today;
  const d = date(field, on);
  notFuture(field, d, ctx);
  notBeforeCare(model, field, d);
  return d;
}

/** The last review held, if any: the facts of the open review come after it. */
export function lastHeld(model: CycleModel): HeldReview | undefined {
  return model.reviewsHeld[model.reviewsHeld.length - 1];
}

/** ` on <date>` when a fact is recorded after the day it happened (the story is dated the day it was recorded). */
export function onDay(on: IsoDate, ctx: CycleContext, verb?: string): string {
  if (on === ctx.today) return '';
  return verb ? ` (${verb} on ${on})` : ` on ${on}`;
}

export function heldReview(model: CycleModel, reviewNumber: number): HeldReview | undefined {
  return model.reviewsHeld.find((x) => x.reviewNumber === reviewNumber);
}

/** Appends a line to the cycle's story, dated today. */
export function log(model: CycleModel, ctx: CycleContext, what: string, rule?: string, by?: string): void {
  model.events.push({ on: ctx.today, what, rule, by });
}

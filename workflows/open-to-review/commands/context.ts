/**
 * What an O2R command sees besides the case: today, the calendar, the authority's O2R settings,
 * and where to queue a notice (the workflow sends it at the top of the next pass). The guards
 * every command shares are here too.
 */
import type { Notice } from '../../case-kernel/case-kernel';
import { CaseContext } from '../../case-kernel/command';
import { IsoDate } from '../../calendar/iso-date';
import { date, refuse, refuseEnded } from '../../case-kernel/validation';
import { OpenToReviewModel } from '../model';
import { OpenToReviewRecipient, OpenToReviewSettings } from '../obligations';

export interface OpenToReviewContext extends CaseContext {
  settings: OpenToReviewSettings;
  notice(n: Notice<OpenToReviewRecipient>): void;
  /** The workflow's `patched` (a behaviour that changes what a running case sends); absent (pure), the new behaviour. */
  patched?: (name: string) => boolean;
}

/** One line of the case's story, dated today. */
export function log(m: OpenToReviewModel, ctx: OpenToReviewContext, what: string, rule?: string, by?: string): void {
  m.events.push({ on: ctx.today, what, rule, by });
}

/** Once the case has left O2R, been closed or ended, nothing more is recorded. */
export function running(m: OpenToReviewModel): void {
  if (['left', 'not-o2r', 'closed', 'ended'].includes(m.status))
    refuseEnded('caseId', `the case has ended (${m.ended?.reason ?? m.status})`, 'O4');
}

/** A date that has happened, since the case opened (and not before `after`: [date, what it is], the facts it follows). */
export function past(
  m: OpenToReviewModel,
  ctx: OpenToReviewContext,
  field: string,
  d: unknown,
  rule?: string,
  after: [IsoDate | undefined, string][] = [],
): IsoDate {
  date(field, d);
  if ((d as IsoDate) > ctx.today) refuse(field, `${d} is in the future (today is ${ctx.today})`, rule);
  if ((d as IsoDate) < m.openedOn) refuse(field, `${d} is before the case opened (${m.openedOn})`, rule);
  for (const [first, what] of after) if (first && (d as IsoDate) < first) refuse(field, `${d} is before ${what} (${first})`, rule);
  return d as IsoDate;
}

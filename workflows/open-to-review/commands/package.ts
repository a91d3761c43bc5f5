/**
 * O6 (Kent): the package of support, which sets the review frequency. Recorded after the fact, `on`
 * is the day it changed (default today), not before the last review recorded.
 */
import { Command } from '../../case-kernel/command';
import { bool, refuse, staff } from '../../case-kernel/validation';
import { PackageInput } from '../messages';
import { OpenToReviewModel } from '../model';
import { OpenToReviewContext, log, past, running } from './context';

export const changePackageCommand: Command<OpenToReviewModel, PackageInput, OpenToReviewContext> = {
  validate(m, { overnightShortBreaks, hoursPerWeek, by, on }, ctx) {
    running(m);
    if (on !== undefined) past(m, ctx, 'on', on, 'O6', [[m.reviews.at(-1)?.heldOn, 'the last review recorded']]);
    bool('overnightShortBreaks', overnightShortBreaks);
    staff('by', by);
    if (typeof hoursPerWeek !== 'number' || !(hoursPerWeek >= 0 && hoursPerWeek <= 168))
      refuse('hoursPerWeek', 'hours a week, 0 to 168', 'O6');
  },
  apply(m, { overnightShortBreaks, hoursPerWeek, by, on: given }, ctx) {
    const on = given ?? ctx.today;
    // O6: the first review after overnight breaks start, whenever that is, has the senior chair.
    if (overnightShortBreaks && !m.package?.overnightShortBreaks) m.overnightSince = { on, afterReviews: m.reviews.length };
    m.package = { overnightShortBreaks, hoursPerWeek };
    const dated = on === ctx.today ? '' : ` from ${on}`;
    log(m, ctx, `package${dated}: ${overnightShortBreaks ? 'overnight short breaks, ' : ''}${hoursPerWeek} hours a week`, 'O6', by);
  },
};

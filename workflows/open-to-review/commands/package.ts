/** O6 (Kent): the package of support, which sets the review frequency. */
import { Command } from '../../case-kernel/command';
import { bool, refuse, staff } from '../../case-kernel/validation';
import { PackageInput } from '../messages';
import { OpenToReviewModel } from '../model';
import { OpenToReviewContext, log, running } from './context';

export const changePackageCommand: Command<OpenToReviewModel, PackageInput, OpenToReviewContext> = {
  validate(m, { overnightShortBreaks, hoursPerWeek, by }) {
    running(m);
    bool('overnightShortBreaks', overnightShortBreaks);
    staff('by', by);
    if (typeof hoursPerWeek !== 'number' || !(hoursPerWeek >= 0 && hoursPerWeek <= 168))
      refuse('hoursPerWeek', 'hours a week, 0 to 168', 'O6');
  },
  apply(m, { overnightShortBreaks, hoursPerWeek, by }, ctx) {
    // O6: the first review after overnight breaks start, whenever that is, has the senior chair.
    if (overnightShortBreaks && !m.package?.overnightShortBreaks) m.overnightSince = { on: ctx.today, afterReviews: m.reviews.length };
    m.package = { overnightShortBreaks, hoursPerWeek };
    log(m, ctx, `package: ${overnightShortBreaks ? 'overnight short breaks, ' : ''}${hoursPerWeek} hours a week`, 'O6', by);
  },
};

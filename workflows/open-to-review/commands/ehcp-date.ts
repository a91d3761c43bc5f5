/**
 * O3: the EHCP annual review date, which the face-to-face review moves with. Recorded after the fact,
 * `asOf` is the day it was known (default today): the date may not be before that day.
 */
import { Command } from '../../case-kernel/command';
import { date, refuse, staff } from '../../case-kernel/validation';
import { EhcpDateInput } from '../messages';
import { OpenToReviewModel } from '../model';
import { OpenToReviewContext, log, past, running } from './context';

export const ehcpDate: Command<OpenToReviewModel, EhcpDateInput, OpenToReviewContext> = {
  validate(m, { on, by, asOf }, ctx) {
    running(m);
    date('on', on);
    staff('by', by);
    const known = asOf === undefined ? ctx.today : past(m, ctx, 'asOf', asOf, 'O3');
    if (on < known)
      refuse(
        'on',
        `${on} is before ${asOf === undefined ? 'today' : 'the day it was recorded'} (${known}); record the next EHCP annual review`,
        'O3',
      );
  },
  apply(m, { on, by }, ctx) {
    const previous = m.ehcpAnnualReviewOn;
    m.ehcpAnnualReviewOn = on;
    log(m, ctx, previous ? `EHCP annual review moved from ${previous} to ${on}` : `EHCP annual review on ${on}`, 'O3', by);
  },
};

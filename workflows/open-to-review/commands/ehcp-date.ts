/** O3: the EHCP annual review date, which the face-to-face review moves with. */
import { Command } from '../../case-kernel/command';
import { date, refuse, staff } from '../../case-kernel/validation';
import { EhcpDateInput } from '../messages';
import { OpenToReviewModel } from '../model';
import { OpenToReviewContext, log, running } from './context';

export const ehcpDate: Command<OpenToReviewModel, EhcpDateInput, OpenToReviewContext> = {
  validate(m, { on, by }, { today }) {
    running(m);
    date('on', on);
    staff('by', by);
    if (on < today) refuse('on', `${on} is in the past; record the next EHCP annual review`, 'O3');
  },
  apply(m, { on, by }, ctx) {
    const previous = m.ehcpAnnualReviewOn;
    m.ehcpAnnualReviewOn = on;
    log(m, ctx, previous ? `EHCP annual review moved from ${previous} to ${on}` : `EHCP annual review on ${on}`, 'O3', by);
  },
};

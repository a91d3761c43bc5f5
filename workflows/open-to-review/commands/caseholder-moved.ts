/** O5: the case moves to another O2R social worker (one by one, or a whole caseload). */
import { Command } from '../../case-kernel/command';
import { refuse, staff } from '../../case-kernel/validation';
import { CaseholderMovedInput } from '../messages';
import { OpenToReviewModel } from '../model';
import { allocatedNotice, capacityNotice } from '../wording';
import { OpenToReviewContext, log, running } from './context';

export const caseholderMoved: Command<OpenToReviewModel, CaseholderMovedInput, OpenToReviewContext> = {
  validate(m, { to, by }) {
    running(m);
    staff('to', to);
    staff('by', by);
    if (to === m.caseholder) refuse('to', `${to} already holds the case`, 'O5');
  },
  apply(m, { to, caseloadAfter, capacityWarning, by }, ctx) {
    const from = m.caseholder;
    m.caseholder = to;
    log(m, ctx, `caseholder changed from ${from} to ${to}`, 'O5', by);
    ctx.notice(allocatedNotice(`caseholder/${m.events.length}`, from, ctx.today));
    if (capacityWarning) ctx.notice(capacityNotice(ctx.settings, to, caseloadAfter ?? 0, `caseload/${m.events.length}`));
  },
};

/** O5: the case moves to another O2R social worker (one by one, or a whole caseload); `on`: the day it moved (default today). */
import { Command } from '../../case-kernel/command';
import { refuse, staff } from '../../case-kernel/validation';
import { CaseholderMovedInput } from '../messages';
import { OpenToReviewModel } from '../model';
import { allocatedNotice, capacityNotice } from '../wording';
import { OpenToReviewContext, log, past, running } from './context';

export const caseholderMoved: Command<OpenToReviewModel, CaseholderMovedInput, OpenToReviewContext> = {
  validate(m, { to, by, on }, ctx) {
    running(m);
    if (on !== undefined) past(m, ctx, 'on', on, 'O5');
    staff('to', to);
    staff('by', by);
    if (to === m.caseholder) refuse('to', `${to} already holds the case`, 'O5');
  },
  apply(m, { to, caseloadAfter, capacityWarning, by, on: given }, ctx) {
    const on = given ?? ctx.today;
    const from = m.caseholder;
    m.caseholder = to;
    log(m, ctx, `caseholder changed from ${from} to ${to}${on === ctx.today ? '' : ` on ${on}`}`, 'O5', by);
    ctx.notice(allocatedNotice(`caseholder/${m.events.length}`, from, on));
    if (capacityWarning) ctx.notice(capacityNotice(ctx.settings, to, caseloadAfter ?? 0, `caseload/${m.events.length}`));
  },
};

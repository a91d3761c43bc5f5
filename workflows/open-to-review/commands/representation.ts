/** O2: the family's representations while the move to O2R is decided; an objection goes to the team manager at once. */
import { Command } from '../../case-kernel/command';
import { bool, refuse, staff, text } from '../../case-kernel/validation';
import { RepresentationInput } from '../messages';
import { OpenToReviewModel } from '../model';
import { objectionNotice } from '../wording';
import { OpenToReviewContext, log, past } from './context';

export const representation: Command<OpenToReviewModel, RepresentationInput, OpenToReviewContext> = {
  validate(m, { on, objection, summary, by }, ctx) {
    if (m.status !== 'entry') refuse('caseId', 'representations are recorded while the move to O2R is being decided', 'O2');
    past(m, ctx, 'on', on, 'O2');
    bool('objection', objection);
    text('summary', summary);
    staff('by', by);
  },
  apply(m, { on, objection, summary, by }, ctx) {
    m.entry!.representations.push({ on, objection, summary, by });
    log(m, ctx, objection ? `the family objects: ${summary}` : `the family's representation: ${summary}`, 'O2', by);
    if (objection) ctx.notice(objectionNotice(`objection/${m.entry!.representations.length}`, on, summary));
  },
};

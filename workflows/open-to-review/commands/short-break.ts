/** L19: a short break of a series; approaching and past 120 days in any 12 months, the team manager is warned. */
import { Command } from '../../case-kernel/command';
import { date, refuse, staff } from '../../case-kernel/validation';
import { addDays } from '../../calendar/iso-date';
import { ShortBreakInput } from '../messages';
import { OpenToReviewModel } from '../model';
import { endOfService } from '../opening';
import { SHORT_BREAKS_APPROACHING, SHORT_BREAKS_LIMIT, busiestTwelveMonths } from '../short-breaks';
import { shortBreaksNotice } from '../wording';
import { OpenToReviewContext, log, running } from './context';

export const shortBreak: Command<OpenToReviewModel, ShortBreakInput, OpenToReviewContext> = {
  validate(m, { on, days, by }, ctx) {
    running(m);
    if (m.kind !== 'short-breaks-series') refuse('caseId', 'short breaks are recorded on a series of short breaks', 'L19');
    date('on', on);
    staff('by', by);
    if (on > ctx.today) refuse('on', `${on} is in the future (today is ${ctx.today})`, 'L19');
    if (on < m.firstBreakOn!) refuse('on', `${on} is before the first short break of the series (${m.firstBreakOn})`, 'L19');
    // A series kept open after the 18th birthday (recorded after the fact) records only what came before it.
    if (on >= endOfService(m)) refuse('on', `${on} is on or after the 18th birthday (${endOfService(m)}): the end of the series`, 'L19');
    if (!Number.isInteger(days) || days < 1 || days > SHORT_BREAKS_LIMIT) refuse('days', `whole days, 1 to ${SHORT_BREAKS_LIMIT}`, 'L19');
    const last = addDays(on, days - 1);
    const clash = (m.breaks ?? []).find((b) => b.on <= last && on <= addDays(b.on, b.days - 1));
    if (clash) refuse('on', `overlaps the break of ${clash.days} day(s) from ${clash.on}`, 'L19');
  },
  apply(m, { on, days, by }, ctx) {
    m.breaks = [...(m.breaks ?? []), { on, days, by }];
    const busiest = busiestTwelveMonths(m.breaks);
    log(m, ctx, `short break from ${on}, ${days} day(s); ${busiest.days} days in the busiest 12 months`, 'L19', by);
    if (busiest.days >= SHORT_BREAKS_APPROACHING) ctx.notice(shortBreaksNotice(`breaks/${m.breaks.length}`, busiest));
  },
};

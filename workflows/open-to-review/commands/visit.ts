/** O3 (O6 in Kent): a visit on which the child or the parents were seen. */
import { Command } from '../../case-kernel/command';
import { bool, refuse, staff, text } from '../../case-kernel/validation';
import { VisitInput } from '../messages';
import { OpenToReviewModel, PLACES } from '../model';
import { OpenToReviewContext, log, past, running } from './context';

export const visit: Command<OpenToReviewModel, VisitInput, OpenToReviewContext> = {
  validate(m, { on, childSeen, parentsSeen, where, place, by }, ctx) {
    running(m);
    past(m, ctx, 'on', on);
    bool('childSeen', childSeen);
    bool('parentsSeen', parentsSeen);
    text('where', where, false);
    staff('by', by);
    if (place !== undefined && !(PLACES as readonly string[]).includes(place)) refuse('place', PLACES.join(', '), 'O6');
    if (!childSeen && !parentsSeen) refuse('childSeen', 'a visit records the child or the parents seen', 'O3');
  },
  apply(m, { on, childSeen, parentsSeen, where, place, by }, ctx) {
    m.visits.push({ on, childSeen, parentsSeen, where, ...(place ? { place } : {}), by });
    const seen = [childSeen && 'child seen', parentsSeen && 'parents seen'].filter(Boolean).join(', ') || 'neither seen';
    log(m, ctx, `visit on ${on}: ${seen}`, m.variant === 'kent' ? 'O6' : 'O3', by);
  },
};

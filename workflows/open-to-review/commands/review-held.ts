/** O3-O4 (and L19): a review held; every review decides whether O2R continues. */
import { Command } from '../../case-kernel/command';
import { bool, refuse, staff, text } from '../../case-kernel/validation';
import { OpenToReviewReviewHeld } from '../messages';
import { CHAIR_ROLES, LEAVE_REASONS, OpenToReviewModel, PLACES, REVIEW_TYPES, firstReviewWithOvernightBreaks } from '../model';
import { nextReviewDue } from '../obligations';
import { endOfService } from '../opening';
import { OpenToReviewContext, log, past, running } from './context';

export const reviewHeld: Command<OpenToReviewModel, OpenToReviewReviewHeld, OpenToReviewContext> = {
  validate(m, r, ctx) {
    running(m);
    if (m.status !== 'open') refuse('caseId', 'reviews start once the decision note has agreed O2R', 'O2');
    past(m, ctx, 'heldOn', r.heldOn, 'O2', [[m.entry?.decision?.on, "the team manager's decision note"]]);
    // A case kept open after the end of the service (recorded after the fact) records only what came before it.
    if (r.heldOn >= endOfService(m))
      refuse(
        'heldOn',
        `${r.heldOn} is on or after the end of the service (${endOfService(m)})`,
        m.kind === 'short-breaks-series' ? 'L19' : 'O4',
      );
    const last = m.reviews[m.reviews.length - 1];
    if (last && r.heldOn <= last.heldOn) refuse('heldOn', `${r.heldOn} is not after the last review (${last.heldOn})`);
    if (m.firstBreakOn && r.heldOn < m.firstBreakOn)
      refuse('heldOn', `${r.heldOn} is before the first short break (${m.firstBreakOn})`, 'L19');
    if (!(REVIEW_TYPES as readonly string[]).includes(r.type)) refuse('type', REVIEW_TYPES.join(' or '), 'O3');
    bool('childSeen', r.childSeen);
    bool('parentsSeen', r.parentsSeen);
    staff('by', r.by);
    if (!r.chair || !(CHAIR_ROLES as readonly string[]).includes(r.chair.role)) refuse('chair.role', CHAIR_ROLES.join(', '));
    if (r.chair.staffId !== undefined) staff('chair.staffId', r.chair.staffId);
    // O6 (Kent): the first review after overnight breaks start is chaired by a senior practitioner or team manager.
    if (firstReviewWithOvernightBreaks(m) && !['senior-practitioner', 'team-manager'].includes(r.chair.role)) {
      refuse('chair.role', 'the first review after overnight short breaks start is chaired by a senior practitioner or team manager', 'O6');
    }
    if (r.place !== undefined && !(PLACES as readonly string[]).includes(r.place)) refuse('place', PLACES.join(', '), 'O6');
    if (r.outcome !== 'continue' && r.outcome !== 'leave')
      refuse('outcome', 'continue or leave: every review decides whether O2R continues', 'O4');
    if (r.moreFrequentReviewsNeeded !== undefined) bool('moreFrequentReviewsNeeded', r.moreFrequentReviewsNeeded);
    if (r.outcome === 'continue' && r.moreFrequentReviewsNeeded && m.kind === 'open-to-review') {
      refuse('outcome', 'a case that needs more frequent reviews leaves O2R for an allocated social worker', 'O4');
    }
    if (r.outcome === 'leave') {
      if (!(LEAVE_REASONS as readonly string[]).includes(r.leaveReason ?? '')) refuse('leaveReason', LEAVE_REASONS.join(', '), 'O4');
    } else if (r.leaveReason !== undefined) refuse('leaveReason', 'only when the case leaves', 'O4');
    text('note', r.note, false);
  },
  apply(m, r, ctx) {
    const due = nextReviewDue(m)!;
    const number = m.reviews.length + 1;
    m.reviews.push({
      number,
      heldOn: r.heldOn,
      type: r.type,
      due: due.due,
      onTime: r.heldOn <= due.due,
      childSeen: r.childSeen,
      parentsSeen: r.parentsSeen,
      ...(r.place ? { place: r.place } : {}),
      chair: r.chair,
      outcome: r.outcome,
      leaveReason: r.leaveReason,
      note: r.note,
    });
    log(
      m,
      ctx,
      `review ${number} (${r.type}) held on ${r.heldOn}${r.heldOn <= due.due ? '' : `, late against ${due.due}`}; ${r.outcome === 'continue' ? 'O2R continues' : `leaves: ${r.leaveReason}`}`,
      due.rule,
      r.by,
    );
    if (r.outcome === 'leave') {
      m.status = 'left';
      // Needing more frequent reviews, or no longer eligible: the case goes to an allocated social worker.
      const allocate = r.leaveReason === 'more-frequent-reviews-needed' || r.leaveReason === 'no-longer-eligible';
      m.ended = { on: r.heldOn, reason: r.leaveReason!, allocateTo: allocate ? 'social-worker' : undefined };
    }
  },
};

/**
 * O2: the team manager's decision note: the rationale and the first review date (or: not O2R after
 * all). Recorded after the fact, `on` is the day it was made (default today): the window for
 * representations and the first review's 6 months are judged from that day, not from today.
 */
import { addMonths } from '../../calendar/iso-date';
import { Command } from '../../case-kernel/command';
import { date, refuse, staff, text } from '../../case-kernel/validation';
import { DecisionNoteInput } from '../messages';
import { OpenToReviewModel } from '../model';
import { decisionLetter } from '../wording';
import { OpenToReviewContext, log, past } from './context';

export const decisionNote: Command<OpenToReviewModel, DecisionNoteInput, OpenToReviewContext> = {
  validate(m, { decision, rationale, firstReviewOn, by, on }, ctx) {
    if (m.status !== 'entry') refuse('caseId', 'the decision note has been recorded already', 'O2');
    if (decision !== 'o2r' && decision !== 'not-o2r') refuse('decision', 'o2r or not-o2r', 'O2');
    text('rationale', rationale);
    staff('by', by);
    const e = m.entry!;
    const lastSaid = e.representations
      .map((r) => r.on)
      .sort()
      .at(-1);
    const made = on === undefined ? ctx.today : past(m, ctx, 'on', on, 'O2', [[lastSaid, "the family's latest representation"]]);
    const when = on === undefined ? 'today' : 'the note';
    if (decision === 'o2r') {
      if (made <= e.representationsBy)
        refuse(
          on === undefined ? 'decision' : 'on',
          `the family may make representations until ${e.representationsBy}; the move to O2R is decided after that`,
          'O2',
        );
      if (firstReviewOn === undefined) refuse('firstReviewOn', 'the decision note gives the first review date', 'O2');
      date('firstReviewOn', firstReviewOn);
      if (firstReviewOn <= made) refuse('firstReviewOn', `${firstReviewOn} is not after ${when} (${made})`, 'O2');
      // The 6-monthly review is the O2R review; the yearly face-to-face one never stands in for it.
      const limit = addMonths(made, 6);
      if (firstReviewOn > limit)
        refuse('firstReviewOn', `${firstReviewOn} is more than 6 months after ${when} (${limit}); O2R cases are reviewed 6-monthly`, 'O3');
    }
  },
  apply(m, { decision, rationale, firstReviewOn, by, on }, ctx) {
    const made = on ?? ctx.today;
    m.entry!.decision = { on: made, by, decision, rationale, firstReviewOn };
    const dated = made === ctx.today ? '' : ` (made on ${made})`;
    if (decision === 'o2r') {
      m.status = 'open';
      log(m, ctx, `team manager's decision note${dated}: O2R agreed; first review by ${firstReviewOn}. ${rationale}`, 'O2', by);
    } else {
      m.status = 'not-o2r';
      m.ended = { on: made, reason: `not moved to O2R: ${rationale}`, allocateTo: 'social-worker' };
      log(m, ctx, `team manager's decision note${dated}: not O2R. ${rationale}`, 'O2', by);
    }
    // The family is written to with the decision either way (histories from before did not). A note recorded
    // after the fact (dated before today): the letter was the one written then, not sent again promising a date gone by.
    const writtenThen = made < ctx.today && (ctx.patched?.('o2r-historic-decision-letter') ?? true);
    if (!m.legacyRules && !writtenThen) ctx.notice(decisionLetter(m));
  },
};

/**
 * When is the next looked-after review due? (rules.md L2-L5.) The clock runs from the review
 * actually held, never from the date it was booked for: a late review does not catch up.
 */
import { IsoDate } from '../calendar/iso-date';
import { WorkingDayCalendar } from '../calendar/working-day-calendar';
import { Counting, Deadline, Interval, deadlineAfter, describeInterval } from './interval';
import { PolicyProfile } from './policy-profile';

export interface ReviewHistory {
  becameLookedAfter: IsoDate;
  /** Dates of the reviews held in this period of care, in order. */
  held: IsoDate[];
  /** Dates of changes of placement (used only where the profile has the L5 rule). */
  placementChanges?: IsoDate[];
}

export type ReviewRuleId = 'L2' | 'L3' | 'L4' | 'L5';

export interface NextReview {
  due: IsoDate;
  rule: ReviewRuleId;
  /** Which review of the period of care this is: 1 for the first. */
  reviewNumber: number;
  ruleText: string;
  base: IsoDate;
  baseEvent: string;
  counting: Counting[];
  /** Where the profile books reviews ahead of the deadline (Stoke: about 5 months). */
  bookBy?: IsoDate;
  profile: string;
}

export class ReviewHistoryError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export function checkReviewHistory(history: ReviewHistory): void {
  let previous = history.becameLookedAfter;
  history.held.forEach((date, i) => {
    if (date < history.becameLookedAfter) {
      throw new ReviewHistoryError('held', `held[${i}] ${date} is before the child became looked after (${history.becameLookedAfter})`);
    }
    if (i > 0 && date <= previous) {
      throw new ReviewHistoryError('held', `held dates must be in order: held[${i}] ${date} is not after held[${i - 1}] ${previous}`);
    }
    previous = date;
  });
  (history.placementChanges ?? []).forEach((date, i) => {
    if (date < history.becameLookedAfter) {
      throw new ReviewHistoryError(
        'placementChanges',
        `placementChanges[${i}] ${date} is before the child became looked after (${history.becameLookedAfter})`,
      );
    }
  });
}

interface Candidate {
  rule: ReviewRuleId;
  ruleText: string;
  base: IsoDate;
  baseEvent: string;
  deadline: Deadline;
}

function candidate(
  calendar: WorkingDayCalendar,
  rule: ReviewRuleId,
  interval: Interval,
  base: IsoDate,
  baseEvent: string,
  what: string,
): Candidate {
  return {
    rule,
    ruleText: `${what} within ${describeInterval(interval)} of ${baseEvent}`,
    base,
    baseEvent,
    deadline: deadlineAfter(calendar, base, interval),
  };
}

export function nextReviewDue(history: ReviewHistory, profile: PolicyProfile, calendar: WorkingDayCalendar): NextReview {
  checkReviewHistory(history);
  const t = profile.lookedAfterReview;
  const { held, becameLookedAfter } = history;
  const last = held[held.length - 1];

  const candidates: Candidate[] = [];
  if (held.length === 0) {
    candidates.push(candidate(calendar, 'L2', t.firstReview, becameLookedAfter, 'becoming looked after', 'first review'));
  } else if (held.length === 1) {
    candidates.push(candidate(calendar, 'L3', t.secondReview, last, 'the first review', 'second review'));
  } else {
    candidates.push(candidate(calendar, 'L4', t.laterReviews, last, 'the previous review', 'later reviews'));
  }

  // L5: a change of placement since the last review calls for a review as if it were a first one,
  // and the review after that one is a "second review" counted from it.
  if (t.placementChangeReview) {
    const since = last ?? becameLookedAfter;
    const changes = (history.placementChanges ?? []).filter((d) => d > since).sort();
    if (changes.length) {
      candidates.push(
        candidate(calendar, 'L5', t.placementChangeReview, changes[0], 'the change of placement', 'review after a change of placement'),
      );
    } else if (held.length >= 2) {
      const lastChange = (history.placementChanges ?? [])
        .filter((d) => d <= since)
        .sort()
        .pop();
      const prev = held[held.length - 2];
      // The last review was the "first review" after a placement change: the next is due as a second review.
      if (lastChange && lastChange > prev) {
        candidates.push(
          candidate(
            calendar,
            'L5',
            t.secondReview,
            last,
            'the review that followed the change of placement',
            'second review after a change of placement',
          ),
        );
      }
    }
  }

  const chosen = candidates.reduce((a, b) => (b.deadline.date < a.deadline.date ? b : a));
  const result: NextReview = {
    due: chosen.deadline.date,
    rule: chosen.rule,
    reviewNumber: held.length + 1,
    ruleText: chosen.ruleText,
    base: chosen.base,
    baseEvent: chosen.baseEvent,
    counting: chosen.deadline.counting,
    profile: profile.id,
  };
  if (t.bookLaterReviewsAt && chosen.rule === 'L4') {
    const bookBy = deadlineAfter(calendar, chosen.base, t.bookLaterReviewsAt).date;
    if (bookBy < result.due) result.bookBy = bookBy;
  }
  return result;
}

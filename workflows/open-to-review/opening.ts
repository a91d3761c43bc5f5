/**
 * How an O2R case or a short-breaks series starts (the letter's window for representations) and
 * when the service ends (the 25th birthday; a short-breaks series, children's services, the 18th).
 */
import { IsoDate, addYears } from '../calendar/iso-date';
import { WorkingDayCalendar } from '../calendar/working-day-calendar';
import { deadlineAfter } from '../timescales/interval';
import { OpenToReviewCaseStart } from './messages';
import { OpenToReviewModel } from './model';
import type { OpenToReviewSettings } from './obligations';

export function endOfService(input: Pick<OpenToReviewCaseStart, 'kind' | 'child'>): IsoDate {
  return addYears(input.child.dateOfBirth, input.kind === 'short-breaks-series' ? 18 : 25);
}

/** The case as it opens, on `input.openedOn` when recorded after the fact (else today): the letter and its window from that day. */
export function initialModel(input: OpenToReviewCaseStart, recorded: IsoDate, calendar: WorkingDayCalendar): OpenToReviewModel {
  const o2r = input.kind === 'open-to-review';
  const today = input.openedOn ?? recorded;
  return {
    caseId: input.caseId,
    kind: input.kind,
    variant: input.variant,
    child: input.child,
    caseholder: input.caseholder,
    openedOn: today,
    ...(recorded > today ? { recordedOn: recorded } : {}),
    profileId: input.profileId,
    entry: o2r
      ? {
          rationale: input.rationale ?? '',
          letterOn: today,
          representationsBy: deadlineAfter(calendar, today, input.settings.representationWindow).date,
          representations: [],
        }
      : undefined,
    ehcpAnnualReviewOn: input.ehcpAnnualReviewOn,
    package: input.package,
    firstBreakOn: input.firstBreakOn,
    reviews: [],
    visits: [],
    done: {},
    status: o2r ? 'entry' : 'open',
    events: [
      {
        on: today,
        what:
          (o2r
            ? `O2R proposed; caseholder ${input.caseholder}`
            : `series of short breaks from ${input.firstBreakOn}; caseholder ${input.caseholder}`) +
          (recorded > today ? ` (recorded on ${recorded})` : ''),
        rule: o2r ? 'O2' : 'L19',
        by: input.by,
      },
    ],
  };
}

/**
 * O2: a bank holiday proclaimed (or removed) while the family's window is open: the window, kept as
 * a date counted from the letter, is counted again on the new calendar (rules.md: a newly proclaimed
 * holiday reaches running cases). A window already closed stays, and none closes before today.
 * The new closing date, or undefined when it does not move.
 */
export function representationsByOnCalendar(
  m: Pick<OpenToReviewModel, 'status' | 'entry'>,
  settings: Pick<OpenToReviewSettings, 'representationWindow'>,
  calendar: WorkingDayCalendar,
  today: IsoDate,
): IsoDate | undefined {
  const e = m.entry;
  if (m.status !== 'entry' || !e || e.decision || e.representationsBy < today) return undefined;
  const counted = deadlineAfter(calendar, e.letterOn, settings.representationWindow).date;
  const to = counted < today ? today : counted;
  return to === e.representationsBy ? undefined : to;
}

/**
 * Fixtures for the looked-after cycle's pure tests: a cycle that began on Monday 5 January 2026
 * for a 10-year-old in foster care, reviews held on it, and the context commands run in.
 */
import { ProfileRegistry, builtInCalendar } from '../../data/reference-data';
import { IsoDate } from '../../workflows/calendar/iso-date';
import { CycleContext } from '../../workflows/looked-after-cycle/commands/common';
import { CycleModel, HeldReview, initialModel } from '../../workflows/looked-after-cycle/model';

export const calendar = builtInCalendar();
export const profiles = ProfileRegistry.load();
export const statutory = profiles.get('statutory')!;

/** A Monday two weeks into the period of care. */
export const TODAY: IsoDate = '2026-01-19';
export const ctx = (today: IsoDate = TODAY, profile = statutory): CycleContext => ({ today, calendar, profile });

/** The cycle, shaped by `shape`; `start` changes what was known when it started. */
export function cycle(
  shape: (m: CycleModel) => void = () => {},
  start: Partial<{ iroUnitNotifiedOn: IsoDate; profileId: string }> = {},
): CycleModel {
  const m = initialModel({
    cycleId: 'lac-test',
    child: { childId: 'C1', dateOfBirth: '2015-05-10', legalStatus: 'C2', team: 'north' },
    becameLookedAfter: '2026-01-05',
    placement: { type: 'foster', startedOn: '2026-01-05' },
    profileId: start.profileId ?? 'statutory',
    by: 'sw-1',
    ...(start.iroUnitNotifiedOn ? { iroUnitNotifiedOn: start.iroUnitNotifiedOn } : {}),
  });
  shape(m);
  return m;
}

/** Review 1, held on 16 January, on time. */
export const review = (extra: Partial<HeldReview> = {}): HeldReview => ({
  reviewNumber: 1,
  heldOn: '2026-01-16',
  due: '2026-02-02',
  rule: 'L2',
  onTime: true,
  withMeeting: true,
  participation: 'PN1',
  chair: { staffId: 'iro-1', as: 'allocated-iro' },
  decisions: [],
  starredRecommendations: [],
  after: {},
  notices: [],
  ...extra,
});

/** Review 1 held; the open review is then number 2. */
export const held =
  (extra: Partial<HeldReview> = {}) =>
  (m: CycleModel) => {
    m.reviewsHeld.push(review(extra));
    m.open = { number: 2, postponements: [], preMeeting: {} };
  };

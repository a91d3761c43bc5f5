/**
 * E6: the stages of Resolution and Escalation must fit the whole process. A dispute opened
 * informally that nobody answers enters each stage on the day the previous one's deadline falls;
 * its stage 3 answer must then be due within the overall timescale (the procedure's 20 working days
 * span stages 1 to 3). Checked when a profile loads, over a year of start dates with no holidays.
 */
import { IsoDate, addDays } from '../calendar/iso-date';
import { WorkingDayCalendar } from '../calendar/working-day-calendar';
import { Interval, deadlineAfter, describeInterval } from './interval';
import type { ResolutionAndEscalationTimescales } from './policy-profile';

const RUNGS = ['informal', 'stage1', 'stage2', 'stage3'] as const;
/** The statutory profile's defaults when neither the profile nor the statutory one says. */
const FALLBACK: Required<Pick<ResolutionAndEscalationTimescales, (typeof RUNGS)[number] | 'overall'>> = {
  informal: { workingDays: 5 },
  stage1: { workingDays: 5 },
  stage2: { workingDays: 5 },
  stage3: { workingDays: 5 },
  overall: { workingDays: 20 },
};
/** 2001 starts on a Monday and is not a leap year; no bank holidays, so only the counting differs. */
const PLAIN = new WorkingDayCalendar({ revision: 0, officialFrom: 2001, officialTo: 2010, official: [], added: [], removed: [] });

/** Why the ladder does not fit, or undefined when it does. */
export function disputeLadderMisfit(
  section: ResolutionAndEscalationTimescales | undefined,
  base: ResolutionAndEscalationTimescales | undefined,
): string | undefined {
  const pick = (k: keyof typeof FALLBACK): Interval => section?.[k] ?? base?.[k] ?? FALLBACK[k];
  for (let i = 0; i < 365; i++) {
    const start: IsoDate = addDays('2001-01-01', i);
    const stage3Due = RUNGS.reduce((d, k) => deadlineAfter(PLAIN, d, pick(k)).date, start);
    const overallDue = deadlineAfter(PLAIN, start, pick('overall')).date;
    if (stage3Due > overallDue) {
      const named = RUNGS.map((k) => `${k} ${describeInterval(pick(k))}`).join(' + ');
      return (
        `resolutionAndEscalation: ${named} do not fit within overall ${describeInterval(pick('overall'))} (E6): ` +
        `a dispute opened informally and left unanswered must reach stage 3 and have its answer due within the whole process`
      );
    }
  }
  return undefined;
}

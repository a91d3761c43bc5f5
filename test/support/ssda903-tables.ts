/**
 * SSDA903 HEADER and EPISODES tables for the validator test, built from the same record as the
 * REVIEWS export: one header row per child looked after in the year, one episode per period of care
 * open in it. The columns are lac_validator's (config.column_names: tables are recognised by them);
 * the values are plausible codes. Only the REVIEWS rules are asserted on.
 */
import { stringify } from 'csv-stringify/sync';
import { aprilYear } from '../../data/record/reports/l18';
import { dfeDate } from '../../data/record/reports/ssda903-reviews';
import type { LookedAfterStartedData, RecordedFact } from '../../workflows/record/facts';

export const HEADER_COLUMNS = ['CHILD', 'SEX', 'DOB', 'ETHNIC', 'UPN', 'MOTHER', 'MC_DOB'];
export const EPISODES_COLUMNS = [
  'CHILD',
  'DECOM',
  'RNE',
  'LS',
  'CIN',
  'PLACE',
  'PLACE_PROVIDER',
  'DEC',
  'REC',
  'REASON_PLACE_CHANGE',
  'HOME_POST',
  'PL_POST',
  'URN',
];
const ETHNIC = ['WBRI', 'WIRI', 'MWBC', 'ABAN', 'BAFR', 'OOTH', 'WOTH'];
/** The product's placement types as SSDA903 PLACE codes (facts generated with codes already pass through). */
const PLACE: Record<string, string> = {
  foster: 'U4',
  'long-term-foster': 'U4',
  'kinship-foster': 'U1',
  'placed-for-adoption': 'A4',
  'placed-with-parents': 'P1',
  residential: 'K2',
  secure: 'K1',
  'independent-living': 'P2',
  other: 'Z1',
};

export function headerAndEpisodes(facts: RecordedFact[], year: string): { header: string; episodes: string } {
  const { from, to } = aprilYear(year);
  const ended = new Map(facts.filter((f) => f.type === 'looked-after/ended').map((f) => [f.caseId, f.on]));
  const periods = facts
    .filter((f) => f.type === 'looked-after/started' && f.caseKind === 'looked-after')
    .map((f) => ({ f, d: f.data as unknown as LookedAfterStartedData, endedOn: ended.get(f.caseId) }))
    .filter(({ d, endedOn }) => d.becameLookedAfter <= to && (endedOn === undefined || endedOn >= from));
  const children = [...new Map(periods.map((p) => [p.f.childId!, p])).values()];
  const header = children.map(({ f, d }, i) => ({
    CHILD: f.childId,
    SEX: i % 2 ? '2' : '1',
    DOB: dfeDate(d.dateOfBirth),
    ETHNIC: ETHNIC[i % ETHNIC.length],
    UPN: 'UN1',
    MOTHER: '',
    MC_DOB: '',
  }));
  const episodes = periods.map(({ f, d, endedOn }) => ({
    CHILD: f.childId,
    DECOM: dfeDate(d.becameLookedAfter),
    RNE: 'S',
    LS: d.legalStatus,
    CIN: 'N1',
    PLACE: PLACE[d.placementType] ?? d.placementType,
    PLACE_PROVIDER: 'PR1',
    DEC: endedOn && endedOn <= to ? dfeDate(endedOn) : '',
    REC: endedOn && endedOn <= to ? 'E4A' : '',
    REASON_PLACE_CHANGE: '',
    HOME_POST: 'OX1',
    PL_POST: 'OX4',
    URN: 'XXXXXXX',
  }));
  return {
    header: stringify(header, { header: true, columns: HEADER_COLUMNS }),
    episodes: stringify(episodes, { header: true, columns: EPISODES_COLUMNS }),
  };
}

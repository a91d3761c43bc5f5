/**
 * Each rule id (rules.md) in a few words, and where it comes from: the source procedures by their
 * number (the seed files) and section, and the regulations. Emails quote them (worker/mail-templates.ts).
 */

/** The documents the sources cite. */
export const DOCUMENTS: Record<string, string> = {
  'reg 33': 'Care Planning, Placement and Case Review (England) Regulations 2010, regulation 33',
  '000': '0-25 Service Open to Review Protocol',
  '001': "Kent: management of low-level cases in the Disabled Children and Young People's Service",
  '002': 'Oxfordshire: Looked After Reviews procedure',
  '003': 'Briefing: Child in Need reviews chaired by Independent Reviewing Officers',
  '004': 'Stoke-on-Trent: Children in Care, Care Planning, Placement and Case Review policy',
};

export interface RuleSource {
  /** The rule in a few words. */
  title: string;
  /** As rules.md gives it, e.g. "002 §4.1; 004 §7.7". */
  source: string;
}

export const RULES: Record<string, RuleSource> = {
  L1: { title: 'the IRO unit is asked for the 20 day review and an IRO is appointed', source: '002 §4.1; 004 §7.7' },
  L2: { title: 'first review within 20 working days of becoming looked after', source: 'reg 33; 002 §2.1; 004 §7.10' },
  L3: { title: 'second review within 3 months of the first', source: '002 §2.1; 004 §7.10' },
  L4: { title: 'later reviews at most 6 months apart', source: '002 §2.1; 004 §7.10' },
  L5: { title: 'a review after a change of placement', source: '002 §2.1; 004 §7.10' },
  L6: { title: 'a review brought forward', source: '002 §2.3; 004 §7.10-7.11' },
  L7: { title: 'the next review booked (date, time and venue) and postponements', source: '002 §4.2, §17; 004 §7.12' },
  L8: { title: 'before the meeting: the child consulted, invitations, papers and reports', source: '002 §5, §6, §8; 004 §7.4-7.5' },
  L9: { title: 'after the meeting: decisions in 5 working days, the record in 15, copies in 20', source: '002 §6, §12; 004 §7.15' },
  L10: { title: "the team manager considers the review's decisions within 5 working days", source: '002 §13' },
  L11: { title: 'starred recommendations: concerns within 5 working days, agreement within 5 more', source: '004 §7.18' },
  L12: { title: 'an adjourned review resumes within 20 working days', source: '002 §8, §16' },
  L13: { title: 'the child stops being looked after: the review is cancelled', source: '002 §4.2' },
  L14: { title: 'long-term foster placement: a meeting at least once a year', source: '002 §10' },
  L15: { title: 'permanence plan at the second review, contingency plan at the third', source: '002 §9; 004 §5.5, §7.14' },
  L16: { title: 'Staying Put and the pathway plan from 16; looked-after status ends at 18', source: '002 §1; 004 §6.7' },
  L17: { title: 'a substitute chair when the IRO is unavailable', source: '002 §3, §17' },
  L18: { title: 'the timeliness indicator (reviews on time, April to March)', source: '002 §2, §17' },
  L19: { title: 'series of short breaks: reviews, and at most 120 days in 12 months', source: '004 §6.3' },
  L20: { title: 'a review before care is ended', source: '002 §1, §2.3; 004 §7.10' },
  L21: { title: 'the outcome in writing to a child or parent who did not attend', source: '002 §6, §17(7)-(9); 004 §7.12' },
  L22: { title: 'care planning around the reviews (care, placement and health plans, PEP)', source: '004 §5.3, §6.3, §6.5-6.6' },
  L23: { title: 'an unplanned change of placement is told to the IRO', source: '002 §2.3; 004 §7.2' },
  O1: { title: 'who is eligible for Open to Review', source: '000' },
  O2: { title: 'entry: the letter to the family and the decision note', source: '000' },
  O3: { title: 'telephone reviews every 6 months, face to face every 12', source: '000; 001 §1' },
  O4: { title: 'the review plan shared within a month; each review decides whether O2R continues', source: '000' },
  O5: { title: 'caseloads: about 100 cases for an O2R social worker', source: '000; 001' },
  O6: { title: 'the Kent variant of review frequency', source: '001' },
  E1: { title: 'the categories of dispute', source: '002 §15' },
  E2: { title: 'informal resolution first', source: '002 §15; 004 §7.17' },
  E3: { title: 'stage 1: the Resolution and Escalation Alert to the social worker and team manager', source: '002 §15' },
  E4: { title: 'stage 2: the area service manager', source: '002 §15' },
  E5: { title: 'stages 3 to 5: deputy director, director, head of paid service', source: '002 §15' },
  E6: { title: 'the whole process within 20 working days; referral to CAFCASS', source: '002 §15; 004 §7.19' },
  D1: { title: 'when a Child in Need case may have an IRO chair', source: '003' },
  D2: { title: 'approval and agreement with the IRO service', source: '003' },
  D3: { title: 'the first review arranged once the chair is agreed', source: '003' },
  D4: { title: 'later review dates agreed at each review', source: '003' },
  D5: { title: 'the care team attends or reports', source: '003' },
  D6: { title: 'the documents provided in full before each review', source: '003' },
};

/** "L2: first review within 20 working days ... (reg 33; 002 §2.1; 004 §7.10)" for each id in "L2" or "L2,L8"; an unknown id as it is. */
export function describeRules(rule: string): string[] {
  return rule
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean)
    .map((id) => (RULES[id] ? `${id}: ${RULES[id].title} (${RULES[id].source})` : id));
}

/** The documents the rules cite, for a footnote: "002: Oxfordshire: ...". */
export function documentsOf(rule: string): string[] {
  const codes = new Set<string>();
  for (const id of rule.split(',').map((x) => x.trim()))
    for (const part of (RULES[id]?.source ?? '').split(';')) {
      const code = /^(reg 33|\d{3})/.exec(part.trim())?.[1];
      if (code) codes.add(code);
    }
  return [...codes].sort().map((c) => `${c}: ${DOCUMENTS[c]}`);
}

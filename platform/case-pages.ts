/**
 * The path of each case's page, in one place: emails link to CARE_REVIEWS_PUBLIC_URL + this path,
 * and the screens (issue 13) serve these paths.
 *
 * | case id                         | page                                   |
 * |---------------------------------|----------------------------------------|
 * | lac-<24 hex>                    | /cases/looked-after/<cycleId>          |
 * | o2r-<24 hex>, sbs-<24 hex>      | /cases/open-to-review/<caseId>         |
 * | red-<24 hex>, lac-…-r<n>-l10/11 | /cases/disputes/<disputeId>            |
 * | cin-<24 hex>                    | /cases/child-in-need/<caseId>          |
 * | anything else                   | /cases/<caseId>                        |
 */

export type CaseKindName = 'looked-after' | 'open-to-review' | 'dispute' | 'child-in-need';

const KINDS: [RegExp, CaseKindName, string][] = [
  [/^(red-[0-9a-f]{24}|lac-[0-9a-f]{24}-r\d{1,3}-l1[01])$/, 'dispute', 'disputes'],
  [/^lac-[0-9a-f]{24}$/, 'looked-after', 'looked-after'],
  [/^(o2r|sbs)-[0-9a-f]{24}$/, 'open-to-review', 'open-to-review'],
  [/^cin-[0-9a-f]{24}$/, 'child-in-need', 'child-in-need'],
];

/** The case kind its id says. */
export function caseKindOf(caseId: string): CaseKindName | undefined {
  return KINDS.find(([re]) => re.test(caseId))?.[1];
}

/** `/cases/looked-after/lac-…` */
export function casePagePath(caseId: string): string {
  const folder = KINDS.find(([re]) => re.test(caseId))?.[2];
  return folder ? `/cases/${folder}/${encodeURIComponent(caseId)}` : `/cases/${encodeURIComponent(caseId)}`;
}

/** The case's page under the public URL (no trailing slash on `publicUrl`). */
export function caseUrl(publicUrl: string, caseId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${casePagePath(caseId)}`;
}

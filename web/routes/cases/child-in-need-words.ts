/** The D1 criteria in the words of the briefing (rules.md D1), for the form's boxes and the case page. */
export const CRITERIA_TEXT: Record<string, string> = {
  'closing-within-3-months': 'Expected to close to children’s social care within 3 months (step down to TAF or universal services)',
  'step-down-from-second-child-protection-plan': 'Steps down to child in need from a second or later child protection plan',
  'second-cin-plan': 'A second or later child in need plan',
  'step-down-from-looked-after-with-supervision-order': 'Steps down from a looked-after plan with a supervision order',
  'consultant-social-worker-case-holder': 'A consultant social worker is the main case holder',
};

/**
 * L15-L16: what a looked-after review's agenda must include (permanence, contingency, Staying Put,
 * the pathway plan). Pure.
 */
import { IsoDate, addMonths, addYears } from '../calendar/iso-date';
import type { CycleModel } from './model';

/** L16: the pathway plan is due within 3 months of the 16th birthday. */
export function pathwayPlanDue(dateOfBirth: IsoDate): IsoDate {
  return addMonths(addYears(dateOfBirth, 16), 3);
}

/** L15-L16: what the next review's agenda must include; `on` is its meeting date, or its due date. */
export function agendaFor(model: CycleModel, reviewNumber: number, on: IsoDate): { rule: string; item: string }[] {
  const items: { rule: string; item: string }[] = [];
  if (reviewNumber === 2) items.push({ rule: 'L15', item: 'confirm the permanence plan' });
  if (reviewNumber === 3) items.push({ rule: 'L15', item: 'consider the contingency plan' });
  const sixteenth = addYears(model.child.dateOfBirth, 16);
  const lastHeld = model.reviewsHeld[model.reviewsHeld.length - 1]?.heldOn;
  if (on >= sixteenth && (lastHeld === undefined || lastHeld < sixteenth)) {
    if (model.placement.type.endsWith('foster'))
      items.push({ rule: 'L16', item: 'consider Staying Put (first review after the 16th birthday, in foster care)' });
    const pd = pathwayPlanDue(model.child.dateOfBirth);
    // Came into care after 16 years 3 months: owed by the first review, never a date before care.
    const by = pd < model.becameLookedAfter ? 'the first review' : pd;
    items.push({ rule: 'L16', item: `pathway plan in place (due by ${by})` });
  }
  return items;
}

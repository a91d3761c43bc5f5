/**
 * L22 (Stoke 004 §5.3, §6.3, §6.5): care planning around the reviews. The care plan within 10 days
 * of the first placement; a placement plan within 5 WD of each placement (the first and each
 * change); a PEP from coming into care, reviewed at least every 6 months; the health plan available for the first review. The social worker owes
 * each; overdue work goes to the team manager. Only for profiles that set these timescales (a
 * running cycle keeps the profile it started with, so older cycles see none). Pure, part of obligations.ts.
 */
import { IsoDate } from '../calendar/iso-date';
import { WorkingDayCalendar } from '../calendar/working-day-calendar';
import { deadlineAfter, deadlineBefore } from '../timescales/interval';
import { PolicyProfile } from '../timescales/policy-profile';
import type { TaskShape } from './after-the-meeting';
import { CycleModel } from './model';
import { Obligation } from './obligations';

/** The first placement's start: kept when the placement first changes; before that, the current one's. */
export function firstPlacementOn(model: CycleModel): IsoDate {
  return model.carePlanning?.firstPlacementOn ?? (model.placementChanges.length ? model.becameLookedAfter : model.placement.startedOn);
}

/** `reviewOn`: the open review's meeting date, or its due date while it is not booked. */
export function carePlanning(
  model: CycleModel,
  profile: PolicyProfile,
  calendar: WorkingDayCalendar,
  task: TaskShape,
  reviewOn: IsoDate,
): Obligation[] {
  const t = profile.lookedAfterReview;
  const done = model.carePlanning ?? {};
  const out: Obligation[] = [];
  const after = (d: IsoDate, i: NonNullable<typeof t.carePlanAfterFirstPlacement>) => deadlineAfter(calendar, d, i).date;
  // Brought in at go-live: what fell due before the import was done in the previous system.
  const importedOn = model.imported?.on;
  const before = (due: IsoDate) => importedOn !== undefined && due < importedOn;

  if (t.carePlanAfterFirstPlacement && !done.carePlanOn) {
    const first = firstPlacementOn(model);
    const due = after(first, t.carePlanAfterFirstPlacement);
    if (!before(due))
      out.push(task('care-plan', 'L22', `complete the care plan (first placement started ${first})`, 'social-worker', due, first));
  }

  // A plan for the placement the child is in: one the child has already left is no longer owed.
  if (t.placementPlanAfterPlacement) {
    const startedOn = model.placement.startedOn;
    const due = after(startedOn, t.placementPlanAfterPlacement);
    if (!done.placementPlans?.[startedOn] && !before(due)) {
      const what = `make the placement plan for the ${model.placement.type} placement from ${startedOn}`;
      out.push(task(`placement-plan/${startedOn}`, 'L22', what, 'social-worker', due, startedOn));
    }
  }

  // The first PEP when the child comes into care, then a review at least every 6 months from the last.
  if (t.personalEducationPlan) {
    // Imported with no PEP recorded here: the last was made in the previous system, so the next review counts from the import.
    const last =
      done.peps?.[done.peps.length - 1] ??
      (importedOn && before(after(model.becameLookedAfter, t.personalEducationPlan)) ? importedOn : undefined);
    const from = last ?? model.becameLookedAfter;
    const due = last ? after(last, t.personalEducationPlanReview ?? { months: 6 }) : after(from, t.personalEducationPlan);
    const what = !last
      ? 'make the personal education plan (PEP)'
      : last === importedOn && !done.peps?.length
        ? 'review the personal education plan (the last was made before go-live)'
        : `review the personal education plan (last ${last})`;
    out.push(task(`pep/${due}`, 'L22', what, 'social-worker', due, from));
  }

  // The health plan is available for the first review: with the reports the IRO reads before it.
  if (t.healthPlanBeforeFirstReview && model.reviewsHeld.length === 0 && !done.healthPlanOn) {
    const due = deadlineBefore(calendar, reviewOn, t.healthPlanBeforeFirstReview).date;
    if (before(due)) return out;
    const what = `make the health plan available for the first review (${reviewOn})`;
    out.push(task('health-plan', 'L22', what, 'social-worker', due, model.becameLookedAfter));
  }
  return out;
}

/** Records a care-planning task as done; false if `key` is not one. */
export function recordCarePlanning(model: CycleModel, key: string, on: IsoDate): boolean {
  const placement = /^placement-plan\/(\d{4}-\d{2}-\d{2})$/.exec(key);
  if (key !== 'care-plan' && key !== 'health-plan' && !placement && !key.startsWith('pep/')) return false;
  const cp = (model.carePlanning ??= {});
  if (key === 'care-plan') cp.carePlanOn = on;
  else if (key === 'health-plan') cp.healthPlanOn = on;
  else if (placement) cp.placementPlans = { ...cp.placementPlans, [placement[1]]: on };
  else cp.peps = [...(cp.peps ?? []), on];
  return true;
}

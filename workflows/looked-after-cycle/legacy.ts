/** Which corrected rules a running cycle keeps in their earlier form for the rest of its run (see model.ts `Legacy`). */
import { CycleModel, Legacy } from './model';

/** From each run's patched() answers: what a cycle started before the corrections keeps doing. */
export function legacyOf(decisionOwners: boolean, disagreement: boolean, dates = true, followUpAfter18 = true): Legacy | undefined {
  if (decisionOwners && disagreement && dates && followUpAfter18) return undefined;
  return {
    ...(decisionOwners ? {} : { decisionOwners: true }),
    ...(disagreement ? {} : { disagreement: true }),
    ...(dates ? {} : { dates: true }),
    ...(followUpAfter18 ? {} : { endsAt18WithoutFollowUp: true }),
  };
}

/** The model as staff see it (the legacy switches are the workflow's business). */
export function withoutLegacy(model: CycleModel): Omit<CycleModel, 'legacy'> {
  const { legacy: _legacy, ...rest } = model;
  return rest;
}

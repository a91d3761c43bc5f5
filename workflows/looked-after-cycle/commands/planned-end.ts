/**
 * L20: care is planned to end (or the planned end moves): a review is then due before it
 * (obligations.ts). Recorded on the day it was planned (`on`, default today); a review held since counts.
 */
import { Command } from '../../case-kernel/command';
import { date, refuse } from '../../case-kernel/validation';
import { PlanEndOfCare } from '../messages';
import { CycleModel, PLANNED_END_KINDS, eighteenthBirthday } from '../model';
import { CycleContext, active, effectiveDate, log, onDay } from './common';

export const planEndOfCareCommand: Command<CycleModel, PlanEndOfCare, CycleContext> = {
  validate(model, { plannedEndOn, kind, on }, ctx) {
    active(model);
    date('plannedEndOn', plannedEndOn);
    if (!(PLANNED_END_KINDS as readonly string[]).includes(kind)) refuse('kind', `one of ${PLANNED_END_KINDS.join(', ')}`, 'L20');
    const recordedOn = effectiveDate(model, 'on', on, ctx);
    const was = model.plannedEnd;
    const wasOn = was?.moves?.length ? was.moves[was.moves.length - 1].on : was?.recordedOn;
    if (wasOn && recordedOn < wasOn) refuse('on', `${recordedOn} is before the planned end it moves was recorded (${wasOn})`, 'L20');
    if (plannedEndOn <= recordedOn)
      refuse(
        'plannedEndOn',
        `${plannedEndOn} is not after ${on === undefined ? 'today' : 'the day it was planned'} (${recordedOn})`,
        'L20',
      );
    if (plannedEndOn <= model.becameLookedAfter)
      refuse('plannedEndOn', `${plannedEndOn} is not after the child came into care (${model.becameLookedAfter})`, 'L20');
    const adultOn = eighteenthBirthday(model.child.dateOfBirth);
    if (plannedEndOn > adultOn)
      refuse('plannedEndOn', `${plannedEndOn} is after the 18th birthday (${adultOn}), when care ends anyway`, 'L16');
  },
  apply(model, { plannedEndOn, kind, by, on }, ctx) {
    const was = model.plannedEnd;
    const planned = on ?? ctx.today;
    // Moved with the same plan: a review held since it was first planned still counts; a different plan needs its own.
    const recordedOn = was && was.kind === kind ? was.recordedOn : planned;
    const moves = was ? [...(was.moves ?? []), { from: was.on, kind: was.kind, on: planned, by }] : undefined;
    model.plannedEnd = { on: plannedEndOn, kind, recordedOn, by, ...(moves ? { moves } : {}) };
    const what = was
      ? `planned end of care moved from ${was.on} (${was.kind}) to ${plannedEndOn} (${kind}); a review is due before it`
      : `end of care planned for ${plannedEndOn} (${kind}); a review is due before it`;
    log(model, ctx, `${what}${onDay(planned, ctx, 'planned')}`, 'L20', by);
  },
};

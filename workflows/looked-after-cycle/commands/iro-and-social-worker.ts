/**
 * L1: the IRO appointed (or changed); the social worker allocated. Each on the day it happened
 * (`on`, default today): L1's "IRO appointed within the set time" is judged with that date.
 */
import { refuse, staff } from '../../case-kernel/validation';
import { Command } from '../../case-kernel/command';
import { StaffChoice } from '../messages';
import { CycleModel } from '../model';
import { CycleContext, active, effectiveDate, log, onDay } from './common';

const validStaff = (model: CycleModel, { staffId, by, on }: StaffChoice, ctx: CycleContext, current?: string) => {
  active(model);
  staff('staffId', staffId);
  staff('by', by);
  const d = effectiveDate(model, 'on', on, ctx);
  if (current && d < current) refuse('on', `${d} is before the one it replaces was recorded (${current})`, 'L1');
};

export const appointIroCommand: Command<CycleModel, StaffChoice, CycleContext> = {
  validate: (model, input, ctx) => validStaff(model, input, ctx, model.iro?.appointedOn),
  apply(model, { staffId, by, on }, ctx) {
    const appointedOn = on ?? ctx.today;
    const was = model.iro;
    // L1 is judged by the first appointment; a later change keeps its date.
    const first = was ? (was.firstAppointedOn ?? was.appointedOn) : undefined;
    model.iro = { staffId, appointedOn, ...(first ? { firstAppointedOn: first } : {}) };
    const what = was ? `IRO changed from ${was.staffId} to ${staffId}` : `IRO ${staffId} appointed`;
    log(model, ctx, `${what}${onDay(appointedOn, ctx)}`, 'L1', by);
  },
};

export const allocateSocialWorkerCommand: Command<CycleModel, StaffChoice, CycleContext> = {
  validate: (model, input, ctx) => validStaff(model, input, ctx, model.socialWorker?.allocatedOn),
  apply(model, { staffId, by, on }, ctx) {
    const allocatedOn = on ?? ctx.today;
    model.socialWorker = { staffId, allocatedOn };
    log(model, ctx, `social worker ${staffId} allocated${onDay(allocatedOn, ctx)}`, undefined, by);
  },
};

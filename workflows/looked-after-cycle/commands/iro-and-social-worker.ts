/** L1: the IRO appointed (or changed); the social worker allocated. */
import { Command } from '../../case-kernel/command';
import { staff } from '../../case-kernel/validation';
import { StaffChoice } from '../messages';
import { CycleModel } from '../model';
import { CycleContext, active, log } from './common';

const validStaff = (model: CycleModel, { staffId, by }: StaffChoice) => {
  active(model);
  staff('staffId', staffId);
  staff('by', by);
};

export const appointIroCommand: Command<CycleModel, StaffChoice, CycleContext> = {
  validate: validStaff,
  apply(model, { staffId, by }, ctx) {
    const previous = model.iro?.staffId;
    model.iro = { staffId, appointedOn: ctx.today };
    log(model, ctx, previous ? `IRO changed from ${previous} to ${staffId}` : `IRO ${staffId} appointed`, 'L1', by);
  },
};

export const allocateSocialWorkerCommand: Command<CycleModel, StaffChoice, CycleContext> = {
  validate: validStaff,
  apply(model, { staffId, by }, ctx) {
    model.socialWorker = { staffId, allocatedOn: ctx.today };
    log(model, ctx, `social worker ${staffId} allocated`, undefined, by);
  },
};

/** Roles become addresses when a message is sent, from what the cycle knows at that moment. */
import { CycleModel } from './model';
import { Recipient } from './obligations';

export type { Recipient } from './obligations';

export function addressOf(model: CycleModel): (to: Recipient) => string {
  return (to) => {
    switch (to) {
      case 'iro':
        return model.iro ? `user:${model.iro.staffId}` : 'iro-unit';
      case 'social-worker':
        return model.socialWorker ? `user:${model.socialWorker.staffId}` : `social-worker:${model.child.team}`;
      case 'team-manager':
        return `team-manager:${model.child.team}`;
      default:
        return to;
    }
  };
}

/** Everyone told when the cycle ends (L13, L16). */
export const END_NOTICE_TO: Recipient[] = ['iro-unit', 'iro', 'social-worker', 'team-manager'];

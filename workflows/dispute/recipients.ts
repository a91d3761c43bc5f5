/**
 * Who a dispute's roles are when a message is sent: the child's allocated social worker (E3; the
 * team's social work address when none is recorded), the team's manager, the IRO who raised it;
 * the senior roles (E3-E5) are addresses of their own.
 */
import { DisputeState } from './messages';

export function disputeAddress(s: Pick<DisputeState, 'child' | 'iro' | 'socialWorker'>, role: string): string {
  if (role === 'social-worker' && s.socialWorker) return `user:${s.socialWorker}`;
  if (role === 'social-worker' || role === 'team-manager') return `${role}:${s.child.team}`;
  if (role === 'iro') return `user:${s.iro}`;
  return role;
}

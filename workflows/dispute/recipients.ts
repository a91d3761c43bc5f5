/**
 * Who a dispute's roles are when a message is sent: the child's team's social worker and team
 * manager, the IRO who raised it; the senior roles (E3-E5) are addresses of their own.
 */
import { DisputeState } from './messages';

export function disputeAddress(s: Pick<DisputeState, 'child' | 'iro'>, role: string): string {
  if (role === 'social-worker' || role === 'team-manager') return `${role}:${s.child.team}`;
  if (role === 'iro') return `user:${s.iro}`;
  return role;
}

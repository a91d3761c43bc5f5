/**
 * Facts about notifications and their delivery (issue 14, item 1): that a case sent one
 * (`notification/sent`, written by the notify activity) and how its email delivery ended
 * (`notification/delivered` or `notification/failed`, written by the mail dispatcher). What the
 * notification said and who received it by email stay in the operational outbox: the record keeps
 * the rule, the kind, the role it was addressed to and its due date.
 */
import type { NotificationRecord } from '../embedded-store';
import type { CaseRef } from '../case-register';
import { caseKindOf } from '../../platform/case-pages';
import type { CaseKind, Fact } from '../../workflows/record/facts';

export const NOTIFICATION_SENT = 'notification/sent';
export const NOTIFICATION_DELIVERED = 'notification/delivered';
export const NOTIFICATION_FAILED = 'notification/failed';

export interface NotificationFactData {
  notificationId: string;
  rule: string;
  kind: string;
  /** The role address (`iro-unit`, `team-manager:south-1`, `user:<staff id>`), never an email address. */
  recipientRole: string;
  dueDate: string | null;
}

const PREFIXES: [string, CaseKind][] = [
  ['lac-', 'looked-after'],
  ['o2r-', 'open-to-review'],
  ['sbs-', 'open-to-review'],
  ['red-', 'dispute'],
  ['cin-', 'child-in-need'],
];

/** The case kind the id says (a dispute a cycle opened, `lac-…-r2-l10`, is a dispute); undefined for an id of no known kind. */
export function caseKindFromId(caseId: string): CaseKind | undefined {
  return caseKindOf(caseId) ?? PREFIXES.find(([p]) => caseId.startsWith(p))?.[1];
}

/** The role part of an address; an email address (never expected) is not kept, only that it was one. */
export function recipientRole(address: string): string {
  if (!address.includes('@')) return address;
  const scheme = address.split(':')[0];
  return address.includes(':') && !scheme.includes('@') ? scheme : 'email-address';
}

type Notification = Pick<NotificationRecord, 'id' | 'caseId' | 'rule' | 'kind' | 'recipient' | 'dueDate'>;

/**
 * The fact, or undefined for a notification on no known kind of case (nothing to file it under)
 * and for the dispatcher's own notices of a failed delivery (their ids hold the address that
 * failed; the failure is already the original notification's `notification/failed`).
 */
export function notificationFact(
  n: Notification,
  what: 'sent' | 'delivered' | 'failed',
  /** The day (London) it happened. */
  on: string,
  ref: Pick<CaseRef, 'childId' | 'team'> = {},
): Fact | undefined {
  const caseKind = caseKindFromId(n.caseId);
  if (!caseKind || n.id.includes('@')) return undefined;
  const data: NotificationFactData = {
    notificationId: n.id,
    rule: n.rule,
    kind: n.kind,
    recipientRole: recipientRole(n.recipient),
    dueDate: n.dueDate ?? null,
  };
  return {
    key: `${n.caseId}/notification/${n.id}/${what}`,
    caseId: n.caseId,
    caseKind,
    type: `notification/${what}`,
    on,
    ...(ref.childId ? { childId: ref.childId } : {}),
    ...(ref.team ? { team: ref.team } : {}),
    data: { ...data },
  };
}

/**
 * What an email says, for every kind of notification, in one place. Today every kind is rendered
 * from the notification's own subject and body with its due date, rule and case added; a kind that
 * needs its own wording gets an entry in RENDERERS (a test renders every kind).
 */
import { NotificationRecord } from '../data/embedded-store';

export interface RenderedEmail {
  subject: string;
  text: string;
}

/** A kind's own wording: the subject and the paragraphs above the common footer. */
type Renderer = (n: NotificationRecord) => { subject: string; paragraphs: string[] };

const asRecorded: Renderer = (n) => ({ subject: n.subject, paragraphs: [n.body] });

/** Kinds worded otherwise than as recorded. */
export const RENDERERS: Partial<Record<string, Renderer>> = {
  'delivery-failed': (n) => ({ subject: n.subject, paragraphs: [n.body] }),
};

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * The email for one recipient. `note` marks one sent to the IRO unit manager in place of someone
 * the directory lacks ("no recipient for team-manager:south-9").
 */
export function renderEmail(n: NotificationRecord, note: string | null): RenderedEmail {
  const r = (RENDERERS[n.kind] ?? asRecorded)(n);
  const lead = note
    ? [
        `${note[0].toUpperCase()}${note.slice(1)}: this was addressed to ${n.recipient}, and the directory has nobody for it. ` +
          'Please pass it on, and add the person or mailbox to the directory (GET /api/directory lists every gap).',
      ]
    : [];
  const facts = [n.dueDate ? `Due: ${n.dueDate}` : undefined, `Rule: ${n.rule}`, `Case: ${n.caseId}`].filter(Boolean);
  return {
    subject: oneLine(`${note ? `[${note}] ` : ''}${r.subject}`).slice(0, 250),
    text: [...lead, ...r.paragraphs, facts.join('\n'), `-- care-reviews, notification ${n.id}`].join('\n\n') + '\n',
  };
}

/** A person's morning digest: each child's deadlines, soonest first (children by their soonest). */
export function renderDigest(items: NotificationRecord[], date: string): RenderedEmail {
  const byDue = (a: NotificationRecord, b: NotificationRecord) =>
    (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') || a.id.localeCompare(b.id);
  const cases = new Map<string, NotificationRecord[]>();
  for (const n of [...items].sort(byDue)) cases.set(n.caseId, [...(cases.get(n.caseId) ?? []), n]);
  const sections = [...cases].map(([caseId, ns]) =>
    [`Case ${caseId}`, ...ns.map((n) => `- ${n.dueDate ? `by ${n.dueDate}: ` : ''}${oneLine(n.subject)} (${n.rule})`)].join('\n'),
  );
  const soonest = items
    .map((n) => n.dueDate)
    .filter(Boolean)
    .sort()[0];
  return {
    subject: `Your care-reviews digest for ${date}: ${items.length} item${items.length === 1 ? '' : 's'}${soonest ? `, the soonest due ${soonest}` : ''}`,
    text:
      [
        `Reminders for ${date}, soonest first.`,
        ...sections,
        `-- care-reviews, digest of ${items.length} notification${items.length === 1 ? '' : 's'}`,
      ].join('\n\n') + '\n',
  };
}

/**
 * What an email says. Every kind's template is in mail-templates.ts; here each email is put
 * together the same way: the subject names the child (the case system's id and team, never a
 * name: the system holds none), the body says what this is, the case's own words, then the child,
 * the case, what is due and by when, the rule and its source, what to do, and the link to the case
 * (CARE_REVIEWS_PUBLIC_URL + the case's page, platform/case-pages.ts). A case the register does
 * not know is named by its id only. A person's morning digest lists each child's deadlines, soonest
 * first.
 */
import { CaseRef } from '../data/case-register';
import { NotificationRecord } from '../data/embedded-store';
import { describeRules, documentsOf } from '../data/rule-sources';
import { caseKindOf, caseUrl } from '../platform/case-pages';
import { IsoDate, weekdayName } from '../workflows/calendar/iso-date';
import { templateOf } from './mail-templates';

export interface RenderedEmail {
  subject: string;
  text: string;
}

export interface RenderContext {
  /** CARE_REVIEWS_PUBLIC_URL: where people open the service (the link is this + the case's page). */
  publicUrl: string;
  /** What is known of a case (the register; `{caseId}` alone if nothing). */
  caseOf: (caseId: string) => CaseRef;
}

const KIND_NAMES: Record<string, string> = {
  'looked-after': 'looked-after review cycle',
  'open-to-review': 'Open to Review case',
  dispute: 'Resolution and Escalation dispute',
  'child-in-need': 'Child in Need review case',
};

const kindName = (ref: CaseRef) => {
  const kind = ref.kind ?? caseKindOf(ref.caseId);
  return kind ? `${KIND_NAMES[kind]} ` : '';
};
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
const day = (d: string) => (/^\d{4}-\d\d-\d\d$/.test(d) ? `${d} (${weekdayName(d as IsoDate)})` : d);

/** "Child C-1042, team south-1", or "Case lac-…" when the child is not known. */
export function caseLabel(ref: CaseRef): string {
  if (ref.childId) return `Child ${ref.childId}${ref.team ? `, team ${ref.team}` : ''}`;
  return `Case ${ref.caseId}${ref.team ? `, team ${ref.team}` : ''}`;
}

function caseLines(ref: CaseRef): string[] {
  return [
    ...(ref.childId ? [`Child: ${ref.childId} (the case system's id)${ref.team ? `, team ${ref.team}` : ''}`] : []),
    `Case: ${kindName(ref)}${ref.caseId}${!ref.childId && ref.team ? `, team ${ref.team}` : ''}`,
  ];
}

/** The case's own words, begun with a capital. */
const sentence = (s: string) => (s ? `${s[0].toUpperCase()}${s.slice(1)}` : s);

/**
 * The email for one recipient. `note` marks one sent to the IRO unit manager in place of someone
 * the directory lacks ("no recipient for team-manager:south-9").
 */
export function renderEmail(n: NotificationRecord, note: string | null, ctx: RenderContext): RenderedEmail {
  const t = templateOf(n.kind);
  const ref = ctx.caseOf(n.caseId);
  const lead = note
    ? [
        `${note[0].toUpperCase()}${note.slice(1)}: this was addressed to ${n.recipient}, and the directory has nobody for it. ` +
          'Please pass it on, and add the person or mailbox to the directory (GET /api/directory lists every gap).',
      ]
    : [];
  const facts = [
    ...(n.dueDate ? [`Due: ${day(n.dueDate)}`] : []),
    ...describeRules(n.rule).map((r, i) => `${i ? '      ' : 'Rule: '}${r}`),
    `What to do: ${typeof t.todo === 'function' ? t.todo(n) : t.todo}`,
  ];
  const sources = documentsOf(n.rule);
  return {
    subject: oneLine(`${note ? `[${note}] ` : ''}${caseLabel(ref)}: ${n.subject}`).slice(0, 250),
    text:
      [
        ...lead,
        t.about,
        sentence(n.body),
        [...caseLines(ref), ...facts, `Open the case: ${caseUrl(ctx.publicUrl, ref.caseId)}`].join('\n'),
        ...(sources.length ? [`Sources: ${sources.join('; ')}.`] : []),
        `-- care-reviews, notification ${n.id}`,
      ].join('\n\n') + '\n',
  };
}

/** A person's morning digest: each child's deadlines, soonest first (children by their soonest). */
export function renderDigest(items: NotificationRecord[], date: string, ctx: RenderContext): RenderedEmail {
  const byDue = (a: NotificationRecord, b: NotificationRecord) =>
    (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') || a.id.localeCompare(b.id);
  const cases = new Map<string, NotificationRecord[]>();
  for (const n of [...items].sort(byDue)) cases.set(n.caseId, [...(cases.get(n.caseId) ?? []), n]);
  const sections = [...cases].map(([caseId, ns]) => {
    const ref = ctx.caseOf(caseId);
    const kind = kindName(ref);
    return [
      ref.childId ? `${caseLabel(ref)} (${kind}${caseId})` : `Case: ${kind}${caseId}${ref.team ? `, team ${ref.team}` : ''}`,
      ...ns.map((n) => {
        const rule = describeRules(n.rule).join('; ');
        return `- ${n.dueDate ? `by ${day(n.dueDate)}: ` : ''}${oneLine(n.subject)}\n  ${sentence(oneLine(n.body))}\n  Rule ${rule}`;
      }),
      `  Open the case: ${caseUrl(ctx.publicUrl, caseId)}`,
    ].join('\n');
  });
  const soonest = items
    .map((n) => n.dueDate)
    .filter(Boolean)
    .sort()[0];
  const count = `${items.length} item${items.length === 1 ? '' : 's'}`;
  return {
    subject: `Your care-reviews digest for ${date}: ${count}${soonest ? `, the soonest due ${soonest}` : ''}`,
    text:
      [
        `Your reminders for ${day(date)}, each child's deadlines soonest first. Do each by its date and mark it done on the case; ` +
          'escalations, overdue first reviews and decisions to make come to you at once, not here.',
        ...sections,
        `-- care-reviews, digest of ${count}`,
      ].join('\n\n') + '\n',
  };
}

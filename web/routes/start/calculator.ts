/**
 * /calculator: the review calculator as a page, for everyone. A GET form (so a result can be
 * bookmarked and works without JavaScript): the date the child came into care, the last review
 * if any, the profile. It shows the due date and how it was counted (GET /api/calc/next-review)
 * and the preparation timeline for a meeting on that date (GET /api/calc/timeline), from the same
 * Calculator the API, the CLI and the workflows use.
 */
import { Request } from 'express';
import { Calculator } from '../../../api/calculator';
import { InputError } from '../../../api/input-error';
import { ANY_ROLE } from '../../../platform/auth/roles';
import { describeCounting } from '../../../workflows/timescales/interval';
import { Mount, WebContext } from '../../app';
import { govukDate } from '../../nunjucks-setup';

const DATE_PARTS = ['day', 'month', 'year'] as const;
const QUERY = [
  ...DATE_PARTS.map((p) => `becameLookedAfter-${p}`),
  ...DATE_PARTS.map((p) => `lastReview-${p}`),
  'which',
  'profile',
] as const;

/** Which form field a calculator error is about (the API's names become the form's inputs). */
const FIELD_IDS: Record<string, string> = {
  becameLookedAfter: 'becameLookedAfter-day',
  held: 'lastReview-day',
  lastReview: 'lastReview-day',
  profile: 'profile',
};

const LABELS: Record<string, string> = {
  becameLookedAfter: 'Date the child came into care',
  held: 'Date of the last review',
  profile: 'Policy profile',
};

const q = (req: Request, name: string) => {
  const v = req.query[name];
  return typeof v === 'string' ? v.trim() : '';
};

/** The GOV.UK date input's three boxes as an ISO date; undefined when all are empty. */
function dateFrom(req: Request, name: string, label: string): string | undefined {
  const [d, m, y] = DATE_PARTS.map((p) => q(req, `${name}-${p}`));
  if (!d && !m && !y) return undefined;
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y))
    throw new InputError(name, `${label} must be a real date, for example 27 3 2026`);
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

export function calculatorPage(page: Mount, ctx: WebContext): void {
  const { services } = ctx;
  const calc = new Calculator(() => services.calendar.calendar(), services.profiles);
  page('/calculator', (r) => {
    r.get('/', { roles: ANY_ROLE, query: QUERY }, (req, res) => {
      const twice = QUERY.find((k) => req.query[k] !== undefined && typeof req.query[k] !== 'string');
      if (twice) throw new InputError(twice, `${twice}: given more than once`);
      const values: Record<string, string> = Object.fromEntries(QUERY.map((k) => [k, q(req, k)]));
      const chosen = values.profile || (services.defaultProfile ?? 'statutory');
      const profiles = services.profiles
        .ids()
        .map((id) => ({ value: id, text: services.profiles.get(id)?.name ?? id, selected: id === chosen }));
      const asked = QUERY.some((k) => values[k] !== '');
      const view = { title: 'Review calculator', values, profiles };
      if (!asked) return res.render('pages/start/calculator.njk', view);
      try {
        const becameLookedAfter = dateFrom(req, 'becameLookedAfter', 'Date the child came into care');
        if (!becameLookedAfter) throw new InputError('becameLookedAfter', 'Enter the date the child came into care');
        const lastReview = dateFrom(req, 'lastReview', 'Date of the last review');
        const which = values.which || 'first';
        if (which !== 'first' && which !== 'later') throw new InputError('which', 'Choose which review the last review was');
        // The due date after a later review counts from the last one only (L4), so the day of care stands in for the earlier reviews.
        const held = lastReview ? (which === 'first' ? [lastReview] : [becameLookedAfter, lastReview]) : [];
        const profile = chosen;
        const next = calc.nextReview({ becameLookedAfter, held: held.join(','), profile });
        const timeline = calc.timeline({ meeting: next.due, profile });
        res.render('pages/start/calculator.njk', {
          ...view,
          next: { ...next, reviewLabel: lastReview && which === 'later' ? 'a later review' : `review ${next.reviewNumber}` },
          summaryRows: [
            ['Due by', govukDate(next.due)],
            ['Rule', `${next.rule}: ${next.ruleText}`],
            ['Counted from', `${govukDate(next.base)} (${next.baseEvent}), as day 0`],
            ...(next.bookBy ? [['Book for about', govukDate(next.bookBy)]] : []),
            ['Profile', next.profile],
          ].map(([k, v]) => ({ key: { text: k }, value: { text: v } })),
          counting: next.counting.map((c) => {
            const [how, date] = describeCounting(c).split(' -> ');
            return { how, date };
          }),
          timeline,
        });
      } catch (e) {
        if (!(e instanceof InputError) || e.status >= 500) throw e;
        const message = e.message
          .replace(/^held\[\d+\]/, 'held')
          .replace(/^(\w+)(:?) /, (_m, f: string, colon: string) => `${LABELS[f] ?? f}${colon} `)
          .replace(/ is not a real date in the form YYYY-MM-DD/, ' is not a real date (enter a day, month and year)')
          .replace(/ \(YYYY-MM-DD\)/g, '');
        const id = FIELD_IDS[e.field] ?? (e.field === 'which' ? 'which' : 'becameLookedAfter-day');
        res.status(400).render('pages/start/calculator.njk', {
          ...view,
          errors: [{ text: message, href: `#${id}` }],
          errorsByField: { [e.field === 'held' ? 'lastReview' : e.field]: message },
        });
      }
    });
  });
}

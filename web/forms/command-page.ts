/**
 * A command as two pages: GET shows its form (made from the request's declaration), POST gives it.
 * Accepted: back to the case with a message (post/redirect/get). Refused: the same form again with
 * what the user typed, the GOV.UK error summary and each field's message naming the rule (`L7: ...`).
 */
import { Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import { InputError } from '../../api/input-error';
import { principalOf } from '../../api/middleware/permit';
import { Roles, SecureRouter } from '../../api/secure-router';
import { Principal } from '../../platform/auth/roles';
import { datesInWords } from '../nunjucks-setup';
import { SessionData, Sessions } from '../session';
import { FormField, Labels, fieldId, formFields, toRequest, words } from './schema-form';

/** The form's starting values, and (optionally) a sentence about the case now, above the form. */
export type Initial = Record<string, string> | { values: Record<string, string>; now: string };

const split = (i: Initial | undefined): { values: Record<string, string>; now?: string } =>
  i && typeof i.now === 'string' && typeof i.values === 'object'
    ? (i as { values: Record<string, string>; now: string })
    : { values: (i as Record<string, string>) ?? {} };

export interface CommandPage<S extends z.ZodType, R = unknown> {
  /** Under the case: `/book` makes `/cases/looked-after/:cycleId/book`; '' for a page with no case (a new case). */
  path: string;
  title: string;
  /** The same roles as the API route that gives this command. */
  roles: Roles;
  /** Query parameters the form's page accepts (read by `initial`, e.g. `?cycleId=`); any other is a 400. */
  query?: readonly string[];
  schema: S;
  labels?: Labels;
  /** Fields the page fills itself (from the path). */
  omit?: readonly string[];
  /** Shown above the form: the rule it follows, in a sentence. */
  rule?: string;
  intro?: string;
  submitText?: string;
  /** Gives the command; the result decides where the user goes next. */
  run: (ctx: { caseId: string; req: Request; principal: Principal; body: z.output<S> }) => Promise<R>;
  /** After success: where to, and the message there. */
  done: (ctx: { caseId: string; req: Request; result: R }) => { to: string; message: string };
  /** The case page (Cancel and the caption). */
  caseHref: (caseId: string, req: Request) => string;
  caption?: (caseId: string) => string;
  /**
   * Reads the case the form is for, before the form is shown: a case this user may not see is refused
   * as the API refuses it (another team's 403, none 404), never shown as an empty form.
   */
  readable?: (caseId: string, principal: Principal) => Promise<unknown>;
  /** Values to start the form with (e.g. today's date). */
  initial?: (ctx: { caseId: string; req: Request; principal: Principal }) => Promise<Initial> | Initial;
  /** Fields answered by choosing from what the case has now (the open tasks this user may mark done), as radios. */
  choices?: (ctx: { caseId: string; req: Request; principal: Principal }) => Promise<Record<string, Choice[]>>;
  /** Shown instead of the form when a list of choices is empty. */
  noChoices?: string;
}

/** One radio of a `choices` field: the value posted, its words and a hint (its deadline, owner and rule). */
export interface Choice {
  value: string;
  text: string;
  hint?: string;
}

/** A date's API form out of a message: the form asks for a day, a month and a year. */
export const plainMessage = (m: string) =>
  m
    .replace(/"[^"]*" is not a real date in the form YYYY-MM-DD/, 'not a real date (enter a day, month and year)')
    .replace(/ is not a real date in the form YYYY-MM-DD/, ' is not a real date (enter a day, month and year)')
    .replace(/ \(YYYY-MM-DD\)/g, '')
    .replace(/: true or false\b/, ': answer yes or no');

/** A refusal as the page shows it: the summary list and each field's message. */
export function errorsOf(
  e: InputError,
  fields: FormField[],
): { errors: { text: string; href: string }[]; errorsByField: Record<string, string> } {
  const ids = new Map<string, string>();
  const labels = new Map<string, string>();
  const rowLabels = new Map<string, string>();
  const rowDates = new Set<string>();
  const walk = (fs: FormField[]) =>
    fs.forEach((f) => {
      ids.set(f.name, f.id);
      labels.set(f.name, f.label);
      if (f.fields && f.kind === 'group') walk(f.fields);
      if (f.fields && f.kind === 'rows')
        f.fields.forEach((sub) => {
          rowLabels.set(`${f.name}.${sub.name}`, sub.label.toLowerCase());
          if (sub.kind === 'date') rowDates.add(`${f.name}.${sub.name}`);
        });
    });
  walk(fields);
  const failures = e.failures?.length ? e.failures : [{ field: e.field, rule: e.rule, message: e.message }];
  const errors: { text: string; href: string }[] = [];
  const errorsByField: Record<string, string> = {};
  for (const f of failures) {
    // "heldOn: ..." in the API's words becomes "Date of the review: ..." in the form's; a row's field
    // "decisions[1].text: ..." becomes "Decision 2, what was decided: ...".
    const row = /^(\w+)\[(\d+)\]\.(\w+)$/.exec(f.field);
    const label =
      labels.get(f.field) ??
      (row && labels.get(row[1])
        ? `${labels.get(row[1])} ${Number(row[2]) + 1}, ${rowLabels.get(`${row[1]}.${row[3]}`) ?? words(row[3])}`
        : undefined);
    const message = plainMessage(
      label && f.message.startsWith(`${f.field}: `) ? `${label}: ${f.message.slice(f.field.length + 2)}` : f.message,
    );
    const said = datesInWords(f.rule && !message.includes(f.rule) ? `${f.rule}: ${message}` : message);
    // A row's date links to its day input, as a date field's does.
    const known =
      ids.get(f.field) ??
      (row
        ? `${fieldId(f.field)}${rowDates.has(`${row[1]}.${row[3]}`) ? '-day' : ''}`
        : /\[\d+\]/.test(f.field)
          ? fieldId(f.field)
          : undefined);
    errors.push({ text: said, href: known ? `#${known}` : '#command-form' });
    if (known) errorsByField[f.field] = said;
  }
  return { errors, errorsByField };
}

/** What was typed, to show again (ticked boxes come as an array; anything else posted is dropped). */
export const typedValues = (form: Record<string, unknown>): Record<string, string | string[]> =>
  Object.fromEntries(
    Object.entries(form).filter(
      ([k, v]) => k !== '_csrf' && k !== '_more' && (typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'))),
    ),
  ) as Record<string, string | string[]>;

/** How many rows a rows field shows: its default, every row typed into, and 5 more when asked (at most 100, as the API takes). */
export function rowsShown(f: FormField, values: Record<string, unknown>, more: unknown): number {
  let typed = 0;
  for (const [k, v] of Object.entries(values)) {
    const m = /^(\w+)\[(\d+)\]\./.exec(k);
    if (m && m[1] === f.name && String(v ?? '').trim() !== '') typed = Math.max(typed, Number(m[2]) + 1);
  }
  return Math.min(100, Math.max(f.rows ?? 5, typed) + (more === f.name ? 5 : 0));
}

export function commandPage<S extends z.ZodType, R>(r: SecureRouter, param: string, spec: CommandPage<S, R>, sessions: Sessions): void {
  const path = param ? `/:${param}${spec.path}` : spec.path || '/';
  const fields = formFields(spec.schema, spec.labels, spec.omit);
  const caseIdOf = (req: Request) => (param ? String(req.params[param]) : '');
  const show = async (req: Request, res: Response, caseId: string, extra: Record<string, unknown>, status = 200) => {
    // A field with choices read from the case (its open tasks) becomes radios of them; none: nothing to do here.
    const lists = (await spec.choices?.({ caseId, req, principal: principalOf(res) })) ?? {};
    const values = (extra.values ?? {}) as Record<string, unknown>;
    const shown = fields.map((f) =>
      lists[f.name]
        ? { ...f, kind: 'choice', items: lists[f.name] }
        : f.kind === 'rows'
          ? { ...f, rows: rowsShown(f, values, extra.more) }
          : f,
    );
    const nothing = Object.values(lists).some((l) => l.length === 0);
    res.status(status).render('pages/command-form.njk', {
      title: spec.title,
      caption: spec.caption?.(caseId) ?? caseId,
      intro: spec.intro,
      rule: spec.rule,
      submitText: spec.submitText,
      action: req.originalUrl.split('?')[0],
      cancelHref: spec.caseHref(caseId, req),
      backLink: spec.caseHref(caseId, req),
      fields: shown,
      nothing: nothing ? (spec.noChoices ?? 'There is nothing to record on this case now.') : undefined,
      ...extra,
    });
  };

  const get: RequestHandler = async (req, res) => {
    const caseId = caseIdOf(req);
    await spec.readable?.(caseId, principalOf(res));
    await show(req, res, caseId, split(await spec.initial?.({ caseId, req, principal: principalOf(res) })));
  };
  const post: RequestHandler = async (req, res) => {
    const caseId = caseIdOf(req);
    const form = (req.body ?? {}) as Record<string, unknown>;
    // "Add 5 more rows" (no JavaScript): the same form again with what was typed and more blank rows; nothing is given.
    if (typeof form._more === 'string' && fields.some((f) => f.kind === 'rows' && f.name === form._more)) {
      await show(req, res, caseId, { values: typedValues(form), more: form._more });
      return;
    }
    try {
      const body = toRequest(spec.schema, fields, form);
      const result = await spec.run({ caseId, req, principal: principalOf(res), body });
      const { to, message } = spec.done({ caseId, req, result });
      const s = res.locals.session as SessionData | undefined;
      if (s) await sessions.write(res, { ...s, flash: message });
      res.redirect(303, to);
    } catch (e) {
      // A refusal keeps what was typed; a page the user may not use or a case that is gone is an error page.
      if (!(e instanceof InputError) || e.status === 401 || e.status === 403 || (e.status === 404 && e.field === param)) throw e;
      const values = typedValues(form);
      await show(req, res, caseId, { values, ...errorsOf(e, fields) }, e.status === 400 ? 400 : e.status);
    }
  };
  r.get(path, spec.query ? { roles: spec.roles, query: spec.query } : spec.roles, get);
  r.post(path, spec.roles, post);
}

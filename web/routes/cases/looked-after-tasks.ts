/**
 * Mark a task done: the open tasks this user may record (the API's completeTask decides by who owes
 * each, api/services/looked-after-cycles.ts mayMarkDone), as radios, and the day it was done.
 */
import { Request, Response } from 'express';
import { InputError } from '../../../api/input-error';
import { principalOf } from '../../../api/middleware/permit';
import { SecureRouter } from '../../../api/secure-router';
import { mayMarkDone } from '../../../api/services/looked-after-cycles';
import { isCompletable } from '../../../workflows/looked-after-cycle/obligations';
import * as q from '../../../workflows/looked-after-cycle/requests';
import { WebContext } from '../../app';
import { errorsOf, typedValues } from '../../forms/command-page';
import { formFields, toRequest } from '../../forms/schema-form';
import { SessionData } from '../../session';
import { datesInWords, govukDate } from '../../nunjucks-setup';
import { LAC_ACTIONS, dateParts, lacPath, ownerText } from './looked-after-actions';

const fields = formFields(q.TaskDoneRequest, {
  key: { label: 'Which task is done?' },
  on: {
    label: 'Date it was done',
    hint: 'Leave as today unless it was done on an earlier day. A task after a review: not before it was held',
  },
});

export function lookedAfterTaskPage(r: SecureRouter, ctx: WebContext): void {
  const cycles = ctx.services.lookedAfterCycles;
  const path = `/:cycleId${LAC_ACTIONS.tasks.path}`;

  const show = async (req: Request, res: Response, extra: Record<string, unknown>, status = 200) => {
    const cycleId = String(req.params.cycleId);
    const p = principalOf(res);
    const s = await cycles.state(cycleId, p);
    const tasks = s.obligations
      .filter((o) => isCompletable(o) && mayMarkDone(o.owner, p))
      .sort((a, b) => a.due.localeCompare(b.due))
      .map((o) => ({
        value: o.key,
        text: datesInWords(o.what),
        hint: `Due by ${govukDate(o.due)}; owed by ${ownerText(o.owner)} (${o.rule})`,
      }));
    res.status(status).render('pages/looked-after-tasks.njk', {
      title: 'Mark a task done',
      caption: `Looked-after review cycle ${cycleId}`,
      action: req.originalUrl.split('?')[0],
      backLink: lacPath(cycleId),
      cancelHref: lacPath(cycleId),
      tasks,
      onField: fields.find((f) => f.name === 'on'),
      ...extra,
    });
  };

  r.get(path, LAC_ACTIONS.tasks.roles, async (req, res) => {
    await show(req, res, { values: dateParts('on', cycles.today()) });
  });

  r.post(path, LAC_ACTIONS.tasks.roles, async (req, res) => {
    const cycleId = String(req.params.cycleId);
    const form = (req.body ?? {}) as Record<string, unknown>;
    try {
      const body = toRequest(q.TaskDoneRequest, fields, form);
      const before = await cycles.state(cycleId, principalOf(res));
      await cycles.completeTask(cycleId, body, principalOf(res));
      const what = before.obligations.find((o) => o.key === body.key)?.what ?? body.key;
      const s = res.locals.session as SessionData | undefined;
      if (s) await ctx.sessions.write(res, { ...s, flash: `Done: ${what}` });
      res.redirect(303, lacPath(cycleId));
    } catch (e) {
      if (
        !(e instanceof InputError) ||
        e.status === 401 ||
        (e.status === 403 && e.field !== 'key') ||
        (e.status === 404 && e.field === 'cycleId')
      )
        throw e;
      const values = typedValues(form);
      await show(req, res, { values, ...errorsOf(e, fields) }, e.status);
    }
  });
}

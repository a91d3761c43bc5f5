/**
 * The statutory record's pages on a real stack, with bearer tokens: the go-live import (Check is
 * the API's dry run, Import imports, the whole file refused while a row has a mistake), the
 * operator's reconciling of the record (as POST /api/record/reconcile), the Returns links on the
 * IRO unit's and the operator's start pages, and the REVIEWS CSV downloaded through the page route
 * equal to the API's. Each refuses other roles with the 403 page and bad input naming field and rule.
 */
import { LOOKED_AFTER_COLUMNS } from '../api/imports/looked-after-rows';
import { addDays } from '../workflows/calendar/iso-date';
import { londonDate } from '../workflows/calendar/office-hours';
import { govukDate } from '../web/nunjucks-setup';
import { as } from './support/security';
import { Stack, eventually, startStack } from './support/stack';

let stack: Stack;
let today: string;

beforeAll(async () => {
  stack = await startStack('web-record-pages');
  today = londonDate(Date.now());
}, 180_000);
afterAll(async () => {
  await stack?.stop();
});

type Row = Partial<Record<(typeof LOOKED_AFTER_COLUMNS)[number], string>>;
const base: Row = {
  date_of_birth: '2014-05-01',
  legal_status: 'C2',
  placement_type: 'foster',
  team: 'north-1',
  iro_staff_id: 'iro-1',
  social_worker_staff_id: 'sw-1',
};
const csv = (rows: Row[]) =>
  [LOOKED_AFTER_COLUMNS.join(','), ...rows.map((r) => LOOKED_AFTER_COLUMNS.map((c) => ({ ...base, ...r })[c] ?? '').join(','))].join('\n');
/** Two good rows: one with a review on time then one late, one newly in care with its first review booked. */
const goodRows = (): Row[] => {
  const came = addDays(today, -200);
  return [
    { child_id: 'WR-A', became_looked_after: came, reviews: `${addDays(came, 14)}:PN1;${addDays(came, 140)}:PN3` },
    { child_id: 'WR-B', became_looked_after: addDays(today, -5), next_meeting_on: addDays(today, 10) },
  ];
};
const cases = () => stack.services.store.cases.list().length;

/** The html of one element with an id, up to its table's end (or the next closing tag for a list). */
function section(html: string, id: string, end = '</table>'): string {
  const start = html.indexOf(`id="${id}"`);
  if (start < 0) throw new Error(`no ${id} on the page`);
  return html.slice(start, html.indexOf(end, start));
}
/** The GOV.UK error summary's list. */
function summaryOf(html: string): string {
  const start = html.indexOf('class="govuk-error-summary"');
  if (start < 0) throw new Error('no error summary on the page');
  return html.slice(start, html.indexOf('</ul>', start));
}

test('the import page is for the IRO unit and the operator; other roles get the 403 page', async () => {
  for (const role of ['iro-unit', 'operator'] as const) {
    const page = await (await as(stack.app, role)).get('/imports/looked-after');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<textarea class="govuk-textarea" id="csv" name="csv"');
    expect(page.text).toContain('value="check" name="action"');
    expect(page.text).toContain('value="import" name="action"');
  }
  for (const role of ['social-worker', 'service-manager', 'iro'] as const) {
    const r = await (
      await as(stack.app, role, { team: 'north-1' })
    )
      .post('/imports/looked-after')
      .type('form')
      .send({ csv: csv(goodRows()), action: 'import' });
    expect([r.status, r.type]).toEqual([403, 'text/html']);
    expect(r.text).toContain('You cannot see this page');
    expect((await (await as(stack.app, role, { team: 'north-1' })).get('/imports/looked-after')).status).toBe(403);
  }
  expect(cases()).toBe(0);
});

test('L18 Check: every row with what it would create, its reviews on time or late and its next review; nothing created', async () => {
  const unit = await as(stack.app, 'iro-unit', { userId: 'unit-1' });
  const rows = goodRows();
  const r = await unit
    .post('/imports/looked-after')
    .type('form')
    .send({ csv: csv(rows), action: 'check' });
  expect(r.status).toBe(200);
  expect(r.text).not.toContain('govuk-error-summary');
  const api = await unit.post('/api/imports/looked-after?dryRun=true').set('content-type', 'text/csv').send(csv(rows));
  expect(api.status).toBe(200);
  const table = section(r.text, 'import-rows');
  for (const row of api.body.rows) {
    const tr = section(table, `row-${row.row}`, '</tr>');
    expect(tr).toContain(`>${row.childId}</td>`);
    expect(tr).toContain('Would create');
    for (const h of row.reviews)
      expect(tr).toContain(`Review ${h.reviewNumber} held ${govukDate(h.heldOn)}: ${h.onTime ? 'on time' : 'late'}`);
    expect(tr).toContain(`Review ${row.nextReview.reviewNumber} due ${govukDate(row.nextReview.due)}`);
  }
  expect(api.body.rows[0].reviews.map((h: { onTime: boolean }) => h.onTime)).toEqual([true, false]);
  expect(section(table, 'row-3', '</tr>')).toContain(`booked for ${govukDate(rows[1].next_meeting_on!)}`);
  expect(r.text).toContain('2 children would be brought in');
  // The pasted file stays in the box, to import next.
  expect(r.text).toContain('WR-A,2014-05-01');
  expect(cases()).toBe(0);
});

test('L18 a row with a mistake: Check and Import list every mistake by row, column and rule, and nothing is created', async () => {
  const unit = await as(stack.app, 'iro-unit', { userId: 'unit-1' });
  const bad = csv([...goodRows(), { child_id: 'WR-X', became_looked_after: addDays(today, -60), reviews: `${addDays(today, -50)}:PN0` }]);
  for (const action of ['check', 'import']) {
    const r = await unit.post('/imports/looked-after').type('form').send({ csv: bad, action });
    expect(r.status).toBe(422);
    const summary = summaryOf(r.text);
    expect(summary).toContain('href="#row-4"');
    expect(summary).toMatch(/row 4, reviews: \d{4}-\d\d-\d\d: PN0 is only for a child under 4 \(SSDA903\) \(L18\)/);
    expect(section(section(r.text, 'import-rows'), 'row-4', '</tr>')).toContain('Refused');
    expect(r.text).toMatch(action === 'check' ? /the whole file would be refused/ : /Nothing was imported/);
  }
  // A file missing a column: the file's own mistake, linked to the box.
  const noColumn = await unit.post('/imports/looked-after').type('form').send({ csv: 'child_id\nWR-Y', action: 'check' });
  expect(noColumn.status).toBe(422);
  expect(summaryOf(noColumn.text)).toContain('href="#csv"');
  expect(cases()).toBe(0);
});

test('the form refuses an empty box, a missing button and an unknown field, naming the field', async () => {
  const unit = await as(stack.app, 'iro-unit');
  const empty = await unit.post('/imports/looked-after').type('form').send({ csv: '  ', action: 'check' });
  expect(empty.status).toBe(400);
  expect(summaryOf(empty.text)).toContain('csv: paste the CSV file');
  expect(empty.text).toContain('govuk-textarea--error');
  const noButton = await unit
    .post('/imports/looked-after')
    .type('form')
    .send({ csv: csv(goodRows()) });
  expect([noButton.status, summaryOf(noButton.text)]).toEqual([400, expect.stringContaining('action: press Check or Import')]);
  const extra = await unit
    .post('/imports/looked-after')
    .type('form')
    .send({ csv: csv(goodRows()), action: 'import', zz: '1' });
  expect([extra.status, summaryOf(extra.text)]).toEqual([400, expect.stringContaining('zz: not a field of this form')]);
  expect(cases()).toBe(0);
});

test('Import brings the children in as the API does; the same file again creates nothing; the record then reconciles', async () => {
  const ops = await as(stack.app, 'operator', { userId: 'ops-1' });
  const file = csv(goodRows());
  const r = await ops.post('/imports/looked-after').type('form').send({ csv: file, action: 'import' });
  expect(r.status).toBe(200);
  expect(r.text).toContain('2 children were brought in; 0 children were already there.');
  expect(section(r.text, 'import-rows')).toContain('Created');
  expect(cases()).toBe(2);
  const again = await ops.post('/imports/looked-after').type('form').send({ csv: file, action: 'import' });
  expect(again.text).toContain('0 children were brought in; 2 children were already there.');
  expect(section(again.text, 'row-2', '</tr>')).toContain('Already there');
  expect(cases()).toBe(2);

  // Reconcile: once the cases have written their facts, both match; a case the record holds open and no workflow runs is listed as lost.
  await stack.services.record.append([
    {
      key: `o2r-${'0'.repeat(24)}/started`,
      caseId: `o2r-${'0'.repeat(24)}`,
      caseKind: 'open-to-review',
      type: 'open-to-review/started',
      on: today,
      data: {},
    },
  ]);
  const check = await eventually(
    () => ops.post('/operator/reconcile').type('form').send({ action: 'check' }),
    (x) => /Matching the record\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*2\s*</.test(x.text),
  );
  expect(check.status).toBe(200);
  const api = await ops.post('/api/record/reconcile').send({});
  // Open in the record (no ending) and running nowhere: lost.
  expect(api.body).toMatchObject({ cases: 3, matching: 2, recordOnly: 0, lost: 1, differing: 0 });
  const differences = section(check.text, 'reconcile-differences');
  expect(differences).toContain(`>o2r-${'0'.repeat(24)}</th>`);
  expect(differences).toContain('Lost: open in the record, running nowhere');
  expect(check.text).toContain('value="repair" name="action"');
  const repair = await ops.post('/operator/reconcile').type('form').send({ action: 'repair' });
  expect(repair.status).toBe(200);
  expect(repair.text).toContain('After the repair');
  expect(repair.text).toMatch(/Facts appended by the repair\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*0\s*</);
});

test('the reconcile page is the operator’s; its form refuses a missing button; other roles get the 403 page', async () => {
  const ops = await as(stack.app, 'operator');
  const form = await ops.get('/operator/reconcile');
  expect(form.status).toBe(200);
  expect(form.text).toContain('value="check" name="action"');
  expect(form.text).not.toContain('value="repair"');
  const none = await ops.post('/operator/reconcile').type('form').send({});
  expect([none.status, summaryOf(none.text)]).toEqual([400, expect.stringContaining('action: press Check the record or Repair')]);
  const junk = await ops.post('/operator/reconcile').type('form').send({ action: 'delete' });
  expect(junk.status).toBe(400);
  for (const role of ['iro-unit', 'service-manager'] as const) {
    const r = await (await as(stack.app, role)).post('/operator/reconcile').type('form').send({ action: 'repair' });
    expect([r.status, r.text]).toEqual([403, expect.stringContaining('You cannot see this page')]);
    expect((await (await as(stack.app, role)).get('/operator/reconcile')).status).toBe(403);
  }
});

test('the start pages link to the import, the reconciling and the Returns; the REVIEWS CSV through the page is the API’s', async () => {
  const unit = await as(stack.app, 'iro-unit');
  const start = await unit.get('/iro-unit');
  expect(start.text).toContain('href="/imports/looked-after"');
  const year = String(Number(today.slice(0, 4)) - (today.slice(5) < '04-01' ? 1 : 0));
  const links = section(start.text, 'ssda903-reviews', '</ul>');
  expect(links).toContain(`href="/returns/ssda903-reviews.csv?year=${year}"`);
  expect(links).toContain(`April ${year} to March ${Number(year) + 1}`);
  const ops = await (await as(stack.app, 'operator')).get('/operator');
  expect(ops.text).toContain('href="/operator/reconcile"');
  expect(ops.text).toContain('href="/imports/looked-after"');
  expect(ops.text).not.toContain('ssda903-reviews');

  const page = await unit.get(`/returns/ssda903-reviews.csv?year=${year}`);
  const api = await unit.get(`/api/returns/ssda903/reviews.csv?year=${year}`);
  expect(page.status).toBe(200);
  expect(page.headers['content-type']).toBe('text/csv; charset=utf-8');
  expect(page.headers['content-disposition']).toBe(api.headers['content-disposition']);
  expect(page.text).toBe(api.text);
  expect(page.text.split('\n')[0]).toBe('CHILD,DOB,REVIEW,REVIEW_CODE');
  // WR-A's reviews held since it came into care 200 days ago (the first is surely in this year).
  expect(page.text).toContain('WR-A,01/05/2014,');
});

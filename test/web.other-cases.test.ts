/**
 * The other kinds' screens on a real stack, with bearer tokens: for disputes, Open to Review and
 * Child in Need reviews, a case is started through its page, the case page shows its deadlines with
 * how they were counted, one more command is given through its form, one is refused and re-rendered
 * with the rule and what was typed, and a team-scoped user of another team is refused the case page.
 */
import { declaredRoutes } from '../api/app';
import { londonDate } from '../workflows/calendar/office-hours';
import { addDays } from '../workflows/calendar/iso-date';
import { Stack, eventually, startStack } from './support/stack';
import { as } from './support/security';
import { withCount, workingDaysBetween } from '../web/routes/cases/counting';
import { datesInWords } from '../web/nunjucks-setup';
import { openToReviewTasks } from '../web/routes/cases/task-choices';

jest.setTimeout(180_000);

let stack: Stack;
beforeAll(async () => {
  stack = await startStack('web-other-cases');
});
afterAll(async () => {
  await stack?.stop();
});

const TODAY = londonDate(Date.now());
/** The cases started through the pages, for the malformed forms at the end. */
const started: Record<string, string> = {};
/** A GOV.UK date input's three fields. */
function date(name: string, iso: string): Record<string, string> {
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y };
}
const words = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  return `${d} ${months[m - 1]} ${y}`;
};
/** The page's text with tags dropped and entities of apostrophes and quotes read back. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

describe('disputes', () => {
  let disputeId = '';
  it('opens through its page, and the case page shows the stage, who holds it and the deadlines with their counting', async () => {
    const iro = await as(stack.app, 'iro', { userId: 'iro-0007' });
    const form = await iro.get('/cases/disputes/new');
    expect(form.status).toBe(200);
    expect(form.text).toContain('Open a dispute about a child’s plan');
    expect(form.text).toContain(`value="${Number(TODAY.slice(8))}"`); // today as the opening day
    const res = await iro
      .post('/cases/disputes/new')
      .type('form')
      .send({ childId: 'WEB-D1', team: 'north-1', category: 'practice', summary: 'Plan not progressed', ...date('openedOn', TODAY) });
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/cases\/disputes\/red-[0-9a-f]{24}$/);
    disputeId = res.headers.location.split('/').pop()!;
    started.disputeId = disputeId;
    const api = (await iro.get(`/api/disputes/${disputeId}`)).body as { stages: { due: string }[]; overallDue: string };
    const page = text((await iro.get(`/cases/disputes/${disputeId}`)).text);
    expect(page).toContain('Who holds it now social worker and team manager');
    expect(page).toContain(`Deadline of the current stage ${words(api.stages[0].due)}`);
    // Each deadline: its due date, rule with source, and the interval from its base date.
    expect(page).toContain(
      `${words(api.overallDue)} E6: the whole process within 20 working days; referral to CAFCASS (source: 002 §15; 004 §7.19) 20 working days after ${words(TODAY)} (the day the dispute opened)`,
    );
    expect(page).toContain(`5 working days after ${words(TODAY)} (the day informal resolution began)`);
    expect(page).toContain('Record a response to the dispute');
    expect(page).toContain('Escalate the dispute');
  });

  it('takes a response through its form, and refuses an opening date in the future naming E6 with what was typed kept', async () => {
    const sw = await as(stack.app, 'social-worker', { userId: 'sw-0042', team: 'north-1' });
    const page = text((await sw.get(`/cases/disputes/${disputeId}`)).text);
    // A social worker may respond, not escalate.
    expect(page).toContain('Record a response to the dispute');
    expect(page).not.toContain('Escalate the dispute');
    const res = await sw
      .post(`/cases/disputes/${disputeId}/responses`)
      .type('form')
      .send({ note: 'Plan updated', ...date('on', TODAY) });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/cases/disputes/${disputeId}`);
    const afterResponse = text((await sw.get(`/cases/disputes/${disputeId}`)).text);
    expect(afterResponse).toContain(`Responded on ${words(TODAY)}`);
    // The stage no longer climbs by itself: the IRO's judgement is owed, counted from the response.
    expect(afterResponse).toMatch(
      new RegExp(
        `the IRO's judgement of the response at informal resolution the IRO \\(iro-0007\\) .* 2 working days after ${words(TODAY)} \\(the day of the response\\)`,
      ),
    );
    expect(afterResponse).not.toContain('a resolution at informal resolution');

    const iro = await as(stack.app, 'iro', { userId: 'iro-0007' });
    const refused = await iro
      .post('/cases/disputes/new')
      .type('form')
      .send({
        childId: 'WEB-D2',
        team: 'north-1',
        category: 'judgement',
        summary: 'Typed summary kept',
        ...date('openedOn', addDays(TODAY, 3)),
      });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('There is a problem');
    expect(text(refused.text)).toMatch(
      /E6: Date the dispute was opened: \d{1,2} [A-Z][a-z]+ \d{4} is in the future \(today is \d{1,2} [A-Z][a-z]+ \d{4}\)/,
    );
    expect(refused.text).toMatch(/<textarea[^>]*name="summary"[^>]*>Typed summary kept<\/textarea>/);
    // A referral to CAFCASS: its decision is owed within 14 days of the referral, shown with that counting.
    const referred = await iro
      .post(`/cases/disputes/${disputeId}/cafcass`)
      .type('form')
      .send({ reason: 'Drift in the plan', ...date('on', TODAY) });
    expect(referred.status).toBe(303);
    const due = ((await iro.get(`/api/disputes/${disputeId}`)).body as { cafcass: { decisionDue: string } }).cafcass.decisionDue;
    const withCafcass = text((await iro.get(`/cases/disputes/${disputeId}`)).text);
    expect(withCafcass).toMatch(
      new RegExp(`CAFCASS's decision CAFCASS ${words(due)}.*14 days after ${words(TODAY)} \\(the day of the referral to CAFCASS\\)`),
    );
    expect(withCafcass).toContain('Record CAFCASS’s decision');
    expect(withCafcass).not.toContain('Refer the dispute to CAFCASS');
    // An escalation is for the IRO side only.
    expect((await sw.get(`/cases/disputes/${disputeId}/escalate`)).status).toBe(403);
  });

  it('refuses the case page to a social worker of another team', async () => {
    const other = await as(stack.app, 'social-worker', { team: 'south-2' });
    expect((await other.get(`/cases/disputes/${disputeId}`)).status).toBe(403);
    // A command's form is scoped like its case: another team's is refused, an unknown dispute is not found.
    expect((await other.get(`/cases/disputes/${disputeId}/responses`)).status).toBe(403);
    const iro = await as(stack.app, 'iro');
    expect((await iro.get(`/cases/disputes/red-${'0'.repeat(24)}/escalate`)).status).toBe(404);
  });
});

describe('Open to Review', () => {
  let caseId = '';
  const eligible = {
    'eligibility.stable': 'yes',
    'eligibility.clearOutcomes': 'yes',
    'eligibility.safeguardingConcerns': 'no',
    'eligibility.lookedAfter': 'no',
    'eligibility.continuingCare': 'no',
    'eligibility.unstableHealth': 'no',
    'eligibility.lifeLimitingIllness': 'no',
    'eligibility.significantOvernightShortBreaks': 'no',
  };
  it('moves a case to Open to Review through its page, and the case page shows each deadline with how it was counted', async () => {
    const sw = await as(stack.app, 'social-worker', { userId: 'sw-0042', team: 'north-1' });
    const res = await sw
      .post('/cases/open-to-review/new')
      .type('form')
      .send({
        childId: 'WEB-O1',
        ...date('dateOfBirth', '2014-05-01'),
        team: 'north-1',
        caseholder: 'sw-0042',
        rationale: 'Stable package',
        ...eligible,
        ...date('openedOn', TODAY),
      });
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/cases\/open-to-review\/o2r-[0-9a-f]{24}$/);
    caseId = res.headers.location.split('/').pop()!;
    started.o2r = caseId;
    const api = (await sw.get(`/api/open-to-review-cases/${caseId}`)).body as {
      obligations: { what: string; due: string; why: string; rule: string }[];
    };
    expect(api.obligations.length).toBeGreaterThan(0);
    const page = text((await sw.get(`/cases/open-to-review/${caseId}`)).text);
    // The obligation's own counting text, its dates in words (never ISO).
    const inWords = (t: string) => t.replace(/\d{4}-\d{2}-\d{2}/g, words);
    for (const o of api.obligations) {
      expect(page).toContain(inWords(o.what));
      expect(page).toContain(words(o.due));
      expect(page).toContain(inWords(o.why));
      expect(page).toContain(`${o.rule.split(',')[0]}:`);
    }
    expect(api.obligations.some((o) => /\d{4}-\d{2}-\d{2}/.test(o.why + o.what))).toBe(true);
    expect(page).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    // A text naming only its base date gets the count from the live calendar.
    const note = api.obligations.find((o) => o.why.startsWith("the family's window"));
    expect(note).toBeDefined();
    expect(page).toMatch(new RegExp(`${inWords(note!.why)}: \\d+ working days? after it`));
    expect(page).toContain('Record the family’s representations');
    // The decision note is the team manager's.
    expect(page).not.toContain('Record the decision note');
  });

  it('records representations through the form; a decision note before the window closes is refused naming O2', async () => {
    const sw = await as(stack.app, 'social-worker', { userId: 'sw-0042', team: 'north-1' });
    const res = await sw
      .post(`/cases/open-to-review/${caseId}/representations`)
      .type('form')
      .send({ objection: 'no', summary: 'Family content', ...date('on', TODAY) });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/cases/open-to-review/${caseId}`);
    const state = (await sw.get(`/api/open-to-review-cases/${caseId}`)).body as { entry: { representations: unknown[] } };
    expect(state.entry.representations).toHaveLength(1);

    const tm = await as(stack.app, 'team-manager', { userId: 'tm-0001', team: 'north-1' });
    expect(text((await tm.get(`/cases/open-to-review/${caseId}`)).text)).toContain('Record the decision note');
    // The form's choices in words, the API's values posted.
    const noteForm = (await tm.get(`/cases/open-to-review/${caseId}/decision-note`)).text;
    expect(noteForm).toMatch(/value="o2r"[^>]*>\s*<label[^>]*>\s*The case moves to Open to Review/);
    const refused = await tm
      .post(`/cases/open-to-review/${caseId}/decision-note`)
      .type('form')
      .send({ decision: 'o2r', rationale: 'Typed rationale kept', ...date('firstReviewOn', addDays(TODAY, 60)), ...date('on', TODAY) });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    expect(text(refused.text)).toMatch(/Date of the note: the family may make representations until \d{1,2} [A-Z][a-z]+ \d{4}; .*\(O2\)/);
    expect(refused.text).toContain('Typed rationale kept');
    expect(refused.text).toMatch(/value="o2r" checked/); // the decision chosen stays chosen
  });

  it('refuses an ineligible case listing every criterion not met, each at its question (O1)', async () => {
    const sw = await as(stack.app, 'social-worker', { userId: 'sw-0042', team: 'north-1' });
    const refused = await sw
      .post('/cases/open-to-review/new')
      .type('form')
      .send({
        childId: 'WEB-O2',
        ...date('dateOfBirth', '2014-05-01'),
        team: 'north-1',
        caseholder: 'sw-0042',
        rationale: 'Typed rationale',
        ...eligible,
        'eligibility.safeguardingConcerns': 'yes',
        'eligibility.lookedAfter': 'yes',
      });
    expect(refused.status).toBe(422);
    // Both in the summary, linked to their questions, and each question's own message.
    expect(refused.text).toContain('href="#eligibility-safeguardingConcerns"');
    expect(refused.text).toContain('href="#eligibility-lookedAfter"');
    expect(refused.text).toMatch(/id="eligibility-safeguardingConcerns-error"[^>]*>[\s\S]*?there are safeguarding concerns/);
    expect(refused.text).toMatch(/id="eligibility-lookedAfter-error"[^>]*>[\s\S]*?the child is looked after/);
    expect(text(refused.text)).toContain('O1');
    expect(refused.text).toMatch(/<textarea[^>]*name="rationale"[^>]*>Typed rationale<\/textarea>/);
  });

  it('a refused form lists every field that failed, each linked to its field; yes/no questions read Yes and No', async () => {
    const sw = await as(stack.app, 'social-worker', { userId: 'sw-0042', team: 'north-1' });
    const form = (await sw.get('/cases/open-to-review/new')).text;
    expect(form).toMatch(/value="yes"[^>]*>\s*<label[^>]*>\s*Yes\s*</);
    expect(form).toMatch(/value="no"[^>]*>\s*<label[^>]*>\s*No\s*</);
    const refused = await sw
      .post('/cases/open-to-review/new')
      .type('form')
      .send({ ...date('dateOfBirth', '2014-02-31'), team: 'north-1', caseholder: 'sw-0042', ...eligible });
    expect(refused.status).toBe(400);
    const summary = /govuk-error-summary__list[\s\S]*?<\/ul>/.exec(refused.text)![0];
    for (const href of ['#childId', '#dateOfBirth-day', '#rationale']) expect(summary).toContain(`href="${href}"`);
    expect(text(summary)).toContain('Date of birth: not a real date (enter a day, month and year)');
    expect(refused.text).toMatch(/id="rationale-error"/);
    expect(refused.text).toMatch(/id="childId-error"/);
    // Eligibility left blank: each question refused at itself, in words.
    const blank = await sw.post('/cases/open-to-review/new').type('form').send({ childId: 'WEB-O3', rationale: 'r' });
    expect(blank.status).toBe(400);
    for (const q of ['stable', 'clearOutcomes', 'lookedAfter', 'significantOvernightShortBreaks'])
      expect(blank.text).toContain(`href="#eligibility-${q}"`);
    expect(text(blank.text)).toContain('Is the child looked after?: answer yes or no (O1)');
  });

  it('the tasks page offers no key to type: a case awaiting its decision note has no task for a person to mark done', async () => {
    const sw = await as(stack.app, 'social-worker', { userId: 'sw-0042', team: 'north-1' });
    const page = await sw.get(`/cases/open-to-review/${caseId}/tasks`);
    expect(page.status).toBe(200);
    expect(text(page.text)).toContain('There are no open tasks on this case for you to record.');
    expect(page.text).not.toContain('name="key"');
  });

  it('refuses the case page to a team manager of another team, and the decision note page to a social worker', async () => {
    expect((await (await as(stack.app, 'team-manager', { team: 'south-2' })).get(`/cases/open-to-review/${caseId}`)).status).toBe(403);
    const sw = await as(stack.app, 'social-worker', { team: 'north-1' });
    expect((await sw.get(`/cases/open-to-review/${caseId}/decision-note`)).status).toBe(403);
  });
});

describe('a series of short breaks', () => {
  it('starts through its page, takes a break through the form, and refuses a break over 120 days naming L19', async () => {
    const sw = await as(stack.app, 'social-worker', { userId: 'sw-0042', team: 'north-1' });
    const res = await sw
      .post('/cases/open-to-review/new-short-breaks-series')
      .type('form')
      .send({
        childId: 'WEB-S1',
        ...date('dateOfBirth', '2015-03-01'),
        team: 'north-1',
        caseholder: 'sw-0042',
        ...date('firstBreakOn', TODAY),
      });
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/cases\/open-to-review\/sbs-[0-9a-f]{24}$/);
    const caseId = res.headers.location.split('/').pop()!;
    started.sbs = caseId;
    const api = (await sw.get(`/api/open-to-review-cases/${caseId}`)).body as { obligations: { what: string; due: string; why: string }[] };
    let page = text((await sw.get(`/cases/open-to-review/${caseId}`)).text);
    expect(page).toContain(`Short breaks series ${caseId}`);
    for (const o of api.obligations) expect(page).toContain(`${words(o.due)} `);
    for (const o of api.obligations) expect(page).toContain(datesInWords(o.why));
    expect(page).toContain('Record a short break');
    expect(page).not.toContain('Record the family’s representations');

    const refused = await sw
      .post(`/cases/open-to-review/${caseId}/breaks`)
      .type('form')
      .send({ ...date('on', TODAY), days: '200' });
    expect(refused.status).toBe(400);
    expect(text(refused.text)).toMatch(/L19: How many days the break lasted: whole days, 1 to 120/);
    expect(refused.text).toContain('value="200"');
    const ok = await sw
      .post(`/cases/open-to-review/${caseId}/breaks`)
      .type('form')
      .send({ ...date('on', TODAY), days: '2' });
    expect(ok.status).toBe(303);
    page = text((await sw.get(`/cases/open-to-review/${caseId}`)).text);
    expect(page).toMatch(new RegExp(`Short breaks First day Days ${words(TODAY)} 2`));
  });
});

describe('Child in Need reviews', () => {
  let caseId = '';
  it('starts through its page, and the case page shows the first date owed with its counting', async () => {
    const tm = await as(stack.app, 'team-manager', { userId: 'tm-0001', team: 'north-1' });
    const res = await tm
      .post('/cases/child-in-need/new')
      .type('form')
      .send({
        childId: 'WEB-C1',
        team: 'north-1',
        socialWorker: 'sw-0042',
        iro: 'iro-0007',
        criteria: 'second-cin-plan',
        'approvedBy.staffId': 'tm-0001',
        'approvedBy.role': 'team-manager',
        agreedBy: 'unit-0001',
        ...date('openedOn', TODAY),
      });
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/cases\/child-in-need\/cin-[0-9a-f]{24}$/);
    caseId = res.headers.location.split('/').pop()!;
    started.cin = caseId;
    const api = (await tm.get(`/api/cin-reviews/${caseId}`)).body as {
      obligations: { key: string; what: string; due: string; why: string }[];
    };
    const first = api.obligations.find((o) => o.key === 'first-date')!;
    expect(first).toBeDefined();
    const page = text((await tm.get(`/cases/child-in-need/${caseId}`)).text);
    expect(page).toContain(`${first.what} social worker`);
    // The obligation's own counting text, its date in words.
    expect(page).toContain(
      `${words(first.due)} D3: the first review arranged once the chair is agreed (source: 003) ${first.why.replace(/\d{4}-\d{2}-\d{2}/g, words)}`,
    );
    expect(first.why).toBe(`the IRO chair was agreed on ${TODAY}`);
    // A text naming only its base date gets the count to the deadline from the live calendar (deadlinesTable's calendar).
    const cal = stack.services.calendar.calendar();
    const n = workingDaysBetween(cal, TODAY, first.due);
    expect(withCount(cal, first.why, first.due)).toBe(`the IRO chair was agreed on ${words(TODAY)}: ${n} working days after it`);
    expect(page).toContain(`the IRO chair was agreed on ${words(TODAY)}: ${n} working days after it`);
    expect(page).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(page).toContain('No review has been held yet.');
  });

  it('refuses a first date before the day it was agreed naming D3 (typed venue kept), then takes a good one', async () => {
    const sw = await as(stack.app, 'social-worker', { userId: 'sw-0042', team: 'north-1' });
    const refused = await sw
      .post(`/cases/child-in-need/${caseId}/first-date`)
      .type('form')
      .send({ ...date('on', TODAY), ...date('date', addDays(TODAY, -1)), venue: 'Family centre', invited: 'school\nhealth-visitor' });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    expect(text(refused.text)).toContain('D3:');
    expect(refused.text).toContain('value="Family centre"');
    const next = addDays(TODAY, 14);
    const res = await sw
      .post(`/cases/child-in-need/${caseId}/first-date`)
      .type('form')
      .send({ ...date('on', TODAY), ...date('date', next), venue: 'Family centre', invited: 'school\nhealth-visitor' });
    expect(res.status).toBe(303);
    const page = text((await sw.get(`/cases/child-in-need/${caseId}`)).text);
    expect(page).toContain(`Next review ${words(next)}`);
    // Once the first date is agreed, its page is no longer offered; the review is the chair's to record.
    expect(page).not.toContain('Record the first review date agreed');
    expect(page).not.toContain('Record a review that was held');
  });

  it('marks documents provided by choosing from the open tasks, each with its deadline, who owes it and the rule', async () => {
    const sw = await as(stack.app, 'social-worker', { userId: 'sw-0042', team: 'north-1' });
    type O = { key: string; what: string; due: string; rule: string; owners: string[] };
    const open = async () => ((await sw.get(`/api/cin-reviews/${caseId}`)).body as { obligations: O[] }).obligations;
    const tasks = (await open()).filter((o) => o.key.includes('/'));
    expect(tasks.length).toBeGreaterThan(0);
    const form = await sw.get(`/cases/child-in-need/${caseId}/tasks`);
    expect(form.status).toBe(200);
    expect(form.text).not.toMatch(/<input[^>]*type="text"[^>]*name="key"/);
    const page = text(form.text);
    for (const t of tasks) {
      expect(form.text).toContain(`value="${t.key}"`);
      expect(page).toContain(`${t.what} Due by ${words(t.due)}; owed by ${t.owners.join(' or ').replace(/-/g, ' ')} (${t.rule})`);
    }
    // Nothing chosen: refused at the question, naming it.
    const refused = await sw.post(`/cases/child-in-need/${caseId}/tasks`).type('form').send(date('on', TODAY));
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('href="#key"');
    expect(text(refused.text)).toContain('What was provided?');
    const done = await sw
      .post(`/cases/child-in-need/${caseId}/tasks`)
      .type('form')
      .send({ key: tasks[0].key, ...date('on', TODAY) });
    expect(done.status).toBe(303);
    expect((await open()).map((o) => o.key)).not.toContain(tasks[0].key);
  });

  it('offers the D1 criteria as boxes in words, and takes several ticked (the field posted once per box)', async () => {
    const tm = await as(stack.app, 'team-manager', { userId: 'tm-0001', team: 'north-1' });
    const form = (await tm.get('/cases/child-in-need/new')).text;
    expect(form).toMatch(/type="checkbox" value="second-cin-plan"[^>]*>\s*<label[^>]*>\s*A second or later child in need plan/);
    expect(form).not.toContain('As written here');
    const body = new URLSearchParams({ childId: 'WEB-C2', team: 'north-1', socialWorker: 'sw-0042', iro: 'iro-0007' });
    body.append('criteria', 'second-cin-plan');
    body.append('criteria', 'consultant-social-worker-case-holder');
    for (const [k, v] of Object.entries({ 'approvedBy.staffId': 'tm-0001', 'approvedBy.role': 'team-manager', agreedBy: 'unit-0001' }))
      body.append(k, v);
    // Refused for a malformed IRO staff id: both boxes stay ticked.
    const bad = new URLSearchParams(body);
    bad.set('iro', 'not an id!');
    const refused = await tm.post('/cases/child-in-need/new').type('form').send(bad.toString());
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(/value="second-cin-plan" checked/);
    expect(refused.text).toMatch(/value="consultant-social-worker-case-holder" checked/);
    expect(refused.text).not.toMatch(/value="closing-within-3-months" checked/);
    const res = await tm.post('/cases/child-in-need/new').type('form').send(body.toString());
    expect(res.status).toBe(303);
    const id = res.headers.location.split('/').pop()!;
    started.cin2 = id;
    expect(((await tm.get(`/api/cin-reviews/${id}`)).body as { criteria: string[] }).criteria).toEqual([
      'second-cin-plan',
      'consultant-social-worker-case-holder',
    ]);
    expect(text((await tm.get(`/cases/child-in-need/${id}`)).text)).toContain(
      'Criteria A second or later child in need plan; A consultant social worker is the main case holder',
    );
  });

  it('refuses the case page to a social worker of another team', async () => {
    const refused = await (await as(stack.app, 'social-worker', { team: 'south-2' })).get(`/cases/child-in-need/${caseId}`);
    expect(refused.status).toBe(403);
    // In words, without the API's field name: whose case it is and who the user is.
    expect(text(refused.text)).toContain(`${caseId} belongs to another team's child. You are signed in as a social worker (team south-2).`);
    expect(refused.text).not.toContain('caseId:');
  });
});

describe('the new-case chooser', () => {
  it('lists the kinds each role may start, and is refused to a role that may start none', async () => {
    const iro = text((await (await as(stack.app, 'iro')).get('/cases/new')).text);
    expect(iro).toContain('Open a dispute about a child’s plan');
    expect(iro).not.toContain('Move a case to Open to Review');
    const tm = text((await (await as(stack.app, 'team-manager', { team: 'north-1' })).get('/cases/new')).text);
    for (const k of ['A child has come into care', 'Move a case to Open to Review', 'A series of short breaks starts', 'An IRO will chair'])
      expect(tm).toContain(k);
    expect(tm).not.toContain('Open a dispute');
    const sm = text((await (await as(stack.app, 'service-manager')).get('/cases/new')).text);
    expect(sm).toContain('Move a case to Open to Review');
    expect(sm).toContain('New case'); // in the navigation too
    expect(sm).not.toContain('A child has come into care');
    expect((await (await as(stack.app, 'strategic-manager')).get('/cases/new')).status).toBe(403);
  });
});

describe('malformed forms', () => {
  it('every form of these pages answers junk with a 4xx page, never a 5xx, and no case changes', async () => {
    const mine = /^\/cases\/(disputes|open-to-review|child-in-need)\//;
    const routes = declaredRoutes(stack.app).filter((d) => d.method === 'POST' && mine.test(d.path));
    expect(routes.length).toBeGreaterThan(20);
    const stateOf = async () => {
      const unit = await as(stack.app, ['iro-unit', 'service-manager']);
      return Promise.all([
        unit.get(`/api/disputes/${started.disputeId}`),
        unit.get(`/api/open-to-review-cases/${started.o2r}`),
        unit.get(`/api/cin-reviews/${started.cin}`),
      ]).then((rs) => rs.map((r) => JSON.stringify(r.body.events)));
    };
    const before = await stateOf();
    // The five cases started above, and no more: visibility catches up within seconds.
    const count = async () => (await stack.client.workflow.count()).count;
    expect(await eventually(count, (n) => n === 5)).toBe(5);
    const failures: string[] = [];
    for (const d of routes) {
      const path = d.path
        .replace(':disputeId', started.disputeId)
        .replace(':caseId', d.path.includes('child-in-need') ? started.cin : started.o2r);
      const role = (d.roles as string[]).find((r) => r !== 'service-manager') ?? (d.roles as string[])[0];
      const user = await as(stack.app, role as never, { userId: 'fuzz-0001', team: 'north-1' });
      const shown = (await user.get(path)).text;
      const names = [...shown.matchAll(/name="([^"]+)"/g)].map((m) => m[1]).filter((n) => n !== '_csrf');
      // A tasks page of a case with no open task shows no form; junk is posted to it all the same.
      if (shown.includes('id="nothing-to-do"')) names.push('key', 'on-day', 'on-month', 'on-year');
      expect(names.length).toBeGreaterThan(0);
      const junk = (v: (n: string) => string) => Object.fromEntries(names.map((n) => [n, v(n)]));
      const bodies: Record<string, string>[] = [
        {},
        junk(() => 'x'.repeat(5000)),
        junk((n) => (/-day$/.test(n) ? '31' : /-month$/.test(n) ? '2' : /-year$/.test(n) ? '2023' : '<script>alert(1)</script>')),
        junk((n) => (/-(day|month|year)$/.test(n) ? 'zz' : "'; DROP TABLE notifications; --")),
      ];
      for (const [i, body] of bodies.entries()) {
        const r = await user.post(path).type('form').send(body);
        if (r.status < 400 || r.status >= 500 || !/There is a problem|govuk-heading-l/.test(r.text))
          failures.push(`${d.path} [${i}] -> ${r.status}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await stateOf()).toEqual(before);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await count()).toBe(5);
  });
});

describe('words', () => {
  it('no page of these kinds shows an API field name or a date in the API form', async () => {
    const mine = /^\/cases\/(disputes|open-to-review|child-in-need)\//;
    const routes = declaredRoutes(stack.app).filter((d) => d.method === 'GET' && mine.test(d.path));
    const found: string[] = [];
    for (const d of routes) {
      const path = d.path
        .replace(':disputeId', started.disputeId)
        .replace(':caseId', d.path.includes('child-in-need') ? started.cin : started.o2r);
      const role = (d.roles as string[]).find((r) => r !== 'service-manager') ?? (d.roles as string[])[0];
      const user = await as(stack.app, role as never, { userId: 'sw-0042', team: 'north-1' });
      const r = await user.get(path);
      expect([path, r.status]).toEqual([path, 200]);
      // The page, and for a form its refusal of an empty post (every failing field listed).
      const shown = [r.text];
      if (r.text.includes('id="command-form"')) shown.push((await user.post(path).type('form').send({})).text);
      for (const html of shown) {
        const main = /<main[\s\S]*<\/main>/.exec(html)![0];
        const seen = text(main.replace(/<script[\s\S]*?<\/script>/g, ''));
        for (const m of seen.matchAll(/\b[a-z]+[A-Z][A-Za-z]*\b|\d{4}-\d{2}-\d{2}|YYYY/g)) found.push(`${d.path}: ${m[0]}`);
      }
    }
    expect(routes.length).toBeGreaterThan(20);
    expect(found).toEqual([]);
  });
});

describe('the Open to Review tasks offered', () => {
  it('are the tasks a person marks done (not reviews or visits, recorded by their own pages), soonest first, each with deadline, owner and rule', async () => {
    const obligations = [
      { key: 'face-to-face', what: 'hold a face-to-face review', due: '2027-01-10', rule: 'O3', owner: 'caseholder' },
      { key: 'supervision', what: 'record supervision', due: '2027-02-01', rule: 'O4', owner: 'team-manager' },
      { key: 'r1/plan-shared', what: 'share the plan of review 1 (held 2026-11-02)', due: '2026-12-02', rule: 'O4', owner: 'caseholder' },
    ];
    const { key } = await openToReviewTasks(async () => ({ obligations }), 'o2r-x', { userId: 'sw-1', roles: ['social-worker'] });
    expect(key).toEqual([
      {
        value: 'r1/plan-shared',
        text: 'share the plan of review 1 (held 2 November 2026)',
        hint: 'Due by 2 December 2026; owed by caseholder (O4)',
      },
      { value: 'supervision', text: 'record supervision', hint: 'Due by 1 February 2027; owed by team manager (O4)' },
    ]);
  });
});

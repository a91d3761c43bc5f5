/**
 * The looked-after cycle's screens on a real stack: a child comes into care through the form, the
 * case page shows the due date and every task with how it was counted, the review is booked (and a
 * booking after the due date is refused with L7, keeping what was typed), a review is recorded with
 * decision rows, and the pages keep the API's roles and team scope.
 */
import request from 'supertest';
import { londonDate } from '../workflows/calendar/office-hours';
import { addDays } from '../workflows/calendar/iso-date';
import { govukDate } from '../web/nunjucks-setup';
import { Stack, startStack } from './support/stack';
import { as, tokenFor } from './support/security';

jest.setTimeout(120_000);

let stack: Stack;
beforeAll(async () => {
  stack = await startStack('web-lac');
});
afterAll(async () => {
  await stack?.stop();
});

/** A date as a GOV.UK date input posts it. */
const parts = (name: string, iso: string) => {
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y };
};

type Agent = Awaited<ReturnType<typeof as>>;
const form = (a: Agent, path: string, fields: Record<string, string>) => a.post(path).type('form').send(fields);

describe('looked-after case pages', () => {
  const today = londonDate(Date.now());
  const came = addDays(today, -7);
  let cycleId = '';
  let due = '';
  let sw: Agent, iro: Agent, iroUnit: Agent;

  beforeAll(async () => {
    sw = await as(stack.app, 'social-worker', { team: 'north-1', userId: 'sw-1' });
    iro = await as(stack.app, 'iro', { userId: 'iro-1' });
    iroUnit = await as(stack.app, 'iro-unit', { userId: 'unit-1' });
  });

  it('starts a cycle through the form and shows the due date and each task with how it was counted', async () => {
    const page = await sw.get('/cases/looked-after/new');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Date the child became looked after');

    const res = await form(sw, '/cases/looked-after/new', {
      childId: 'WEB-LAC-1',
      ...parts('becameLookedAfter', came),
      ...parts('dateOfBirth', '2015-06-01'),
      legalStatus: 'C2',
      placementType: 'foster',
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/cases\/looked-after\/lac-[0-9a-f]{24}$/);
    cycleId = res.headers.location.split('/').pop()!;

    const state = await sw.get(`/api/looked-after-cycles/${cycleId}`);
    due = state.body.nextReview.due as string;
    const casePage = await iro.get(`/cases/looked-after/${cycleId}`);
    expect(casePage.status).toBe(200);
    const html = casePage.text;
    expect(html).toContain('WEB-LAC-1');
    expect(html).toContain('north-1');
    expect(html).toContain('IRO unit told');
    expect(html).toContain(`Due by`);
    expect(html).toContain(govukDate(due));
    // The next review's counting: from the day the child came into care, 20 working days.
    expect(html).toContain(`From ${state.body.nextReview.baseEvent}: ${govukDate(came)}`);
    expect(html).toMatch(/20 working days: /);
    // Each task with its rule, source and base date.
    expect(html).toContain('appoint an IRO for the child');
    expect(html).toContain('<td class="govuk-table__cell">the IRO unit</td>');
    expect(html).not.toContain('&amp;');
    expect(html).toContain('L1: the IRO unit is asked for the 20 day review and an IRO is appointed (002 §4.1; 004 §7.7)');
    expect(html).toContain(`Counted from the day the child became looked after (${govukDate(came)})`);
    expect(html).toContain('L2: first review within 20 working days of becoming looked after (reg 33');
    // The IRO may book and record; not appoint the IRO nor record a move.
    expect(html).toContain(`href="/cases/looked-after/${cycleId}/booking"`);
    expect(html).toContain(`href="/cases/looked-after/${cycleId}/reviews"`);
    expect(html).not.toContain(`href="/cases/looked-after/${cycleId}/iro"`);
    expect(html).not.toContain(`href="/cases/looked-after/${cycleId}/placement-changes"`);
  });

  it('appoints the IRO through its page', async () => {
    const page = await iroUnit.get(`/cases/looked-after/${cycleId}/iro`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`value="${Number(today.slice(8))}"`);
    const res = await form(iroUnit, `/cases/looked-after/${cycleId}/iro`, { staffId: 'iro-1', ...parts('on', today) });
    expect(res.status).toBe(303);
    expect((await iro.get(`/cases/looked-after/${cycleId}`)).text).toContain('iro-1, appointed');
  });

  it('refuses a booking after the due date without permission, naming L7 and keeping what was typed', async () => {
    const late = addDays(due, 7);
    const res = await form(iro, `/cases/looked-after/${cycleId}/booking`, {
      ...parts('meetingOn', late),
      time: '10:30',
      venue: 'Room 4, Civic Centre',
      ...parts('bookedOn', today),
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain('There is a problem');
    expect(res.text).toMatch(/L7/);
    expect(res.text).toContain('href="#meetingOn-day"');
    expect(res.text).toContain('value="Room 4, Civic Centre"');
    expect(res.text).toContain(`value="${late.slice(0, 4)}"`);
    expect(res.text).toContain('value="10:30"');
  });

  it('books the review and the case page shows the booking', async () => {
    const on = addDays(due, -1);
    const res = await form(iro, `/cases/looked-after/${cycleId}/booking`, {
      ...parts('meetingOn', on),
      time: '10:30',
      venue: 'Room 4',
      ...parts('bookedOn', today),
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/cases/looked-after/${cycleId}`);
    const html = (await iro.get(`/cases/looked-after/${cycleId}`)).text;
    expect(html).toContain(`${govukDate(on)} at 10:30, Room 4`);
    expect(html).toContain('Counted back from the booked meeting');
  });

  it('records a review held with two decision rows', async () => {
    // Who did not attend: boxes in words; a row half filled is refused at its fields, named by its row.
    const shown = (await iro.get(`/cases/looked-after/${cycleId}/reviews`)).text;
    expect(shown).toMatch(/type="checkbox" value="child"[^>]*>\s*<label[^>]*>\s*The child/);
    expect(shown).toMatch(/type="checkbox" value="parent"[^>]*>\s*<label[^>]*>\s*A parent/);
    // (A browser posts every row; the first is left blank, the second half filled.)
    const half = await form(iro, `/cases/looked-after/${cycleId}/reviews`, {
      ...parts('heldOn', today),
      participation: 'PN1',
      'decisions[0].text': '',
      'decisions[0].owner': '',
      'decisions[1].text': '',
      'decisions[1].owner': 'sw-1',
      notAttending: 'parent',
    });
    expect(half.status).toBe(400);
    expect(half.text).toContain('href="#decisions-1-text"');
    expect(half.text).toContain('href="#decisions-1-dueOn-day"');
    expect(half.text).not.toContain('href="#decisions-0-');
    expect(half.text).toMatch(/Decision[^<]* 2, [^<]*: required/);
    expect(half.text).toMatch(/value="parent" checked/);
    const res = await form(iro, `/cases/looked-after/${cycleId}/reviews`, {
      ...parts('heldOn', today),
      participation: 'PN1',
      'decisions[0].text': 'Arrange contact with the grandparents',
      'decisions[0].owner': 'social-worker',
      ...parts('decisions[0].dueOn', addDays(today, 14)),
      'decisions[1].text': 'Refer for a health assessment',
      'decisions[1].owner': 'sw-1',
      ...parts('decisions[1].dueOn', addDays(today, 21)),
      'decisions[2].text': '',
      'decisions[2].owner': '',
      starredRecommendations: 'A therapeutic assessment within a month',
    });
    expect(res.status).toBe(303);
    const state = await iro.get(`/api/looked-after-cycles/${cycleId}`);
    const held = state.body.reviewsHeld[0];
    expect(held.decisions).toEqual([
      { text: 'Arrange contact with the grandparents', owner: 'social-worker', dueOn: addDays(today, 14) },
      { text: 'Refer for a health assessment', owner: 'sw-1', dueOn: addDays(today, 21) },
    ]);
    expect(held.starredRecommendations).toEqual(['A therapeutic assessment within a month']);
    const html = (await iro.get(`/cases/looked-after/${cycleId}`)).text;
    expect(html).toContain('Review 1');
    expect(html).toContain('Refer for a health assessment');
    expect(html).toContain('Counted from the day review 1 was held');
    expect(html).toContain('Next review: review 2');
  });

  it('marks a task done from the list of the user’s own open tasks', async () => {
    const page = await iro.get(`/cases/looked-after/${cycleId}/tasks`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('value="r1/decisions-circulated"');
    // The social worker's task is not the IRO's to record.
    expect(page.text).not.toContain('value="r1/care-plan-updated"');
    const res = await form(iro, `/cases/looked-after/${cycleId}/tasks`, { key: 'r1/decisions-circulated', ...parts('on', today) });
    expect(res.status).toBe(303);
    // L10: the team manager's answer is now awaited, with the days left; its rule text escaped once.
    const html = (await iro.get(`/cases/looked-after/${cycleId}`)).text;
    expect(html).toContain('Decisions awaiting the team manager (L10)');
    expect(html).toMatch(/Review 1: answer by [^,]+, \d working days? left/);
    expect(html).toContain('L10: the team manager considers the review&#39;s decisions');
    expect(html).not.toContain('&amp;');
    const refused = await form(iro, `/cases/looked-after/${cycleId}/tasks`, { key: 'r1/care-plan-updated', ...parts('on', today) });
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('care-plan-updated');
  });

  it('keeps team scope on the case page and roles on command pages', async () => {
    const otherTeam = await as(stack.app, 'social-worker', { team: 'south-2' });
    expect((await otherTeam.get(`/cases/looked-after/${cycleId}`)).status).toBe(403);
    expect((await otherTeam.get(`/cases/looked-after/${cycleId}/placement-changes`)).status).toBe(403);
    expect((await sw.get('/cases/looked-after/lac-000000000000000000000000/placement-changes')).status).toBe(404);
    expect((await sw.get(`/cases/looked-after/${cycleId}/placement-changes`)).status).toBe(200);
    expect((await sw.get(`/cases/looked-after/${cycleId}/booking`)).status).toBe(403);
    expect((await form(sw, `/cases/looked-after/${cycleId}/booking`, parts('meetingOn', today))).status).toBe(403);
    const manager = await as(stack.app, 'service-manager');
    expect((await manager.get(`/cases/looked-after/${cycleId}/iro`)).status).toBe(403);
    expect((await manager.get(`/cases/looked-after/${cycleId}`)).status).toBe(200);
  });

  it('offers every command page to a role allowed to use it, and an empty form gets a 4xx naming a field', async () => {
    const pages: [string, Agent][] = [
      ['iro', iroUnit],
      ['social-worker', iroUnit],
      ['placement-changes', sw],
      ['bring-forward', iro],
      ['planned-end', iro],
      ['booking', iro],
      ['adjournment', iro],
      ['reviews', iro],
      ['cease', sw],
      ['reviews/1/disagreement', iro],
      ['reviews/1/starred-response', await as(stack.app, 'strategic-manager')],
    ];
    for (const [path, who] of pages) {
      const page = await who.get(`/cases/looked-after/${cycleId}/${path}`);
      expect([path, page.status]).toEqual([path, 200]);
      expect(page.text).toContain('<form method="post"');
      expect(page.text).not.toContain('undefined');
      // In words: no API field name (becameLookedAfter) or date in the API form on the page or its refusal.
      const empty = await form(who, `/cases/looked-after/${cycleId}/${path}`, {});
      expect([path, empty.status]).toEqual([path, 400]);
      expect(empty.text).toContain('govuk-error-summary');
      for (const shown of [page.text, empty.text]) {
        const main = /<main[\s\S]*<\/main>/.exec(shown)![0].replace(/<[^>]+>/g, ' ');
        expect([path, main.match(/\b[a-z]+[A-Z][A-Za-z]*\b|\d{4}-\d{2}-\d{2}|YYYY/g)]).toEqual([path, null]);
      }
    }
    // The case page and the tasks page too (dates in the counting and events in words).
    for (const path of ['', '/tasks']) {
      const shown = (await iro.get(`/cases/looked-after/${cycleId}${path}`)).text;
      const main = /<main[\s\S]*<\/main>/.exec(shown)![0].replace(/<[^>]+>/g, ' ');
      expect([path, main.match(/\b[a-z]+[A-Z][A-Za-z]*\b|\d{4}-\d{2}-\d{2}|YYYY/g)]).toEqual([path, null]);
    }
  });

  it('shows the success message to a signed-in user after a command', async () => {
    const agent = request.agent(stack.app);
    const signIn = await agent
      .post('/sign-in')
      .type('form')
      .send({ token: await tokenFor('team-manager', { team: 'north-1', userId: 'tm-1' }) });
    expect(signIn.status).toBe(303);
    const page = await agent.get(`/cases/looked-after/${cycleId}/reviews/1/decision-response`);
    expect(page.status).toBe(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const res = await agent
      .post(`/cases/looked-after/${cycleId}/reviews/1/decision-response`)
      .type('form')
      .send({ _csrf: csrf, response: 'agree', ...parts('on', today) });
    expect(res.status).toBe(303);
    const after = await agent.get(res.headers.location);
    expect(after.text).toContain('Your answer to review 1’s decisions has been recorded');
    expect((await agent.get(`/cases/looked-after/${cycleId}/reviews/x/decision-response`)).status).toBe(404);
  });

  it('ends the cycle through its page: the case page shows the end and no next review', async () => {
    const res = await form(sw, `/cases/looked-after/${cycleId}/cease`, {
      ...parts('on', today),
      reason: 'returned home',
      supervisionOrder: 'no',
    });
    expect(res.status).toBe(303);
    const html = (await sw.get(`/cases/looked-after/${cycleId}`)).text;
    expect(html).toContain(`Ended on ${govukDate(today)}: returned home`);
    expect(html).toContain('No longer looked after');
    expect(html).not.toContain('Next review: review');
    expect(html).not.toContain(`href="/cases/looked-after/${cycleId}/placement-changes"`);
  });
});

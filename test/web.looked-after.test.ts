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
import { Stack, eventually, startStack } from './support/stack';
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
    // Counted with the calendar from its base: the IRO within the profile's working days of coming into care.
    expect(html).toMatch(new RegExp(`\\d+ working days after ${govukDate(came)} \\(the day the child became looked after\\)`));
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
    // L8: each task before the meeting counted back from it, in working days.
    expect(html).toMatch(new RegExp(`10 working days before ${govukDate(on)} \\(the meeting booked for review 1\\)`));
  });

  it('"Add 5 more rows" (no JavaScript) shows the review form again with what was typed and more decision rows; nothing is recorded', async () => {
    const first = (await iro.get(`/cases/looked-after/${cycleId}/reviews`)).text;
    expect(first).toContain('name="decisions[4].text"');
    expect(first).not.toContain('name="decisions[5].text"');
    // The main button comes first, so Enter in a field saves rather than adding rows.
    expect(first.indexOf('name="_more"')).toBeGreaterThan(first.indexOf('govuk-button" data-module'));
    const more = await form(iro, `/cases/looked-after/${cycleId}/reviews`, {
      ...parts('heldOn', today),
      participation: 'PN1',
      'decisions[4].text': 'Fifth decision',
      'decisions[4].owner': 'social-worker',
      _more: 'decisions',
    });
    expect(more.status).toBe(200);
    expect(more.text).not.toContain('There is a problem');
    expect(more.text).toContain('name="decisions[9].text"');
    expect(more.text).not.toContain('name="decisions[10].text"');
    expect(more.text).toContain('value="Fifth decision"');
    expect((await iro.get(`/api/looked-after-cycles/${cycleId}`)).body.reviewsHeld).toEqual([]);
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
    // L9: counted from the day held; a decision's date was set at the review, not counted.
    expect(html).toContain(`15 working days after ${govukDate(today)} (the day review 1 was held)`);
    expect(html).toContain(`Set at review 1 (${govukDate(today)})`);
    expect(html).toContain('Next review: review 2');
    // L10: under the review, its decisions (owner, due date, done?) and its starred recommendation with the L11 dates.
    expect(html).toContain(`Refer for a health assessment (sw-1, by ${govukDate(addDays(today, 21))}): not done yet`);
    expect(html).toContain('A therapeutic assessment within a month');
    const l11 = /Sent to the principal and strategic managers on [^;]+; concerns by \d+ \w+ \d{4} \(L11\)/;
    // The notification goes at once, just after the review is recorded.
    expect(
      await eventually(
        async () => (await iro.get(`/cases/looked-after/${cycleId}`)).text,
        (t) => l11.test(t),
      ),
    ).toMatch(l11);
    // Dates in the events' own words are in words too.
    expect(html).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    // Not circulated yet: the team manager has nothing to answer.
    const tm = await as(stack.app, 'team-manager', { team: 'north-1' });
    const tmPage = (await tm.get(`/cases/looked-after/${cycleId}`)).text;
    expect(tmPage).not.toContain(`/reviews/1/decision-response`);
    expect(tmPage).toContain('Decisions (L9, L10): Not circulated yet');
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
    // L10: once circulated the team manager may answer, with the decisions on the answer's page.
    const tm = await as(stack.app, 'team-manager', { team: 'north-1' });
    expect((await tm.get(`/cases/looked-after/${cycleId}`)).text).toContain(`/reviews/1/decision-response`);
    const answer = (await tm.get(`/cases/looked-after/${cycleId}/reviews/1/decision-response`)).text;
    expect(answer).toContain('Arrange contact with the grandparents (social-worker, by');
    expect(answer).toContain(`Refer for a health assessment (sw-1, by ${govukDate(addDays(today, 21))}): not done yet`);
    // L11: the strategic manager sees the starred recommendation on the response page, and may respond while it awaits.
    const sm = await as(stack.app, 'strategic-manager');
    expect((await sm.get(`/cases/looked-after/${cycleId}`)).text).toContain('/reviews/1/starred-response');
    const starred = (await sm.get(`/cases/looked-after/${cycleId}/reviews/1/starred-response`)).text;
    expect(starred).toContain('1. A therapeutic assessment within a month');
    expect(starred).toMatch(/concerns by \d+ \w+ \d{4} \(L11\)/);
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

describe('a cycle with an adjournment, an unplanned move, a disagreement and a dispute', () => {
  const today = londonDate(Date.now());
  const came = addDays(today, -40);
  let cycleId = '';
  let sw: Agent, iro: Agent, tm: Agent;
  const page = async (who: Agent) => (await who.get(`/cases/looked-after/${cycleId}`)).text;

  beforeAll(async () => {
    sw = await as(stack.app, 'social-worker', { team: 'north-1', userId: 'sw-2' });
    iro = await as(stack.app, 'iro', { userId: 'iro-2' });
    tm = await as(stack.app, 'team-manager', { team: 'north-1', userId: 'tm-2' });
    const res = await form(sw, '/cases/looked-after/new', {
      childId: 'WEB-LAC-2',
      ...parts('becameLookedAfter', came),
      ...parts('dateOfBirth', '2014-03-01'),
      legalStatus: 'C2',
      placementType: 'foster',
    });
    expect(res.status).toBe(303);
    cycleId = res.headers.location.split('/').pop()!;
  });

  it('lists an unplanned move with the L23 prompt to bring the review forward', async () => {
    const moved = addDays(today, -20);
    const res = await form(sw, `/cases/looked-after/${cycleId}/placement-changes`, {
      ...parts('on', moved),
      type: 'kinship-foster',
      unplanned: 'yes',
    });
    expect(res.status).toBe(303);
    const html = await page(iro);
    expect(html).toContain('Changes of placement');
    expect(html).toContain(govukDate(moved));
    expect(html).toContain('kinship-foster');
    expect(html).toContain('Unplanned');
    expect(html).toContain('consider whether the next review should be brought forward, as soon as practicable (L23)');
    expect(html).toContain(`<a class="govuk-link" href="/cases/looked-after/${cycleId}/bring-forward">Bring the next review forward</a>`);
  });

  it('offers the adjournment once (L12), and the review held after it says when it was adjourned and resumed', async () => {
    const open = await page(iro);
    expect(open).toContain(`href="/cases/looked-after/${cycleId}/adjournment"`);
    expect(open).toContain(`href="/cases/looked-after/${cycleId}/booking"`);
    const adjournedOn = addDays(today, -3);
    const res = await form(iro, `/cases/looked-after/${cycleId}/adjournment`, {
      ...parts('on', adjournedOn),
      ...parts('resumeOn', addDays(today, 5)),
      reason: 'Reports not ready',
    });
    expect(res.status).toBe(303);
    const adjourned = await page(iro);
    expect(adjourned).not.toContain(`href="/cases/looked-after/${cycleId}/adjournment"`);
    // The resumed meeting is booked for the resume date; it may still be moved (L12).
    expect(adjourned).toContain(`href="/cases/looked-after/${cycleId}/booking"`);
    expect(adjourned).toContain(`after ${govukDate(adjournedOn)} (the day the meeting was adjourned); the date the IRO set`);
    const held = await form(iro, `/cases/looked-after/${cycleId}/reviews`, {
      ...parts('heldOn', today),
      participation: 'PN1',
      'decisions[0].text': 'Increase contact with the sibling',
      'decisions[0].owner': 'social-worker',
      ...parts('decisions[0].dueOn', addDays(today, 10)),
    });
    expect(held.status).toBe(303);
    expect(await page(iro)).toContain(`Adjourned on ${govukDate(adjournedOn)}, resumed on ${govukDate(today)}`);
  });

  it('counts the IRO’s informal resolution from the day the team manager disagreed, and offers it only then', async () => {
    expect(await page(iro)).not.toContain('/reviews/1/disagreement');
    expect(
      (await form(iro, `/cases/looked-after/${cycleId}/tasks`, { key: 'r1/decisions-circulated', ...parts('on', today) })).status,
    ).toBe(303);
    const answered = await form(tm, `/cases/looked-after/${cycleId}/reviews/1/decision-response`, {
      response: 'disagree',
      reason: 'Contact should wait for the assessment',
      ...parts('on', today),
    });
    expect(answered.status).toBe(303);
    expect(await page(tm)).not.toContain('/reviews/1/decision-response');
    const html = await page(iro);
    expect(html).toContain(`href="/cases/looked-after/${cycleId}/reviews/1/disagreement"`);
    expect(html).toMatch(new RegExp(`\\d+ working days? after ${govukDate(today)} \\(the day the team manager disagreed\\)`));
    expect(html).toContain('Disagreed on');
    // No starred recommendations: nothing for the managers to answer.
    expect(await page(await as(stack.app, 'strategic-manager'))).not.toContain('/starred-response');
  });

  it('opens a dispute from the cycle’s page with the cycle id filled in; the cycle lists it and its page shows actions and responses', async () => {
    const link = `/cases/disputes/new?cycleId=${cycleId}`;
    expect(await page(iro)).toContain(`href="${link}"`);
    expect(await page(sw)).not.toContain(`href="${link}"`);
    const start = await iro.get(link);
    expect(start.status).toBe(200);
    expect(start.text).toContain(`value="${cycleId}"`);
    const res = await form(iro, '/cases/disputes/new', {
      cycleId,
      category: 'practice',
      summary: 'Contact plan disputed',
      startStage: '1',
      socialWorker: 'sw-2',
      'agreedActions[0].action': 'Review the contact plan with the family',
      ...parts('agreedActions[0].by', addDays(today, 7)),
      ...parts('openedOn', today),
    });
    expect(res.status).toBe(303);
    const disputePath = res.headers.location as string;
    const disputeId = disputePath.split('/').pop()!;
    expect(await page(iro)).toContain(`href="${disputePath}">${disputeId}: open, opened ${govukDate(today)}: Contact plan disputed`);

    expect((await form(sw, `${disputePath}/responses`, { note: 'Contact plan revised', ...parts('on', today) })).status).toBe(303);
    const escalated = await form(iro, `${disputePath}/escalate`, {
      toStage: '2',
      reason: 'Not enough',
      'expectedOutcome.outcome': 'A contact plan agreed with the family',
      ...parts('expectedOutcome.by', addDays(today, 10)),
      ...parts('on', today),
    });
    expect(escalated.status).toBe(303);
    const html = (await iro.get(disputePath)).text;
    expect(html).toContain('Review the contact plan with the family');
    expect(html).toContain(govukDate(addDays(today, 7)));
    expect(html).toContain('sw-2');
    expect(html).toContain('Contact plan revised');
    expect(html).toContain(`A contact plan agreed with the family, by ${govukDate(addDays(today, 10))}`);
    // Each deadline counted with the calendar from its base, in words.
    expect(html).toMatch(new RegExp(`20 working days after ${govukDate(today)} \\(the day the dispute opened\\)`));
  });
});

describe('a cycle under Stoke-on-Trent’s procedures', () => {
  it('counts L22’s care planning and L9’s 14 calendar days with their own units and bases', async () => {
    const today = londonDate(Date.now());
    const came = addDays(today, -10);
    const sw = await as(stack.app, 'social-worker', { team: 'north-1', userId: 'sw-3' });
    const iro = await as(stack.app, 'iro', { userId: 'iro-3' });
    const res = await form(sw, '/cases/looked-after/new', {
      childId: 'WEB-LAC-3',
      ...parts('becameLookedAfter', came),
      ...parts('dateOfBirth', '2016-02-01'),
      legalStatus: 'C2',
      placementType: 'foster',
      profile: 'stoke-on-trent',
    });
    expect(res.status).toBe(303);
    const cycleId = res.headers.location.split('/').pop()!;
    const due = (await iro.get(`/api/looked-after-cycles/${cycleId}`)).body.nextReview.due as string;
    const before = (await iro.get(`/cases/looked-after/${cycleId}`)).text;
    expect(before).toContain(`10 days after ${govukDate(came)} (the day the first placement started)`);
    expect(before).toContain(`5 working days after ${govukDate(came)} (the day the placement started)`);
    expect(before).toContain(`10 working days after ${govukDate(came)} (the day the child became looked after)`);
    expect(before).toContain(`3 working days before ${govukDate(due)} (the day the first review is due)`);
    const held = await form(iro, `/cases/looked-after/${cycleId}/reviews`, { ...parts('heldOn', today), participation: 'PN1' });
    expect(held.status).toBe(303);
    const after = (await iro.get(`/cases/looked-after/${cycleId}`)).text;
    expect(after).toContain(`14 days after ${govukDate(today)} (the day review 1 was held)`);
    expect(after).toContain(`10 working days after ${govukDate(today)} (the day review 1 was held)`);
  });
});

/**
 * Open to Review cases and series of short breaks (rules.md section B, L19): start either, and the
 * case page (reviews on time or late against their own due date, the open deadlines and how they
 * were counted, events, what this user may do). Roles and service as api/routes/open-to-review-cases.ts;
 * the command pages are in open-to-review-commands.ts.
 */
import { principalOf } from '../../../api/middleware/permit';
import { Principal, Role } from '../../../platform/auth/roles';
import { casePagePath } from '../../../platform/case-pages';
import { OpenToReviewCaseState } from '../../../workflows/open-to-review/messages';
import * as q from '../../../workflows/open-to-review/requests';
import { Mount, WebContext } from '../../app';
import { commandPage } from '../../forms/command-page';
import { Labels } from '../../forms/schema-form';
import { WorkingDayCalendar } from '../../../workflows/calendar/working-day-calendar';
import { ActionLink, CaseView, actionsFor, dateParts, day, deadlinesTable, eventsTable, sourcesOf, timeliness, yesNo } from './case-view';

export const DCS_TEAM: readonly Role[] = ['social-worker', 'team-manager', 'service-manager'];
export const MANAGERS: readonly Role[] = ['team-manager', 'service-manager'];
export const CASE_WORKERS: readonly Role[] = ['social-worker', 'team-manager'];
const READERS: readonly Role[] = ['social-worker', 'team-manager', 'service-manager', 'strategic-manager'];
export const O2R_BASE = '/cases/open-to-review';

const COMMON: Labels = {
  childId: { label: 'Child’s case-system id', hint: 'The id in the case system, never a name' },
  dateOfBirth: 'Date of birth',
  team: { label: 'Social work team code', hint: 'Social workers and team managers open cases for their own team' },
  caseholder: { label: 'Caseholder’s staff id', hint: 'The Open to Review social worker (or allocated worker) who holds the case' },
  profile: { label: 'Policy profile', hint: 'Leave blank for the authority’s usual procedures (kent: Kent’s variant)' },
};
const yes = (what: string) => ({ label: what, hint: 'O1' });
const no = (what: string) => ({ label: what, hint: 'O1: yes makes the case ineligible' });

/** Commands, and when each fits the case (by its kind and status). */
type Link = ActionLink & { fits: (s: OpenToReviewCaseState) => boolean };
const o2r = (s: OpenToReviewCaseState) => s.kind === 'open-to-review';
const running = (s: OpenToReviewCaseState) => s.status === 'entry' || s.status === 'open';
const LINKS: Link[] = [
  { path: '/representations', text: 'Record the family’s representations', roles: CASE_WORKERS, fits: (s) => s.status === 'entry' },
  { path: '/decision-note', text: 'Record the decision note', roles: ['team-manager'], fits: (s) => s.status === 'entry' },
  { path: '/reviews', text: 'Record a review that was held', roles: CASE_WORKERS, fits: (s) => s.status === 'open' },
  { path: '/visits', text: 'Record a visit', roles: CASE_WORKERS, fits: running },
  { path: '/breaks', text: 'Record a short break', roles: CASE_WORKERS, fits: (s) => !o2r(s) && running(s) },
  { path: '/ehcp', text: 'Record the EHCP annual review date', roles: CASE_WORKERS, fits: (s) => o2r(s) && running(s) },
  { path: '/package', text: 'Record a change to the package of support', roles: CASE_WORKERS, fits: (s) => o2r(s) && running(s) },
  { path: '/tasks', text: 'Mark a task as done', roles: CASE_WORKERS, fits: running },
  { path: '/caseholder', text: 'Move the case to another caseholder', roles: MANAGERS, fits: running },
  { path: '/close', text: 'Close the case', roles: MANAGERS, fits: running },
];

export function openToReviewPages(page: Mount, ctx: WebContext): void {
  const cases = ctx.services.openToReviewCases;
  const done = ({ result }: { result: { caseId: string } }) => ({ to: casePagePath(result.caseId), message: 'The case has started' });

  page(`${O2R_BASE}/new`, (r) => {
    commandPage(
      r,
      '',
      {
        path: '',
        title: 'Move a case to Open to Review',
        caption: () => 'Open to Review',
        roles: DCS_TEAM,
        schema: q.OpenToReviewStartRequest,
        omit: ['kind'],
        rule: 'O1, O2: every eligibility criterion is checked (each one not met is listed); the family is written to and has a window to make representations before the team manager’s decision note.',
        labels: {
          ...COMMON,
          openedOn: {
            label: 'Date the case was proposed',
            hint: 'The day the family was written to: today, or earlier if you are recording it later',
          },
          rationale: { label: 'Rationale written to the family', hint: 'Why Open to Review suits the child', kind: 'textarea' },
          eligibility: { label: 'Eligibility (O1)', hint: 'Answer yes or no to each' },
          'eligibility.stable': yes('Is the case stable, with no ongoing social care input beyond assessed services?'),
          'eligibility.clearOutcomes': yes('Are there clear outcomes in the care plan?'),
          'eligibility.safeguardingConcerns': no('Are there safeguarding concerns?'),
          'eligibility.lookedAfter': no('Is the child looked after?'),
          'eligibility.continuingCare': no('Does the child receive continuing care?'),
          'eligibility.unstableHealth': no('Is the child’s health unstable?'),
          'eligibility.lifeLimitingIllness': {
            label: 'Does the child have a life-limiting illness?',
            hint: 'O1: then only with the parents’ or carers’ agreement (next question)',
          },
          'eligibility.parentsAgree': {
            label: 'Do the parents or carers agree to Open to Review?',
            hint: 'O1: needed when the child has a life-limiting illness',
          },
          'eligibility.significantOvernightShortBreaks': { label: 'Does the child have significant overnight short breaks?', hint: 'O1' },
          'eligibility.overnightBreaksStableAndWorking': {
            label: 'If so, are the overnight breaks stable and working well?',
            hint: 'O1: only asked when there are significant overnight breaks',
          },
          ehcpAnnualReviewOn: {
            label: 'Date of the next EHCP annual review',
            hint: 'If the child has an EHCP: the face-to-face review is timed with it (O3)',
          },
          package: { label: 'Package of support', hint: 'Kent (O6): what sets how often reviews are held' },
          'package.overnightShortBreaks': 'Does the package include overnight short breaks?',
          'package.hoursPerWeek': { label: 'Hours of support a week', hint: 'A number, for example 6' },
        },
        submitText: 'Move the case to Open to Review',
        initial: () => dateParts('openedOn', cases.today()),
        run: ({ body, principal }) => cases.start(body, principal),
        done,
        caseHref: () => '/cases/new',
      },
      ctx.sessions,
    );
  });

  page(`${O2R_BASE}/new-short-breaks-series`, (r) => {
    commandPage(
      r,
      '',
      {
        path: '',
        title: 'A series of short breaks starts',
        caption: () => 'Short breaks (L19)',
        roles: DCS_TEAM,
        // The kind is the page's, not the user's to type.
        schema: q.ShortBreaksSeriesStartRequest.omit({ kind: true }),
        rule: 'L19: a series of short breaks is reviewed like a looked-after child’s, and is at most 120 days in 12 months.',
        labels: {
          ...COMMON,
          firstBreakOn: { label: 'Date of the first short break' },
          openedOn: { label: 'Date the series started', hint: 'Leave blank: the first break’s date if it has passed, otherwise today' },
        },
        submitText: 'Start the series',
        initial: () => dateParts('firstBreakOn', cases.today()),
        run: ({ body, principal }) => cases.start({ ...body, kind: 'short-breaks-series' }, principal),
        done,
        caseHref: () => '/cases/new',
      },
      ctx.sessions,
    );
  });

  page(O2R_BASE, (r) => {
    r.get('/:caseId', READERS, async (req, res) => {
      const id = String(req.params.caseId);
      const s = await cases.state(id, principalOf(res));
      const view = openToReviewView(s, principalOf(res), ctx.services.calendar.calendar());
      res.render('pages/case.njk', { title: view.title, backLink: '/', view });
    });
  });
}

const STATUS: Record<OpenToReviewCaseState['status'], string> = {
  entry: 'Proposed: waiting for the family’s representations and the decision note',
  open: 'Open',
  left: 'Left Open to Review',
  'not-o2r': 'Decided not to move to Open to Review',
  closed: 'Closed',
  ended: 'Ended',
};

function openToReviewView(s: OpenToReviewCaseState, p: Principal, cal: WorkingDayCalendar): CaseView {
  const series = s.kind === 'short-breaks-series';
  const title = `${series ? 'Short breaks series' : 'Open to Review case'} ${s.caseId}`;
  const e = s.entry;
  return {
    title,
    caption: series ? 'Short breaks (L19)' : 'Open to Review',
    facts: [
      ['Case id', s.caseId],
      ['Child’s id', s.child.childId],
      ['Date of birth', day(s.child.dateOfBirth)],
      ['Team', s.child.team],
      ['Caseholder', s.caseholder],
      ['Procedures', s.variant === 'kent' ? 'Kent (O6)' : 'Open to Review protocol'],
      ['Opened on', day(s.openedOn)],
      ['Status', `${STATUS[s.status]}${s.ended ? ` on ${day(s.ended.on)} (${s.ended.reason})` : ''}`],
      ['Next review', s.nextReview ? `Due by ${day(s.nextReview.due)} (${s.nextReview.rule}: ${s.nextReview.why})` : 'None due'],
      ...((e
        ? [
            ['Representations by', day(e.representationsBy)],
            [
              'Decision',
              e.decision
                ? `${e.decision.decision === 'o2r' ? 'Open to Review' : 'Not Open to Review'} on ${day(e.decision.on)}`
                : 'Not yet made',
            ],
          ]
        : []) as [string, string][]),
      ...((s.ehcpAnnualReviewOn ? [['EHCP annual review', day(s.ehcpAnnualReviewOn)]] : []) as [string, string][]),
      ...((s.package
        ? [['Package', `${s.package.hoursPerWeek} hours a week; overnight short breaks: ${yesNo(s.package.overnightShortBreaks)}`]]
        : []) as [string, string][]),
    ],
    tables: [
      {
        caption: 'Reviews held',
        head: ['Review', 'Held on', 'On time?', 'How', 'Child seen?', 'Parents seen?', 'Decision'],
        rows: s.reviews.map((r) => [
          `Review ${r.number}`,
          day(r.heldOn),
          timeliness(r.onTime, r.due),
          r.type.replace(/-/g, ' '),
          yesNo(r.childSeen),
          yesNo(r.parentsSeen),
          r.outcome === 'continue' ? 'Continues' : `Leaves${r.leaveReason ? ` (${r.leaveReason.replace(/-/g, ' ')})` : ''}`,
        ]),
        empty: 'No review has been held yet.',
      },
      ...(series
        ? [
            {
              caption: 'Short breaks',
              head: ['First day', 'Days'],
              rows: (s.breaks ?? []).map((b) => [day(b.on), String(b.days)]),
              empty: 'No short break has been recorded yet.',
            },
          ]
        : []),
      deadlinesTable(
        s.obligations.map((o) => ({ what: o.what, due: o.due, rule: o.rule, owner: o.owner.replace(/-/g, ' '), counted: o.why })),
        cal,
      ),
      eventsTable(s.events),
    ],
    actions: actionsFor(
      p,
      `${O2R_BASE}/${s.caseId}`,
      LINKS.filter((l) => l.fits(s)),
      true,
    ),
    sources: sourcesOf([...s.obligations.map((o) => o.rule), ...s.events.map((e) => e.rule)]),
  };
}

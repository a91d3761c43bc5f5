/**
 * The OpenAPI 3.1 description of the API, built from the routes as they are declared (method,
 * path, roles) plus what each one takes and returns. A route without an entry here fails the
 * build (test/openapi.test.ts), so the document never falls behind the code.
 */
import { z } from 'zod';
import { MailboxSchema, PersonSchema, TeamSchema } from '../data/directory';
import * as cin from '../workflows/cin-review/requests';
import * as dispute from '../workflows/dispute/requests';
import * as cycle from '../workflows/looked-after-cycle/requests';
import * as o2r from '../workflows/open-to-review/requests';
import { RouteDeclaration } from './secure-router';
import { ReconcileRequest } from './routes/record';
import { ROUTE_DOCS } from './route-docs';

type Schema = Record<string, unknown>;
const str = (description?: string, extra: Schema = {}): Schema => ({ type: 'string', ...(description ? { description } : {}), ...extra });
const date = (description?: string): Schema => str(description, { format: 'date' });
const obj = (properties: Record<string, Schema>, required: string[] = []): Schema => ({
  type: 'object',
  additionalProperties: false,
  properties,
  required,
});
const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });

/** A request body as JSON Schema 2020-12 (what OpenAPI 3.1 uses), from its one declaration. */
function body(schema: z.ZodType): Schema {
  const { $schema: _drop, ...json } = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' }) as Schema;
  return json;
}

/** The case kinds' request bodies, by the names the routes below refer to. */
function bodies(): Record<string, Schema> {
  return Object.fromEntries(
    Object.entries({
      CycleStart: cycle.CycleStartRequest,
      Staff: cycle.IroRequest,
      PlacementChange: cycle.PlacementChangeRequest,
      BringForward: cycle.BringForwardRequest,
      PlannedEnd: cycle.PlannedEndRequest,
      Booking: cycle.BookingRequest,
      Adjournment: cycle.AdjournmentRequest,
      TaskDone: cycle.TaskDoneRequest,
      ReviewHeld: cycle.ReviewHeldRequest,
      DecisionResponse: cycle.DecisionResponseRequest,
      Disagreement: cycle.DisagreementRequest,
      StarredResponse: cycle.StarredResponseRequest,
      Cease: cycle.CeaseRequest,
      DisputeStart: dispute.DisputeStartRequest,
      Escalate: dispute.EscalateRequest,
      Note: dispute.ResponseRequest,
      Reason: dispute.CafcassRequest,
      CafcassDecision: dispute.CafcassDecisionRequest,
      Resolve: dispute.ResolveRequest,
      OpenToReviewCaseStart: o2r.OpenToReviewCaseStartRequest,
      Representation: o2r.RepresentationRequest,
      DecisionNote: o2r.DecisionNoteRequest,
      LowLevelReview: o2r.ReviewRequest,
      Visit: o2r.VisitRequest,
      ShortBreak: o2r.ShortBreakRequest,
      Ehcp: o2r.EhcpRequest,
      Package: o2r.PackageChangeRequest,
      LowLevelTask: o2r.TaskRequest,
      Caseholder: o2r.CaseholderRequest,
      CloseCase: o2r.CloseRequest,
      Transfer: o2r.TransferRequest,
      CinStart: cin.CinStartRequest,
      CinFirstDate: cin.FirstDateRequest,
      CinMove: cin.MoveRequest,
      CinReview: cin.CinReviewRequest,
      CinTask: cin.CinTaskRequest,
      CinReportRequest: cin.ReportRequestRequest,
      CinEnd: cin.EndRequest,
      DirectoryPerson: PersonSchema,
      DirectoryTeam: TeamSchema,
      DirectoryMailbox: MailboxSchema,
      ReconcileRequest,
    }).map(([name, schema]) => [name, body(schema)]),
  );
}

const SCHEMAS: Record<string, Schema> = {
  Error: obj(
    {
      error: obj(
        { status: { type: 'integer' }, message: str(), field: str('the field at fault'), rule: str('the rule refused, e.g. L7') },
        ['status', 'message'],
      ),
    },
    ['error'],
  ),
  CalendarChange: obj({ date: date(), action: str(undefined, { enum: ['add', 'remove'] }), title: str(), reason: str() }, [
    'date',
    'title',
    'reason',
  ]),
  ...bodies(),
  OpenToReviewCaseState: {
    type: 'object',
    description:
      'the O2R case or short-breaks series: child, caseholder, entry (letter, representations, decision note), reviews, visits, obligations with owners and due dates, events',
  },
  CodecPayloads: obj(
    { payloads: { type: 'array', items: obj({ metadata: { type: 'object', additionalProperties: str('base64') }, data: str('base64') }) } },
    ['payloads'],
  ),
  CycleState: {
    type: 'object',
    description:
      'the whole cycle: child, placement, IRO, reviews held, the open review, obligations (key, rule, owner, due, actions), agenda, events',
  },
  Any: { type: 'object' },
  CinState: {
    type: 'object',
    description:
      'the CIN case: child, social worker, IRO chair, criteria and agreements, the agreed next date and its moves, reviews with attendance, reports requested, obligations, events, ending and summary',
  },
  DisputeState: {
    type: 'object',
    description:
      'the dispute: child, category, stage and its deadline, stages entered, the 20 working day clock, CAFCASS referral, responses, outcome, events',
  },
};

const REFUSAL_TEXT: Record<number, string> = {
  400: 'a field is missing or malformed (the body names it)',
  401: 'no valid bearer token',
  403: 'this role (or team) may not do this',
  404: 'no such case',
  409: 'already exists, or the cycle has ended (L13)',
  413: 'body too large',
  422: 'refused by a business rule (the body names the field and the rule)',
  429: 'too many requests',
};

export function openApiDocument(routes: readonly RouteDeclaration[]): Schema {
  const paths: Record<string, Record<string, Schema>> = {};
  for (const r of routes) {
    const key = `${r.method} ${r.path}`;
    const doc = ROUTE_DOCS[key];
    if (!doc) throw new Error(`openapi: no documentation for ${key}`);
    const path = r.path.replace(/:(\w+)/g, '{$1}');
    const params = [...r.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: str() }));
    const query = (doc.query ?? []).map((name) => ({ name, in: 'query', required: false, schema: str() }));
    const responses: Record<string, Schema> = {
      [String(doc.ok ?? 200)]: {
        description: 'done',
        content: {
          [doc.okType ?? 'application/json']: {
            schema: doc.okType
              ? str()
              : key.includes('looked-after-cycles/')
                ? ref('CycleState')
                : key.includes('/disputes/')
                  ? ref('DisputeState')
                  : key.includes('/open-to-review-cases/')
                    ? ref('OpenToReviewCaseState')
                    : key.includes('/cin-reviews/')
                      ? ref('CinState')
                      : ref('Any'),
          },
        },
      },
    };
    const codes = [400, ...(r.roles === 'public' ? [] : [401, 403]), ...(doc.body ? [413] : []), ...(doc.refusals ?? []), 429];
    for (const c of [...new Set(codes)])
      responses[String(c)] = { description: REFUSAL_TEXT[c], content: { 'application/json': { schema: ref('Error') } } };
    (paths[path] ??= {})[r.method.toLowerCase()] = {
      summary: doc.summary,
      tags: [r.path.split('/')[2] ?? r.path.split('/')[1]],
      ...(r.roles === 'public' ? { security: [] } : { 'x-roles': r.roles, description: `Roles: ${r.roles.join(', ')}.` }),
      parameters: [...params, ...query],
      ...(doc.body ? { requestBody: { required: true, content: { 'application/json': { schema: ref(doc.body) } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'care-reviews',
      version: '0.1.0',
      description:
        "Children's statutory case reviews on time: looked-after review cycles (rules.md section A). Every refusal names the field and, for a business rule, the rule id.",
    },
    security: [{ bearer: [] }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } }, schemas: SCHEMAS },
    paths,
  };
}

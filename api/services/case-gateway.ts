/**
 * The one way the API reaches a case's workflow: start it, read its state, send it a command.
 * Everything every case kind shares lives here once: the id check (a malformed id is a 404), the
 * 409 naming the existing case when one is already started, team scope (from the workflow's TEAM
 * search attribute, so no Query runs first), refusals mapped to 4xx, and telling a case that has
 * ended (409, with the kind's ending rule) from one that never existed (404).
 */
import {
  Client,
  WorkflowExecutionAlreadyStartedError,
  WorkflowStartOptions,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { QueryDefinition, SearchAttributePair, UpdateDefinition, Workflow, WorkflowIdReusePolicy } from '@temporalio/common';
import { CASE_ROLES, Principal, TEAM_SCOPED, seesTeam } from '../../platform/auth/roles';
import { TEAM } from '../../workflows/search-attributes';
import { InputError } from '../input-error';
import { refusalOf } from '../update-refusal';

/** What differs between case kinds, as far as the gateway cares. */
export interface CaseKindSpec {
  /** The path parameter and body field naming the case: cycleId, caseId, disputeId. */
  idField: string;
  idPattern: RegExp;
  /** "a looked-after cycle id (lac- and 24 hex digits...)", for a malformed id. */
  idHint: string;
  /** The kind in words: "cycle", "case", "dispute". */
  noun: string;
  /** The rule that ends a case of this kind (L13, O4, E6): named when a command comes after the end. */
  endingRule: string;
  /** Base of the case's URL, e.g. /api/looked-after-cycles. */
  href: string;
  /** REJECT_DUPLICATE: never a second case with this id; ALLOW_DUPLICATE: a new one once it has ended. */
  idReuse: WorkflowIdReusePolicy;
  /** Said when a team-scoped user asks about another team's child. */
  otherTeam: string;
  /** Said when the case is already started, e.g. "a cycle for this child and period of care already exists". */
  alreadyStarted: string;
}

/** A team-scoped user (only social worker or team manager among their case roles) sees their own team's children. */
export function teamScoped(p: Principal): boolean {
  return p.roles.every((role) => TEAM_SCOPED.includes(role) || !CASE_ROLES.includes(role));
}

export interface StartOptions<W extends Workflow> {
  id: string;
  args: Parameters<W>;
  searchAttributes: SearchAttributePair[];
}

export class CaseGateway {
  constructor(
    readonly client: Client,
    readonly taskQueue: string,
    readonly kind: CaseKindSpec,
  ) {}

  /** A case id from a path: anything not in this kind's form is a case that does not exist. */
  id(raw: string): string {
    if (!this.kind.idPattern.test(raw))
      throw new InputError(this.kind.idField, `${this.kind.idField}: "${raw.slice(0, 40)}" is not ${this.kind.idHint}`, 404);
    return raw;
  }

  /** Starts the case; if it is already started, a 409 naming it (the body carries its id and href). */
  async start<W extends Workflow>(workflow: W, { id, args, searchAttributes }: StartOptions<W>): Promise<void> {
    try {
      // The SDK's conditional options type cannot be narrowed for a generic workflow; the args are typed by StartOptions<W>.
      const options = {
        taskQueue: this.taskQueue,
        workflowId: id,
        args,
        workflowIdReusePolicy: this.kind.idReuse,
        typedSearchAttributes: searchAttributes,
      };
      await this.client.workflow.start(workflow, options as unknown as WorkflowStartOptions<W>);
    } catch (e) {
      if (e instanceof WorkflowExecutionAlreadyStartedError) {
        const err = new InputError('childId', `${this.kind.alreadyStarted}: ${id}`, 409);
        err.extra = { [this.kind.idField]: id, href: `${this.kind.href}/${id}` };
        err.target = id;
        throw err;
      }
      throw e;
    }
  }

  /** Whether a case with this id was ever started (any status, within the namespace's retention). */
  async exists(id: string): Promise<boolean> {
    try {
      await this.client.workflow.getHandle(id).describe();
      return true;
    } catch (e) {
      if (e instanceof WorkflowNotFoundError) return false;
      throw e;
    }
  }

  /** The case's state, if this user may see this child. */
  async state<S>(rawId: string, query: QueryDefinition<S, []>, p: Principal): Promise<S> {
    const id = this.id(rawId);
    if (teamScoped(p)) await this.checkTeam(id, p);
    try {
      return await this.client.workflow.getHandle(id).query(query);
    } catch (e) {
      return this.notFoundOrEnded(e, id);
    }
  }

  /** Sends a command (an Update) to a case this user may see; a refusal becomes a 4xx naming the field and rule. */
  async command<Ret, Arg>(rawId: string, update: UpdateDefinition<Ret, [Arg]>, input: Arg, p: Principal): Promise<Ret> {
    const id = this.id(rawId);
    if (teamScoped(p)) {
      const status = await this.checkTeam(id, p);
      if (status !== 'RUNNING') throw this.ended(id, status);
    }
    try {
      return await this.client.workflow.getHandle(id).executeUpdate(update, { args: [input] });
    } catch (e) {
      if (e instanceof WorkflowUpdateFailedError) throw refusalOf(e, this.kind.idField);
      return this.notFoundOrEnded(e, id);
    }
  }

  /** 403 unless the user's team is the case's TEAM search attribute; returns the case's status. */
  private async checkTeam(id: string, p: Principal): Promise<string> {
    let d;
    try {
      d = await this.client.workflow.getHandle(id).describe();
    } catch (e) {
      if (e instanceof WorkflowNotFoundError) throw this.neverExisted(id);
      throw e;
    }
    if (!seesTeam(p, d.typedSearchAttributes.get(TEAM)))
      throw new InputError(this.kind.idField, `${this.kind.idField}: ${id} ${this.kind.otherTeam}`, 403);
    return d.status.name;
  }

  /** Not found by a query or update: either the case has ended (409) or there never was one (404). */
  private async notFoundOrEnded(e: unknown, id: string): Promise<never> {
    if (!(e instanceof WorkflowNotFoundError)) throw e;
    const status = await this.client.workflow
      .getHandle(id)
      .describe()
      .then(
        (d) => d.status.name,
        () => undefined,
      );
    if (status && status !== 'RUNNING') throw this.ended(id, status);
    throw this.neverExisted(id);
  }

  private ended(id: string, status: string): InputError {
    const { idField, endingRule } = this.kind;
    return new InputError(
      idField,
      `${idField}: ${id} has ended (${status.toLowerCase()}); nothing more can be recorded (${endingRule})`,
      409,
      endingRule,
    );
  }

  private neverExisted(id: string): InputError {
    return new InputError(this.kind.idField, `${this.kind.idField}: no ${this.kind.noun} ${id}`, 404);
  }
}

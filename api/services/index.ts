/**
 * services(config): everything the HTTP API works with, built once (by main.ts, scripts/bench.ts
 * and the test stacks) and handed to createApp. Routes only parse and respond; the case services
 * reach Temporal through the case gateway, so route tests can pass stubs instead.
 */
import { Client } from '@temporalio/client';
import { PayloadCodec } from '@temporalio/common';
import { CalendarService } from '../../data/calendar-service';
import { EmbeddedStore } from '../../data/embedded-store';
import { ProfileRegistry } from '../../data/reference-data';
import type { RecordStore } from '../../data/record/record-store';
import { HttpSettings, WebSettings } from '../../platform/config';
import { TokenVerifier } from '../../platform/auth/tokens';
import type { Logger } from '../../platform/log';
import { CinReviews } from './cin-reviews';
import { Disputes } from './disputes';
import { LookedAfterImport } from './imports';
import { OpenToReviewImport } from './open-to-review-import';
import { DisputeImport } from './dispute-import';
import { LookedAfterCycles } from './looked-after-cycles';
import { OpenToReviewCases } from './open-to-review-cases';

export interface ServiceConfig {
  client: Client;
  taskQueue: string;
  store: EmbeddedStore;
  /** The statutory record (issue 14): what the reports and returns read. */
  record: RecordStore;
  calendar: CalendarService;
  profiles: ProfileRegistry;
  /** The authority's policy profile (default statutory). */
  defaultProfile?: string;
  verifier: TokenVerifier;
  /** HMAC key for opaque case ids (see case-ids.ts). */
  idKey: Buffer;
  /** The payload codecs the clients and workers use; served to the Web UI at /codec. */
  codecs: PayloadCodec[];
  http: HttpSettings;
  /** Production: cookies only over HTTPS. */
  production?: boolean;
  /** The screens' sign-in settings (default: 30 minutes idle, token sign-in only). */
  web?: WebSettings;
  /** The clock sessions are timed by (tests of the idle timeout move it). */
  sessionClock?: () => number;
  /** The time "today" is judged by (tests on the time-skipping server pass the server's clock). */
  clock?: () => number;
  /** Logs, /ready and /metrics (absent: the process logger, CARE_REVIEWS_METRICS_TOKEN from the environment). */
  observability?: ObservabilityOptions;
}

export interface ObservabilityOptions {
  /** /metrics answers only with this bearer token; absent: only to a client on this machine (platform/metrics.ts). */
  metricsToken?: string;
  /** Where this process's Temporal runtime serves the SDK's metrics, appended to /metrics (only the process that installed it). */
  sdkMetricsAddress?: string;
  /** The request log's logger (tests pass one writing to a stream). */
  logger?: Logger;
  /** Each /ready check's time limit (default 3 s). */
  readyTimeoutMs?: number;
}

/** One service per case kind. */
export interface CaseServices {
  lookedAfterCycles: LookedAfterCycles;
  openToReviewCases: OpenToReviewCases;
  disputes: Disputes;
  cinReviews: CinReviews;
  /** The go-live import of children already in care (docs/import.md). */
  lookedAfterImport: LookedAfterImport;
  /** The go-live imports of Open to Review cases and open disputes. */
  openToReviewImport: OpenToReviewImport;
  disputeImport: DisputeImport;
}

export type Services = ServiceConfig & CaseServices;

export function services(config: ServiceConfig): Services {
  const deps = {
    client: config.client,
    taskQueue: config.taskQueue,
    calendar: config.calendar,
    profiles: config.profiles,
    defaultProfile: config.defaultProfile ?? 'statutory',
    idKey: config.idKey,
    clock: config.clock ?? Date.now,
    cases: config.store.cases,
  };
  const lookedAfterCycles = new LookedAfterCycles(deps);
  const openToReviewCases = new OpenToReviewCases(deps);
  const disputes = new Disputes(deps);
  return {
    ...config,
    lookedAfterCycles,
    lookedAfterImport: new LookedAfterImport(lookedAfterCycles, config.record),
    openToReviewCases,
    openToReviewImport: new OpenToReviewImport(openToReviewCases, deps),
    disputes,
    disputeImport: new DisputeImport(disputes, lookedAfterCycles, deps.idKey),
    cinReviews: new CinReviews(deps),
  };
}

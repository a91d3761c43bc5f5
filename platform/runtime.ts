import { DefaultLogger, LogEntry, LogLevel, Runtime } from '@temporalio/worker';
import { logger, PinoTemporalLogger } from './log';

export interface RuntimeOptions {
  /**
   * CARE_REVIEWS_SDK_METRICS_ADDRESS (host:port): the SDK core serves its own metrics (workflow
   * and activity task latencies, slots, poll results, cache size) in Prometheus text there; the
   * app's /metrics appends them (platform/metrics.ts). Absent: the core keeps no metrics.
   */
  metricsAddress?: string;
}

/**
 * One logger for the SDK and its native core (forwarded, so nothing bypasses it): the process's
 * pino logger, as JSON lines like every other. The SDK logs every bundling step at INFO; operators
 * need its warnings and errors only. `sink`, when given, sees every entry at `level` and above
 * instead (tests use it to prove no child's details reach the logs).
 */
export function installQuietRuntime(level: LogLevel = 'WARN', sink?: (entry: LogEntry) => void, opts: RuntimeOptions = {}): void {
  Runtime.install({
    logger: sink ? new DefaultLogger(level, sink) : new PinoTemporalLogger(logger.child({ component: 'temporal' }), level),
    telemetryOptions: {
      logging: { filter: { core: level, other: level }, forward: {} },
      ...(opts.metricsAddress ? { metrics: { prometheus: { bindAddress: opts.metricsAddress } } } : {}),
    },
  });
}

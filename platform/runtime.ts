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
 * instead (tests use it to prove no child's details reach the logs). Returns where the SDK's
 * metrics are served, if anywhere (pass it to the app's /metrics).
 */
export function installQuietRuntime(
  level: LogLevel = 'WARN',
  sink?: (entry: LogEntry) => void,
  opts: RuntimeOptions = {},
): { metricsAddress?: string } {
  const install = (metricsAddress?: string) =>
    Runtime.install({
      logger: sink ? new DefaultLogger(level, sink) : new PinoTemporalLogger(logger.child({ component: 'temporal' }), level),
      telemetryOptions: {
        logging: { filter: { core: level, other: level }, forward: {} },
        ...(metricsAddress ? { metrics: { prometheus: { bindAddress: metricsAddress } } } : {}),
      },
    });
  if (!opts.metricsAddress) {
    install();
    return {};
  }
  try {
    install(opts.metricsAddress);
    return { metricsAddress: opts.metricsAddress };
  } catch (e) {
    // Another worker on this machine has the port: run without the SDK's metrics rather than not at all.
    logger.warn(
      { component: 'temporal', err: e, bindAddress: opts.metricsAddress },
      'the SDK metrics endpoint could not start (set CARE_REVIEWS_SDK_METRICS_ADDRESS to a free host:port, or off); running without it',
    );
    install();
    return {};
  }
}

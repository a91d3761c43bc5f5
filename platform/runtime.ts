import { DefaultLogger, LogEntry, LogLevel, Runtime } from '@temporalio/worker';

/**
 * One logger for the SDK and its native core (forwarded, so nothing bypasses it). The SDK logs
 * every bundling step at INFO; operators need its warnings and errors only. `sink` sees every
 * entry at `level` and above (tests use it to prove no child's details reach the logs).
 */
export function installQuietRuntime(level: LogLevel = 'WARN', sink?: (entry: LogEntry) => void): void {
  Runtime.install({
    logger: new DefaultLogger(level, sink),
    telemetryOptions: { logging: { filter: { core: level, other: level }, forward: {} } },
  });
}

import { DefaultLogger, Runtime } from '@temporalio/worker';

/** The SDK logs every bundling step at INFO; operators need its warnings and errors only. */
export function installQuietRuntime(level: 'WARN' | 'ERROR' = 'WARN'): void {
  Runtime.install({ logger: new DefaultLogger(level) });
}

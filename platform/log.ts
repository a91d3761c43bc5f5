/**
 * One logger for the whole process (pino): JSON lines on stdout, or short human lines when stdout is
 * a terminal (no pino-pretty needed). LOG_LEVEL sets the level (default info; silent under jest
 * unless LOG_LEVEL is set, so test output stays readable). LOG_FORMAT=json forces JSON on a terminal.
 *
 * Nothing personal may reach a log line: ids are fine, a child's name, date of birth or address
 * never. Request and response objects are never logged whole (the request logger picks its
 * fields), and the keys below are redacted wherever they appear, as a second line of defence.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { Writable } from 'node:stream';
import pino, { DestinationStream, Logger, LoggerOptions } from 'pino';
import type { LogLevel, LogMetadata, Logger as TemporalLogger } from '@temporalio/common';

export type { Logger } from 'pino';

/** Keys whose values never reach a log line, at the top level or one or two levels down. */
const SECRET_KEYS = [
  'authorization',
  'cookie',
  'set-cookie',
  'token',
  'accessToken',
  'idToken',
  'password',
  'secret',
  'apiKey',
  'body',
  'subject',
  'text',
  'childName',
  'firstName',
  'lastName',
  'dateOfBirth',
  'dob',
  'address',
  'postcode',
];
export const REDACT_PATHS = SECRET_KEYS.flatMap((k) => {
  const key = /^[A-Za-z_$][\w$]*$/.test(k) ? k : `["${k}"]`;
  const dot = key.startsWith('[') ? '' : '.';
  return [key, `*${dot}${key}`, `*.*${dot}${key}`];
});

const LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

export function logLevel(env: NodeJS.ProcessEnv = process.env): string {
  const v = env.LOG_LEVEL?.trim().toLowerCase();
  if (v) {
    if (!LEVELS.has(v)) throw new Error(`LOG_LEVEL must be one of ${[...LEVELS].join(', ')}, got "${env.LOG_LEVEL}"`);
    return v;
  }
  // Silent inside jest's own workers only: a process a test spawns inherits JEST_WORKER_ID but is
  // not run by jest, and its start-up lines are what the test waits for.
  return env.JEST_WORKER_ID && process.argv.some((a) => /[\\/]jest([\\/.-]|$)/.test(a)) ? 'silent' : 'info';
}

/**
 * The request being served (api/middleware/request-log.ts runs each request inside it): every line
 * logged while serving it, by any module, carries its requestId.
 */
export const requestContext = new AsyncLocalStorage<{ requestId: string }>();

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    // A line that names its request itself (the access line, logged after the request's context) keeps its own.
    mixin: (line) => {
      const requestId = requestContext.getStore()?.requestId;
      return requestId && !('requestId' in line) ? { requestId } : {};
    },
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: { err: pino.stdSerializers.err },
  };
}

/**
 * A logger writing to `destination` (tests pass a stream and read the lines back). Stdout is written
 * synchronously: a line said just before process.exit (a failed start, a crash) is never lost.
 */
export function createLogger(opts: { level?: string; destination?: DestinationStream } = {}): Logger {
  const level = opts.level ?? logLevel();
  const pretty = !opts.destination && process.stdout.isTTY && process.env.LOG_FORMAT !== 'json';
  return pino(loggerOptions(level), opts.destination ?? (pretty ? humanLines() : pino.destination({ dest: 1, sync: true })));
}

const LEVEL_NAMES: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

/** `12:01:02 INFO  message  key=value …` for a person at a terminal (the JSON, reformatted). */
export function humanLine(json: string): string {
  try {
    const { time, level, msg, pid: _pid, hostname: _h, err, ...rest } = JSON.parse(json) as Record<string, unknown>;
    const at = typeof time === 'string' ? time.slice(11, 19) : '';
    const extra = Object.entries(rest)
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(' ');
    const stack = err && typeof err === 'object' ? `\n${String((err as { stack?: unknown }).stack ?? JSON.stringify(err))}` : '';
    return `${at} ${(LEVEL_NAMES[Number(level)] ?? String(level)).padEnd(5)} ${String(msg ?? '')}${extra ? `  ${extra}` : ''}${stack}\n`;
  } catch {
    return json;
  }
}

function humanLines(): Writable {
  return new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) process.stdout.write(humanLine(line));
      done();
    },
  });
}

/** The process's logger (made at import: a bad LOG_LEVEL is said on its first line, not thrown from an import). */
export const logger: Logger = (() => {
  try {
    return createLogger();
  } catch (e) {
    const l = createLogger({ level: 'info' });
    l.warn(`${(e as Error).message}; logging at info`);
    return l;
  }
})();

const TEMPORAL_LEVELS: LogLevel[] = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'];
const PINO_METHOD = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const;

/**
 * The Temporal SDK's Logger over pino: entries below `level` are dropped (the SDK is chatty at INFO),
 * the rest go to `log` with the SDK's metadata (workflow and activity ids, never payloads).
 */
export class PinoTemporalLogger implements TemporalLogger {
  private readonly min: number;
  constructor(
    private readonly out: Logger,
    level: LogLevel = 'WARN',
  ) {
    this.min = TEMPORAL_LEVELS.indexOf(level);
  }
  log(level: LogLevel, message: string, meta?: LogMetadata): void {
    if (TEMPORAL_LEVELS.indexOf(level) < this.min) return;
    this.out[PINO_METHOD[level]]({ ...meta }, message);
  }
  trace(message: string, meta?: LogMetadata) {
    this.log('TRACE', message, meta);
  }
  debug(message: string, meta?: LogMetadata) {
    this.log('DEBUG', message, meta);
  }
  info(message: string, meta?: LogMetadata) {
    this.log('INFO', message, meta);
  }
  warn(message: string, meta?: LogMetadata) {
    this.log('WARN', message, meta);
  }
  error(message: string, meta?: LogMetadata) {
    this.log('ERROR', message, meta);
  }
}

/**
 * The one typed configuration, read from the environment once.
 */
import { join, resolve } from 'node:path';
import { APP_ROOT } from './paths';

export interface Config {
  /** Set: use that Temporal server and start none (production). Unset: embedded dev server. */
  temporalAddress?: string;
  namespace: string;
  taskQueue: string;
  port: number;
  host: string;
  dataDir: string;
  storePath: string;
  /** The statutory record (docs/record.md): in PostgreSQL when DATABASE_URL is set, otherwise its own SQLite file. */
  record: RecordSettings;
  /**
   * `retentionDays`: how long the dev server's namespace keeps a closed workflow's history (docs/retention.md).
   * `dieWithOwner`: CARE_REVIEWS_DEV_SERVER_DIES_WITH_OWNER=off keeps the server running after a kill -9 of
   * care-reviews (the crash tests use it to leave a real orphan for the next start to stop).
   */
  devServer: { port: number; uiPort: number; dbFile: string; retentionDays: number; dieWithOwner: boolean };
  /** NODE_ENV=production: keys must be given explicitly and may not be the published examples. */
  production: boolean;
  http: HttpSettings;
  mail: MailSettings;
  web: WebSettings;
}

export interface RecordSettings {
  /** DATABASE_URL (postgres:// or postgresql://); never logged with its password. */
  databaseUrl?: string;
  /** CARE_REVIEWS_RECORD: the SQLite file when there is no DATABASE_URL (default <data>/record.sqlite). */
  path: string;
}

/** The screens' sign-in: sessions, and in production the authority's identity provider. */
export interface WebSettings {
  /** CARE_REVIEWS_SESSION_IDLE_MINUTES: signed out after this many minutes without a request (default 30). */
  idleMinutes: number;
  /** CARE_REVIEWS_OIDC_ISSUER, _CLIENT_ID, _CLIENT_SECRET: OpenID Connect, authorization code with PKCE. */
  oidc?: { issuer: string; clientId: string; clientSecret: string };
  /** CARE_REVIEWS_PUBLIC_URL (as mail's): the OIDC redirect URI is `${publicUrl}/sign-in/callback`. */
  publicUrl?: string;
}

/** How emails leave: SMTP, GOV.UK Notify, or (neither set) .eml files under the data folder. */
export interface MailSettings {
  /** CARE_REVIEWS_DIRECTORY: the directory file loaded at start. */
  directoryPath?: string;
  /** The sender (SMTP and .eml); its domain ends every Message-ID. */
  from: string;
  smtpUrl?: string;
  notify?: NotifySettings;
  /** Where the embedded default writes .eml files. */
  emlDir: string;
  /** CARE_REVIEWS_PUBLIC_URL: where people open the service; emails link to each case's page under it. */
  publicUrl: string;
}

export interface NotifySettings {
  apiKey: string;
  /** Another Notify API (a test's fake); default the live one. */
  baseUrl?: string;
  /** The email template every notification uses: subject ((subject)), body ((body)). */
  templateId: string;
  /** Templates of their own for some kinds of notification (kind -> template id). */
  templates: Record<string, string>;
  replyToId?: string;
}

export interface HttpSettings {
  /** Origins allowed to call the API from a browser; none by default (CORS closed). */
  corsOrigins: string[];
  /** Origins of the Temporal Web UI, allowed to call the codec endpoint with credentials. */
  codecOrigins: string[];
  /** Requests per minute per client address before 429. */
  rateLimitPerMinute: number;
  /** Largest JSON body accepted. */
  bodyLimit: string;
  /** Number of reverse proxies in front (for the client address the rate limit uses). */
  trustProxy: number;
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function count(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be a whole number from ${min} to ${max}, got "${value}"`);
  return n;
}

function int(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`${name} must be a port number (1-65535), got "${value}"`);
  return n;
}

function onOff(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  if (value === 'on' || value === 'off') return value === 'on';
  throw new Error(`${name} must be on or off, got "${value}"`);
}

const TEMPLATE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function notifySettings(env: NodeJS.ProcessEnv): NotifySettings | undefined {
  const apiKey = env.CARE_REVIEWS_NOTIFY_API_KEY;
  if (!apiKey) return undefined;
  if (apiKey.length < 74) throw new Error('CARE_REVIEWS_NOTIFY_API_KEY must be a whole GOV.UK Notify API key (name-serviceid-secret)');
  const templateId = env.CARE_REVIEWS_NOTIFY_TEMPLATE_ID ?? '';
  if (!TEMPLATE_ID.test(templateId))
    throw new Error('CARE_REVIEWS_NOTIFY_TEMPLATE_ID must be the id of a Notify email template (with ((subject)) and ((body)))');
  const templates: Record<string, string> = {};
  for (const pair of list(env.CARE_REVIEWS_NOTIFY_TEMPLATES)) {
    const [kind, id] = pair.split('=').map((s) => s.trim());
    if (!kind || !TEMPLATE_ID.test(id ?? ''))
      throw new Error(`CARE_REVIEWS_NOTIFY_TEMPLATES must be kind=template-id pairs separated by commas, got "${pair}"`);
    templates[kind] = id;
  }
  const baseUrl = env.CARE_REVIEWS_NOTIFY_BASE_URL || undefined;
  if (baseUrl && !/^https?:\/\/[^\s/]+/.test(baseUrl))
    throw new Error(`CARE_REVIEWS_NOTIFY_BASE_URL must be an http(s) URL, got "${baseUrl}"`);
  return { apiKey, templateId, templates, baseUrl, replyToId: env.CARE_REVIEWS_NOTIFY_REPLY_TO_ID || undefined };
}

/** Only the scheme is ever repeated back: the rest of the URL may hold a password. */
function recordSettings(env: NodeJS.ProcessEnv, dataDir: string): RecordSettings {
  const path = env.CARE_REVIEWS_RECORD ? resolve(env.CARE_REVIEWS_RECORD) : join(dataDir, 'record.sqlite');
  const databaseUrl = env.DATABASE_URL || undefined;
  if (!databaseUrl) return { path };
  let url: URL | undefined;
  try {
    url = new URL(databaseUrl);
  } catch {
    url = undefined;
  }
  if (!url || !['postgres:', 'postgresql:'].includes(url.protocol) || !(url.hostname || url.searchParams.get('host')))
    throw new Error(
      `DATABASE_URL must be a postgres:// or postgresql:// URL with a host, such as postgresql://care:secret@db.internal:5432/care_reviews` +
        (url ? ` (got a ${url.protocol}// URL)` : ' (got something that is not a URL)'),
    );
  return { databaseUrl, path };
}

function mailSettings(env: NodeJS.ProcessEnv, dataDir: string, port: number): MailSettings {
  const smtpUrl = env.CARE_REVIEWS_SMTP_URL || undefined;
  if (smtpUrl && !/^smtps?:\/\/[^\s/]+/.test(smtpUrl))
    throw new Error('CARE_REVIEWS_SMTP_URL must be smtp://host:port or smtps://user:pass@host:port');
  const notify = notifySettings(env);
  if (smtpUrl && notify) throw new Error('set CARE_REVIEWS_SMTP_URL or CARE_REVIEWS_NOTIFY_API_KEY, not both');
  const from = env.CARE_REVIEWS_MAIL_FROM || 'care-reviews@localhost';
  if (!/^[^\s@<>]+@[^\s@<>]+$/.test(from)) throw new Error(`CARE_REVIEWS_MAIL_FROM must be an email address, got "${from}"`);
  const publicUrl = (env.CARE_REVIEWS_PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(publicUrl))
    throw new Error(
      `CARE_REVIEWS_PUBLIC_URL must be an http(s) URL such as https://care-reviews.council.example.gov.uk, got "${publicUrl}"`,
    );
  return {
    publicUrl,
    directoryPath: env.CARE_REVIEWS_DIRECTORY ? resolve(env.CARE_REVIEWS_DIRECTORY) : undefined,
    from,
    smtpUrl,
    notify,
    emlDir: join(dataDir, 'mail'),
  };
}

function webSettings(env: NodeJS.ProcessEnv): WebSettings {
  const idleMinutes = count('CARE_REVIEWS_SESSION_IDLE_MINUTES', env.CARE_REVIEWS_SESSION_IDLE_MINUTES, 30, 1, 24 * 60);
  const issuer = env.CARE_REVIEWS_OIDC_ISSUER || undefined;
  if (!issuer) return { idleMinutes };
  if (!/^https?:\/\/[^\s/]+/.test(issuer))
    throw new Error(`CARE_REVIEWS_OIDC_ISSUER must be the identity provider's issuer URL, got "${issuer}"`);
  const clientId = env.CARE_REVIEWS_OIDC_CLIENT_ID ?? '';
  const clientSecret = env.CARE_REVIEWS_OIDC_CLIENT_SECRET ?? '';
  if (!clientId || !clientSecret)
    throw new Error('CARE_REVIEWS_OIDC_CLIENT_ID and CARE_REVIEWS_OIDC_CLIENT_SECRET are needed with CARE_REVIEWS_OIDC_ISSUER');
  return { idleMinutes, oidc: { issuer, clientId, clientSecret } };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = resolve(env.CARE_REVIEWS_DATA_DIR || join(APP_ROOT, '.data'));
  const temporalPort = int('TEMPORAL_PORT', env.TEMPORAL_PORT, 7233);
  const uiPort = int('TEMPORAL_UI_PORT', env.TEMPORAL_UI_PORT, temporalPort + 1000);
  const production = env.NODE_ENV === 'production';
  const mail = mailSettings(env, dataDir, int('PORT', env.PORT, 3000));
  return {
    temporalAddress: env.TEMPORAL_ADDRESS || undefined,
    namespace: env.TEMPORAL_NAMESPACE || 'default',
    taskQueue: env.CARE_REVIEWS_TASK_QUEUE || 'care-reviews',
    port: int('PORT', env.PORT, 3000),
    host: env.HOST || '127.0.0.1',
    dataDir,
    storePath: env.CARE_REVIEWS_STORE || join(dataDir, 'care-reviews.sqlite'),
    record: recordSettings(env, dataDir),
    devServer: {
      port: temporalPort,
      uiPort,
      dbFile: join(dataDir, 'temporal.sqlite'),
      retentionDays: count('CARE_REVIEWS_TEMPORAL_RETENTION_DAYS', env.CARE_REVIEWS_TEMPORAL_RETENTION_DAYS, 30, 1, 3650),
      dieWithOwner: onOff('CARE_REVIEWS_DEV_SERVER_DIES_WITH_OWNER', env.CARE_REVIEWS_DEV_SERVER_DIES_WITH_OWNER, true),
    },
    production,
    http: {
      corsOrigins: list(env.CARE_REVIEWS_CORS_ORIGINS),
      codecOrigins:
        env.CARE_REVIEWS_CODEC_ORIGINS !== undefined
          ? list(env.CARE_REVIEWS_CODEC_ORIGINS)
          : production
            ? []
            : [`http://localhost:${uiPort}`, `http://127.0.0.1:${uiPort}`],
      rateLimitPerMinute: count('CARE_REVIEWS_RATE_LIMIT', env.CARE_REVIEWS_RATE_LIMIT, 600, 1, 1_000_000),
      bodyLimit: '100kb',
      trustProxy: count('CARE_REVIEWS_TRUST_PROXY', env.CARE_REVIEWS_TRUST_PROXY, 0, 0, 10),
    },
    mail,
    web: { ...webSettings(env), publicUrl: mail.publicUrl },
  };
}

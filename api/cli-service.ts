/**
 * The CLI commands that act on running cases (the go-live import, reconciling the record) go
 * through the running service's API, with a token from CARE_REVIEWS_TOKEN: they use its Temporal
 * connection and keys, and are allowed and audited like any request.
 */
import { loadConfig } from '../platform/config';
import { InputError } from './input-error';

export interface ServiceCall {
  url: string;
  token: string;
}

/** The service's address (`--url`, else this machine's configured host and port) and the caller's token. */
export function serviceCall(flags: Record<string, string | true>, env: NodeJS.ProcessEnv, roles: string): ServiceCall {
  const token = env.CARE_REVIEWS_TOKEN;
  if (!token)
    throw new InputError(
      'token',
      `token: set CARE_REVIEWS_TOKEN to a token with the ${roles} role (npx care-reviews token ..., or from the identity provider)`,
    );
  const config = loadConfig(env);
  const url = (typeof flags.url === 'string' ? flags.url : `http://${config.host}:${config.port}`).replace(/\/$/, '');
  return { url, token };
}

/** POSTs JSON; a refusal is an InputError with the service's own message (the CLI prints it and exits non-zero). */
export async function postJson<T>(call: ServiceCall, path: string, body: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${call.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${call.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch (e) {
    throw new InputError(
      'url',
      `url: cannot reach care-reviews at ${call.url} (${(e as Error).message}); is it running (npm start)? --url names it`,
    );
  }
  const answer = (await res.json().catch(() => ({}))) as T & { error?: { message: string } };
  if (!res.ok) throw new InputError('service', `${res.status} ${answer.error?.message ?? res.statusText}`);
  return answer;
}

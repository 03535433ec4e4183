/**
 * The relay as an Azure Static Web Apps managed function (Azure Functions v4, registered in api/src/index.mjs).
 * Same origin as the app, so no CORS. The platform replaces `Authorization` with its own token on the way
 * in (Azure/static-web-apps #34, #158, #275), so the caller's token is read from X-Scoreline-Authorization only.
 * Kept free of `@azure/functions` itself, so the app's tests call it with a request shaped like the platform's.
 */
import { createRelayHandler } from './handler.mjs';
import { readRelaySettings } from './settings.mjs';

/** The function's route below `/api`: the app's `relayUrl` is `/api/relay`. */
export const SWA_ROUTE = 'relay/{*path}';

/**
 * What the function reads of the platform's HttpRequest.
 * @typedef {{ method: string, headers: Headers, query: URLSearchParams, params: Record<string, string | undefined> }} FunctionRequest
 */
/** @typedef {{ status: number, headers: Record<string, string>, body: Uint8Array }} FunctionResponse */
/** @typedef {{ log: (...args: unknown[]) => void, error: (...args: unknown[]) => void }} FunctionContext */

/**
 * @param {Record<string, string | undefined>} env the function app's settings
 * @param {import('./handler.mjs').RelayDependencies} [dependencies]
 * @returns {(request: FunctionRequest, context: FunctionContext) => Promise<FunctionResponse>}
 */
export function createSwaRelayFunction(env, dependencies = {}) {
  const read = readRelaySettings(env, { acceptAuthorizationHeader: false });

  return async (request, context) => {
    if (!read.ok) {
      context.error(`Scoreline relay is not set up: ${read.problems.join(' ')}`);
      const body = JSON.stringify({ error: { code: 'RelayNotConfigured', message: 'The relay is not set up; its log says what to fix.' } });
      return { status: 500, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }, body: new TextEncoder().encode(body) };
    }
    // One handler per invocation, so each log line goes to the invocation it belongs to.
    const relay = createRelayHandler(read.settings, {
      ...dependencies,
      log: (entry) => {
        context.log(`${entry.method} ${entry.endpoint ?? '(refused)'} → ${entry.status} ${entry.outcome} (${entry.ms} ms)`);
        dependencies.log?.(entry);
      },
    });
    const answer = await relay({
      method: request.method,
      path: `/${request.params.path ?? ''}`,
      query: request.query,
      header: (name) => request.headers.get(name) ?? undefined,
    });
    return { status: answer.status, headers: answer.headers, body: answer.body };
  };
}

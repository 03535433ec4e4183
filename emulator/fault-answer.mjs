/** Plays a queued fault out on a response: slow, dropped, malformed or an error answer. */
import { mergeHeaders, sendText, wait } from './http-utils.mjs';

/** @typedef {import('./state.mjs').Fault} Fault */

/**
 * What an endpoint answers for a fault that sets a status, body or error.
 * @typedef {object} FaultAnswer
 * @property {(fault: Fault, status: number) => unknown} defaultBody the endpoint's own error shape
 * @property {(status: number) => Record<string, string>} [defaultHeaders] e.g. Retry-After on 429
 * @property {string} [malformedBody] a truncated JSON text in the endpoint's shape
 * @property {(fault: Fault) => number} [custom] answers fully itself (authorize redirects); returns the status
 */

const JSON_TYPE = { 'Content-Type': 'application/json; charset=utf-8' };
const TEXT_TYPE = { 'Content-Type': 'text/plain; charset=utf-8' };

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {Fault} fault
 * @param {FaultAnswer} answer
 * @param {Set<() => void>} pendingWaits
 * @returns {Promise<{ answered: false } | { answered: true, status: number }>}
 *   `answered: false` means a delay-only fault: the caller now answers normally.
 *   status 0 means no answer was sent (dropped, or the client gave up while waiting).
 */
export async function playFault(req, res, fault, answer, pendingWaits) {
  if (fault.delayMs) await wait(fault.delayMs, pendingWaits);
  if (res.destroyed || req.socket.destroyed) return { answered: true, status: 0 };

  if (fault.drop) {
    dropConnection(req.socket);
    return { answered: true, status: 0 };
  }
  if (fault.malformed) {
    const status = fault.status ?? 200;
    sendText(res, status, answer.malformedBody ?? '{"', mergeHeaders(JSON_TYPE, fault.headers ?? {}));
    return { answered: true, status };
  }
  const saysSomething = fault.status !== undefined || fault.error !== undefined || fault.body !== undefined;
  if (!saysSomething) return { answered: false };
  if (answer.custom) return { answered: true, status: answer.custom(fault) };

  // A body alone means "answer 200 with this": well-formed JSON of the wrong shape, say.
  const status = fault.status ?? (fault.body !== undefined ? 200 : 400);
  const isRawText = typeof fault.body === 'string';
  const defaults = { ...(isRawText ? TEXT_TYPE : JSON_TYPE), ...answer.defaultHeaders?.(status) };
  const text = isRawText ? /** @type {string} */ (fault.body) : JSON.stringify(fault.body !== undefined ? fault.body : answer.defaultBody(fault, status));
  sendText(res, status, text, mergeHeaders(defaults, fault.headers ?? {}));
  return { answered: true, status };
}

/**
 * Ends the connection with no usable answer. A few bytes of a status line go first: browsers
 * silently retry a request whose reused keep-alive connection closes before any byte arrives,
 * which would turn the drop into a normal answer; a truncated response is a network error instead.
 * @param {import('node:net').Socket} socket
 */
function dropConnection(socket) {
  socket.end('HTTP/1.1 ');
  socket.destroySoon();
}

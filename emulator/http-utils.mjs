/** Small helpers for answering HTTP requests with node:http; no routing, no emulator rules. */
import { randomUUID } from 'node:crypto';

/** Bodies above this are refused: the emulator only ever receives small forms and JSON. */
const MAX_BODY_BYTES = 1024 * 1024;

export class BodyTooLargeError extends Error {}

/**
 * Reads the whole request body as text.
 * @param {import('node:http').IncomingMessage} req
 * @returns {Promise<string>}
 */
export function readBody(req) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        // Keep draining (and discarding) so the 413 answer can still reach the client.
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLargeError('request body too large'));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Parses a JSON body without throwing.
 * @param {string} text
 * @returns {{ ok: true, value: unknown } | { ok: false }}
 */
export function parseJsonSafely(text) {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/**
 * An `application/x-www-form-urlencoded` body as a plain object (last value wins).
 * @param {string} text
 * @returns {Record<string, string>}
 */
export function parseForm(text) {
  return Object.fromEntries(new URLSearchParams(text));
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {unknown} body
 * @param {Record<string, string>} [headers]
 */
export function sendJson(res, status, body, headers = {}) {
  sendText(res, status, JSON.stringify(body), mergeHeaders({ 'Content-Type': 'application/json; charset=utf-8' }, headers));
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {string} html
 * @param {Record<string, string>} [headers]
 */
export function sendHtml(res, status, html, headers = {}) {
  const pageHeaders = {
    'Content-Type': 'text/html; charset=utf-8',
    // The pages only need their own inline styles; forms may redirect anywhere, so form-action stays open.
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'",
    'X-Content-Type-Options': 'nosniff',
  };
  sendText(res, status, html, mergeHeaders(pageHeaders, headers));
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {string} text
 * @param {Record<string, string>} [headers]
 */
export function sendText(res, status, text, headers = {}) {
  if (res.headersSent || res.destroyed) return;
  const merged = mergeHeaders({ 'Content-Type': 'text/plain; charset=utf-8' }, headers);
  res.writeHead(status, mergeHeaders(merged, { 'Content-Length': String(Buffer.byteLength(text)) }));
  res.end(text);
}

/**
 * Header maps merged case-insensitively: a name in `extra` replaces any spelling of it in `base`,
 * and a null value removes it.
 * @param {Record<string, string>} base
 * @param {Record<string, string | null>} extra
 * @returns {Record<string, string>}
 */
export function mergeHeaders(base, extra) {
  /** @type {Record<string, string>} */
  const merged = { ...base };
  for (const [name, value] of Object.entries(extra)) {
    for (const existing of Object.keys(merged)) if (existing.toLowerCase() === name.toLowerCase()) delete merged[existing];
    if (value !== null) merged[name] = value;
  }
  return merged;
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {string} location
 * @param {Record<string, string | string[]>} [headers]
 */
export function redirect(res, location, headers = {}) {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(302, { Location: location, 'Content-Length': 0, ...headers });
  res.end();
}

/**
 * Escapes text for HTML element content and double-quoted attribute values.
 * @param {string} text
 */
export function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/**
 * Cookie header → name/value pairs.
 * @param {import('node:http').IncomingMessage} req
 * @returns {Record<string, string>}
 */
export function readCookies(req) {
  /** @type {Record<string, string>} */
  const cookies = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    const name = part.slice(0, at).trim();
    const value = part.slice(at + 1).trim();
    if (name) cookies[name] = decodeURIComponentSafely(value);
  }
  return cookies;
}

/** @param {string} text */
function decodeURIComponentSafely(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A fresh GUID-shaped id (trace ids, error targets). */
export function newId() {
  return randomUUID();
}

/**
 * Resolves after `ms`, or at once when the emulator closes (so a slow fault never holds it open).
 * @param {number} ms
 * @param {Set<() => void>} pendingWaits cleared by `close()`
 * @returns {Promise<void>}
 */
export function wait(ms, pendingWaits) {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      pendingWaits.delete(done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    pendingWaits.add(done);
  });
}

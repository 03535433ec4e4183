/**
 * CORS as Microsoft Graph answers it: any origin (`*`, so no credentials), the headers a client needs to read
 * exposed (Retry-After, request-id, ETag, Location…), and a preflight that allows what the page asks for.
 */

/** Graph's methods, and the response headers it lets a page read. */
export const GRAPH_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
export const GRAPH_EXPOSED_HEADERS = ['ETag', 'Location', 'Preference-Applied', 'Content-Range', 'request-id', 'client-request-id', 'ReadWriteConsistencyToken', 'SdkVersion', 'WWW-Authenticate', 'Retry-After'];

/** A request header name, so a preflight's list is echoed only when it is a plain list of names. */
const HEADER_LIST = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+(\s*,\s*[A-Za-z0-9!#$%&'*+.^_`|~-]+)*$/;

/** @param {import('node:http').ServerResponse} res */
export function applyGraphCors(res) {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Expose-Headers', GRAPH_EXPOSED_HEADERS.join(', '));
}

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
export function answerGraphPreflight(req, res) {
  applyGraphCors(res);
  const asked = req.headers['access-control-request-headers'];
  const allowHeaders = typeof asked === 'string' && HEADER_LIST.test(asked) ? asked : 'Authorization, Content-Type, Accept';
  res.writeHead(200, {
    'Access-Control-Allow-Methods': GRAPH_METHODS.join(', '),
    'Access-Control-Allow-Headers': allowHeaders,
    'Access-Control-Max-Age': '3600',
    'Content-Length': 0,
  });
  res.end();
}

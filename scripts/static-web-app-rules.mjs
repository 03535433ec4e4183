/**
 * What Azure Static Web Apps answers for a path, given a `staticwebapp.config.json`: the subset of its
 * rules our generated file uses (global headers, routes with headers, the navigation fallback, MIME
 * types). Anything else in the file is refused, so a test server never quietly serves what Azure would not.
 */

/**
 * @typedef {object} StaticWebAppRoute
 * @property {string} route
 * @property {Record<string, string>} [headers]
 */

/**
 * @typedef {object} StaticWebAppConfig
 * @property {Record<string, string>} globalHeaders
 * @property {StaticWebAppRoute[]} routes
 * @property {{ rewrite: string, exclude: string[] } | undefined} navigationFallback
 * @property {Record<string, string>} mimeTypes
 */

/**
 * @typedef {object} StaticWebAppAnswer
 * @property {200 | 404} status
 * @property {string | undefined} file the file to send, relative to the site root (no leading slash)
 * @property {Record<string, string>} headers
 * @property {string | undefined} contentType from `mimeTypes`, when the file's extension is listed there
 */

const KNOWN_KEYS = new Set(['globalHeaders', 'routes', 'navigationFallback', 'mimeTypes']);
const KNOWN_ROUTE_KEYS = new Set(['route', 'headers']);

/**
 * Checks the parsed file and refuses rules this module does not implement.
 * @param {unknown} json
 * @returns {StaticWebAppConfig}
 */
export function readStaticWebAppConfig(json) {
  if (!isRecord(json)) throw new Error('staticwebapp.config.json is not a JSON object.');
  for (const key of Object.keys(json)) if (!KNOWN_KEYS.has(key)) throw new Error(`staticwebapp.config.json: "${key}" is not implemented here.`);
  const routes = json.routes ?? [];
  if (!Array.isArray(routes)) throw new Error('staticwebapp.config.json: routes must be an array.');
  for (const route of routes) {
    if (!isRecord(route) || typeof route.route !== 'string') throw new Error('staticwebapp.config.json: every route needs a "route" string.');
    for (const key of Object.keys(route)) if (!KNOWN_ROUTE_KEYS.has(key)) throw new Error(`staticwebapp.config.json: route "${route.route}": "${key}" is not implemented here.`);
  }
  const fallback = json.navigationFallback;
  if (fallback !== undefined && !(isRecord(fallback) && typeof fallback.rewrite === 'string')) {
    throw new Error('staticwebapp.config.json: navigationFallback needs a "rewrite" path.');
  }
  return {
    globalHeaders: /** @type {Record<string, string>} */ (json.globalHeaders ?? {}),
    routes: /** @type {StaticWebAppRoute[]} */ (routes),
    navigationFallback: fallback ? { rewrite: /** @type {string} */ (fallback.rewrite), exclude: /** @type {string[]} */ (fallback.exclude ?? []) } : undefined,
    mimeTypes: /** @type {Record<string, string>} */ (json.mimeTypes ?? {}),
  };
}

/**
 * @param {StaticWebAppConfig} config
 * @param {string} path the request's decoded path, e.g. `/redirect.html`
 * @param {(file: string) => boolean} isFile whether a file exists at a root-relative path
 * @returns {StaticWebAppAnswer}
 */
export function answerFor(config, path, isFile) {
  const requested = (path.endsWith('/') ? `${path}index.html` : path).replace(/^\/+/, '');
  // The first matching route wins; its headers replace global ones of the same name, and "" removes one.
  const route = config.routes.find((candidate) => globMatches(candidate.route, path));
  const headers = mergeHeaders(config.globalHeaders, route?.headers ?? {});

  /** @param {string} file @returns {StaticWebAppAnswer} */
  const serve = (file) => ({ status: 200, file, headers, contentType: config.mimeTypes[extensionOf(file)] });
  if (requested !== '' && isFile(requested)) return serve(requested);
  const fallback = config.navigationFallback;
  if (fallback && !fallback.exclude.some((pattern) => globMatches(pattern, path))) {
    const rewrite = fallback.rewrite.replace(/^\/+/, '');
    if (isFile(rewrite)) return serve(rewrite);
  }
  return { status: 404, file: undefined, headers, contentType: undefined };
}

/**
 * A route or exclude pattern against a path, as Static Web Apps matches them: case-insensitive, `*`
 * for any run of characters, `{a,b}` for alternatives.
 * @param {string} pattern
 * @param {string} path
 */
export function globMatches(pattern, path) {
  let source = '';
  for (const part of pattern.split(/(\*|\{[^}]*\})/)) {
    if (part === '*') source += '.*';
    else if (part.startsWith('{') && part.endsWith('}')) source += `(?:${part.slice(1, -1).split(',').map(escapeRegExp).join('|')})`;
    else source += escapeRegExp(part);
  }
  return new RegExp(`^${source}$`, 'i').test(path);
}

/**
 * @param {Record<string, string>} base
 * @param {Record<string, string>} extra
 */
function mergeHeaders(base, extra) {
  /** @type {Map<string, [string, string]>} lower-case name → [name, value] */
  const merged = new Map();
  for (const [name, value] of [...Object.entries(base), ...Object.entries(extra)]) merged.set(name.toLowerCase(), [name, value]);
  return Object.fromEntries([...merged.values()].filter(([, value]) => value !== ''));
}

/** @param {string} file */
function extensionOf(file) {
  const name = file.split('/').pop() ?? '';
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot).toLowerCase();
}

/** @param {string} text */
function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** @param {unknown} value @returns {value is Record<string, unknown>} */
function isRecord(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

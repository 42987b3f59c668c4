// Path and method -> what serves the request (docs/HTTP.md, "Routes"), the
// first check of every request: 404 and 405 come before auth, so an unknown
// route never reveals whether a key is valid.
import { jsonResponse, methodNotAllowed, unknownPath } from './http.js';

const API_PREFIX = '/v1/';

// Public GET paths of the shell itself, by the `route` label metrics use.
const SHELL_PATHS = new Map([
  ['/v1/health', 'health'],
  ['/metrics', 'metrics'],
]);

const PCS_SUBMIT = 'pcs/submit';

function isGet(method) {
  return method === 'GET' || method === 'HEAD';
}

// -> {route, kind: 'health' | 'metrics' | 'pcs_submit' | 'dispatch'} for a
// request to serve, or {route, response} when the path or method is wrong.
// `route` is the metrics label: the core route, `health`, `metrics`, or
// `unknown`.
export function route(method, path, core) {
  const shellRoute = SHELL_PATHS.get(path);
  if (shellRoute !== undefined) {
    if (isGet(method)) return { route: shellRoute, kind: shellRoute };
    return { route: shellRoute, response: methodNotAllowed(method, path, 'GET') };
  }
  if (!path.startsWith(API_PREFIX)) return { route: 'unknown', response: unknownPath(path) };

  const name = path.slice(API_PREFIX.length);
  if (name !== PCS_SUBMIT) {
    const notFound = core.unknownRoute(name);
    if (notFound !== null) {
      return { route: 'unknown', response: jsonResponse(notFound.status, notFound.body) };
    }
  }
  if (method !== 'POST') return { route: name, response: methodNotAllowed(method, path, 'POST') };
  return { route: name, kind: name === PCS_SUBMIT ? 'pcs_submit' : 'dispatch' };
}

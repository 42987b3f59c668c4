// Response helpers shared by every handler: JSON bodies, the shell's error
// bodies (docs/HTTP.md, "Errors": exact messages, the bytes the native shell
// writes too) and request ids.

export const JSON_TYPE = 'application/json';
export const BODY_LIMIT = 1_048_576;

// The shell's own errors: code -> [status, message]. The codes are the core's
// ErrorCode spellings; the messages are the contract's, never details.
const SHELL_ERRORS = {
  unauthorized: [401, 'missing or invalid credentials'],
  payload_too_large: [413, `request body over ${BODY_LIMIT} bytes`],
  rate_limited: [429, 'rate limit exceeded'],
  request_timeout: [503, 'request timed out'],
  internal_error: [500, 'internal error'],
};

export function jsonResponse(status, bodyText, headers = {}) {
  return new Response(bodyText, { status, headers: { 'Content-Type': JSON_TYPE, ...headers } });
}

// {"error":{"code","message"}}: the key order and compact layout of
// lf::api::error_body.
export function errorBody(code, message) {
  return JSON.stringify({ error: { code, message } });
}

export function shellError(code, headers = {}) {
  const [status, message] = SHELL_ERRORS[code];
  return jsonResponse(status, errorBody(code, message), headers);
}

export function unknownPath(path) {
  return jsonResponse(404, errorBody('unknown_route', `no route '${path}'`));
}

export function methodNotAllowed(method, path, allow) {
  const message = `method '${method}' not allowed on '${path}' (allow: ${allow})`;
  return jsonResponse(405, errorBody('method_not_allowed', message), { Allow: allow });
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

// The caller's X-Request-Id when it is well-formed, else a fresh one.
export function requestId(request) {
  const given = request.headers.get('X-Request-Id');
  return given !== null && REQUEST_ID.test(given) ? given : crypto.randomUUID();
}

// docs/openapi.json for the HTTP suites: the parsed document, its $ref
// resolution, a JSON Schema checker for the subset of OpenAPI 3.0 schema
// objects the document uses, and the JS package (the core's real route
// list and dispatch) the examples are checked against.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const documentPath = path.join(repoRoot, 'docs/openapi.json');
export const documentText = readFileSync(documentPath, 'utf8');
export const openapi = JSON.parse(documentText);

// The JS package (build/wasm/js-package/ unless LF_JS_PACKAGE names another).
export async function loadCore() {
  const directory = path.resolve(repoRoot, process.env.LF_JS_PACKAGE ?? 'build/wasm/js-package');
  const { createLatticeForge } = await import(pathToFileURL(path.join(directory, 'index.js')).href);
  return createLatticeForge();
}

// The core's own list of routes: dispatch answers an unknown route with
// unknown_route and names every route it has (core/src/api/dispatch.cpp).
export function coreRouteNames(core) {
  const { status, body } = core.dispatch('no/such/route', '{}');
  const { error } = JSON.parse(body);
  const listed = /\(routes: ([^)]*)\)$/.exec(error.message);
  if (status !== 404 || error.code !== 'unknown_route' || !listed) {
    throw new Error(`dispatch did not list its routes: ${status} ${body}`);
  }
  return listed[1].split(', ');
}

// The value a local reference ("#/components/schemas/Alert") points at, or
// undefined.
export function resolvePointer(reference) {
  if (!reference.startsWith('#/')) return undefined;
  let node = openapi;
  for (const raw of reference.slice(2).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = node[key];
  }
  return node;
}

export function deref(node) {
  let current = node;
  for (let hops = 0; current && current.$ref !== undefined; hops += 1) {
    if (hops > 16) throw new Error(`reference cycle at ${node.$ref}`);
    const target = resolvePointer(current.$ref);
    if (target === undefined) throw new Error(`unresolved reference ${current.$ref}`);
    current = target;
  }
  return current;
}

// Every {$ref} in the document with where it sits.
export function references(node = openapi, at = '#') {
  if (node === null || typeof node !== 'object') return [];
  const found = typeof node.$ref === 'string' ? [{ at, ref: node.$ref }] : [];
  for (const [key, value] of Object.entries(node)) found.push(...references(value, `${at}/${key}`));
  return found;
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

// [{path, method, operation}] in document order.
export function operations() {
  const out = [];
  for (const [route, item] of Object.entries(openapi.paths)) {
    for (const method of HTTP_METHODS) {
      if (item[method]) out.push({ path: route, method, operation: item[method] });
    }
  }
  return out;
}

// The operations that call a core route, in document order (the order the
// examples are replayed in: the breaker examples build on each other).
export function coreOperations() {
  return operations().filter(({ operation }) => operation['x-lf-route'] !== undefined);
}

export function requestExample(operation) {
  return operation.requestBody.content['application/json'].example;
}

// The JSON request dispatch gets for an operation's body. POST
// /v1/pcs/submit takes the raw record; the shell wraps it into the
// pcs/submit route's request for the authenticated tenant.
export function coreRequest(operation, body, { tenant = 'acme', keys, nowMs = Date.now() } = {}) {
  if (operation['x-lf-route'] !== 'pcs/submit') return body;
  return {
    body: typeof body === 'string' ? body : JSON.stringify(body),
    tenant,
    keys,
    now_ms: nowMs,
  };
}

function typeOf(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeMatches(type, value) {
  const actual = typeOf(value);
  return type === actual || (type === 'number' && actual === 'integer');
}

// The reasons `value` does not conform to `schema` (empty when it does).
// Covers the keywords the document uses: $ref, type, nullable, enum,
// properties, required, additionalProperties, items, minItems, maxItems,
// minimum, maximum, pattern, oneOf, anyOf, allOf.
export function schemaErrors(schema, value, at = '$') {
  const s = deref(schema);
  const errors = [];
  if (value === null && s.nullable === true) return [];
  if (s.type !== undefined && !typeMatches(s.type, value)) {
    return [`${at}: expected ${s.type}${s.nullable ? ' or null' : ''}, got ${typeOf(value)}`];
  }
  if (s.enum !== undefined && !s.enum.some((allowed) => allowed === value)) {
    errors.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(s.enum)}`);
  }
  if (typeof value === 'number') {
    if (s.minimum !== undefined && value < s.minimum) errors.push(`${at}: ${value} < ${s.minimum}`);
    if (s.maximum !== undefined && value > s.maximum) errors.push(`${at}: ${value} > ${s.maximum}`);
  }
  if (typeof value === 'string' && s.pattern !== undefined && !new RegExp(s.pattern).test(value)) {
    errors.push(`${at}: ${JSON.stringify(value)} does not match ${s.pattern}`);
  }
  if (Array.isArray(value)) {
    if (s.minItems !== undefined && value.length < s.minItems)
      errors.push(`${at}: fewer than ${s.minItems} items`);
    if (s.maxItems !== undefined && value.length > s.maxItems)
      errors.push(`${at}: more than ${s.maxItems} items`);
    if (s.items !== undefined)
      value.forEach((item, i) => errors.push(...schemaErrors(s.items, item, `${at}[${i}]`)));
  }
  if (typeOf(value) === 'object') {
    for (const name of s.required ?? []) {
      if (!Object.hasOwn(value, name)) errors.push(`${at}: missing required member '${name}'`);
    }
    for (const [name, member] of Object.entries(value)) {
      if (s.properties && Object.hasOwn(s.properties, name)) {
        errors.push(...schemaErrors(s.properties[name], member, `${at}.${name}`));
      } else if (s.additionalProperties === false) {
        errors.push(`${at}: unknown member '${name}'`);
      } else if (typeof s.additionalProperties === 'object') {
        errors.push(...schemaErrors(s.additionalProperties, member, `${at}.${name}`));
      }
    }
  }
  for (const part of s.allOf ?? []) errors.push(...schemaErrors(part, value, at));
  if (s.anyOf && s.anyOf.every((part) => schemaErrors(part, value, at).length > 0)) {
    errors.push(`${at}: matches none of anyOf`);
  }
  if (s.oneOf) errors.push(...errorsOfOneOf(s, value, at));
  return errors;
}

function errorsOfOneOf(s, value, at) {
  const matching = s.oneOf.filter((part) => schemaErrors(part, value, at).length === 0).length;
  if (matching === 1) return [];
  const why = s.oneOf
    .map((part) => schemaErrors(part, value, at).join('; ') || 'matches')
    .join(' | ');
  return [`${at}: matches ${matching} of oneOf, not exactly 1 (${why})`];
}

// The response schema an operation declares for a status and media type.
export function responseSchema(operation, status, mediaType = 'application/json') {
  const declared = operation.responses[String(status)];
  if (declared === undefined) return undefined;
  return deref(declared).content?.[mediaType]?.schema;
}

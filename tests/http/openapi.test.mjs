// docs/openapi.json against the OpenAPI 3.0 rules a validator checks, and
// against the core it describes: its POST paths are the core's routes (as
// dispatch lists them), its error codes the ones core/src/common/error.cpp
// spells, and its example requests the core answers as documented. No
// server needed; the JS package stands in for the core.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';

import {
  coreOperations,
  coreRequest,
  coreRouteNames,
  deref,
  documentText,
  loadCore,
  openapi,
  operations,
  references,
  repoRoot,
  requestExample,
  resolvePointer,
  responseSchema,
  schemaErrors,
} from './openapi_document.mjs';

const tenants = JSON.parse(readFileSync(path.join(repoRoot, 'tests/http/tenants.json'), 'utf8'));
const PCS_KEYS = { acme: tenants.tenants.acme.pcs_key };

const SCHEMA_KEYWORDS = new Set([
  'title',
  'multipleOf',
  'maximum',
  'exclusiveMaximum',
  'minimum',
  'exclusiveMinimum',
  'maxLength',
  'minLength',
  'pattern',
  'maxItems',
  'minItems',
  'uniqueItems',
  'maxProperties',
  'minProperties',
  'required',
  'enum',
  'type',
  'allOf',
  'oneOf',
  'anyOf',
  'not',
  'items',
  'properties',
  'additionalProperties',
  'description',
  'format',
  'default',
  'nullable',
  'discriminator',
  'readOnly',
  'writeOnly',
  'xml',
  'externalDocs',
  'example',
  'deprecated',
  '$ref',
]);
const SCHEMA_TYPES = new Set(['integer', 'number', 'string', 'boolean', 'array', 'object']);
const OPERATION_KEYS = new Set([
  'tags',
  'summary',
  'description',
  'externalDocs',
  'operationId',
  'parameters',
  'requestBody',
  'responses',
  'callbacks',
  'deprecated',
  'security',
  'servers',
]);
const PATH_ITEM_KEYS = new Set([
  '$ref',
  'summary',
  'description',
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
  'servers',
  'parameters',
]);
const isExtension = (key) => key.startsWith('x-');

// Every schema object reachable from the document, with where it sits.
function schemaObjects() {
  const found = [];
  const visit = (schema, at) => {
    if (schema === null || typeof schema !== 'object') return;
    found.push({ schema, at });
    for (const [key, value] of Object.entries(schema.properties ?? {}))
      visit(value, `${at}/properties/${key}`);
    if (schema.items) visit(schema.items, `${at}/items`);
    if (typeof schema.additionalProperties === 'object')
      visit(schema.additionalProperties, `${at}/additionalProperties`);
    for (const key of ['allOf', 'oneOf', 'anyOf'])
      (schema[key] ?? []).forEach((part, i) => visit(part, `${at}/${key}/${i}`));
    if (schema.not) visit(schema.not, `${at}/not`);
  };
  for (const [name, schema] of Object.entries(openapi.components.schemas))
    visit(schema, `#/components/schemas/${name}`);
  const visitContent = (content, at) => {
    for (const [media, object] of Object.entries(content ?? {}))
      visit(object.schema, `${at}/content/${media}/schema`);
  };
  for (const [name, header] of Object.entries(openapi.components.headers ?? {}))
    visit(header.schema, `#/components/headers/${name}`);
  for (const [name, response] of Object.entries(openapi.components.responses ?? {}))
    visitContent(response.content, `#/components/responses/${name}`);
  for (const { path: route, method, operation } of operations()) {
    const at = `${method.toUpperCase()} ${route}`;
    (operation.parameters ?? []).forEach((p, i) => visit(p.schema, `${at} parameters[${i}]`));
    visitContent(operation.requestBody?.content, `${at} request`);
    for (const [status, response] of Object.entries(operation.responses))
      visitContent(response.content, `${at} ${status}`);
  }
  return found;
}

let core;
before(async () => {
  core = await loadCore();
});

describe('the document is OpenAPI 3.0', () => {
  test('JSON, 2-space indented, with the required top-level fields', () => {
    assert.equal(documentText, `${JSON.stringify(openapi, null, 2)}\n`);
    assert.match(openapi.openapi, /^3\.0\.\d+$/);
    assert.equal(typeof openapi.info.title, 'string');
    assert.equal(openapi.info.version, core.version, "info.version is the core's version");
    assert.match(openapi.info.description, /docs\/HTTP\.md/);
    assert.match(openapi.info.description, /edge\/README\.md/);
    assert.ok(Object.keys(openapi.paths).length > 0);
    for (const key of Object.keys(openapi)) {
      const known = [
        'openapi',
        'info',
        'servers',
        'paths',
        'components',
        'security',
        'tags',
        'externalDocs',
      ];
      assert.ok(known.includes(key) || isExtension(key), `unknown top-level field ${key}`);
    }
  });

  test('servers: a URL each, every variable with a default', () => {
    assert.ok(openapi.servers.length >= 2);
    for (const server of openapi.servers) {
      assert.match(server.url, /^https?:\/\//);
      const used = [...server.url.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const name of used) assert.equal(typeof server.variables[name].default, 'string', name);
    }
  });

  test('every path is under /v1/ or is /metrics, with valid operations', () => {
    const operationIds = new Set();
    const tags = new Set(openapi.tags.map((tag) => tag.name));
    for (const [route, item] of Object.entries(openapi.paths)) {
      assert.ok(route.startsWith('/v1/') || route === '/metrics', route);
      for (const key of Object.keys(item))
        assert.ok(PATH_ITEM_KEYS.has(key) || isExtension(key), `${route}: ${key}`);
    }
    for (const { path: route, method, operation } of operations()) {
      const at = `${method.toUpperCase()} ${route}`;
      for (const key of Object.keys(operation))
        assert.ok(OPERATION_KEYS.has(key) || isExtension(key), `${at}: ${key}`);
      assert.ok(
        !operationIds.has(operation.operationId),
        `${at}: operationId ${operation.operationId} twice`,
      );
      operationIds.add(operation.operationId);
      for (const tag of operation.tags) assert.ok(tags.has(tag), `${at}: undeclared tag ${tag}`);
      const statuses = Object.keys(operation.responses);
      assert.ok(statuses.length > 0, `${at} has no responses`);
      assert.ok(statuses.includes('200'), `${at} has no 200`);
      for (const status of statuses) {
        assert.match(status, /^([1-5]\d\d|default)$/, `${at}: response key ${status}`);
        const response = deref(operation.responses[status]);
        assert.equal(typeof response.description, 'string', `${at} ${status}: no description`);
        for (const header of Object.values(response.headers ?? {}))
          assert.ok(deref(header).schema, `${at} ${status}`);
      }
      for (const parameter of operation.parameters ?? []) {
        assert.ok(
          ['query', 'header', 'path', 'cookie'].includes(parameter.in),
          `${at}: ${parameter.name}`,
        );
        assert.equal(typeof parameter.name, 'string');
        assert.ok(parameter.schema, `${at}: parameter ${parameter.name} has no schema`);
      }
      if (operation.requestBody) {
        assert.ok(
          Object.keys(operation.requestBody.content).length > 0,
          `${at}: empty request content`,
        );
      }
      assert.ok(method !== 'get' || operation.requestBody === undefined, `${at}: GET with a body`);
    }
  });

  test('every $ref resolves, and every component is used', () => {
    const all = references();
    assert.ok(all.length > 0);
    for (const { at, ref } of all) {
      assert.notEqual(resolvePointer(ref), undefined, `${at}: ${ref} does not resolve`);
    }
    const used = new Set(all.map(({ ref }) => ref));
    for (const kind of ['schemas', 'responses', 'headers']) {
      for (const name of Object.keys(openapi.components[kind])) {
        assert.ok(
          used.has(`#/components/${kind}/${name}`),
          `components/${kind}/${name} is never used`,
        );
      }
    }
  });

  test('schema objects use OpenAPI 3.0 keywords and types only', () => {
    const objects = schemaObjects();
    assert.ok(objects.length > 100);
    for (const { schema, at } of objects) {
      for (const key of Object.keys(schema))
        assert.ok(SCHEMA_KEYWORDS.has(key) || isExtension(key), `${at}: keyword ${key}`);
      if (schema.$ref !== undefined) {
        assert.deepEqual(Object.keys(schema), ['$ref'], `${at}: a $ref takes no siblings in 3.0`);
        continue;
      }
      if (schema.type !== undefined)
        assert.ok(SCHEMA_TYPES.has(schema.type), `${at}: type ${schema.type}`);
      if (schema.type === 'array') assert.ok(schema.items, `${at}: an array needs items`);
      if (schema.nullable !== undefined) assert.equal(typeof schema.nullable, 'boolean', at);
      if (schema.enum !== undefined)
        assert.ok(Array.isArray(schema.enum) && schema.enum.length > 0, at);
      if (schema.required !== undefined) {
        assert.ok(
          Array.isArray(schema.required) && schema.required.length > 0,
          `${at}: empty required`,
        );
        assert.equal(
          new Set(schema.required).size,
          schema.required.length,
          `${at}: required twice`,
        );
        if (schema.properties && schema.additionalProperties === false) {
          for (const name of schema.required)
            assert.ok(name in schema.properties, `${at}: required '${name}' is not a property`);
        }
      }
      if (schema.default !== undefined) {
        assert.deepEqual(schemaErrors(schema, schema.default, `${at} default`), []);
      }
    }
  });

  test('every example conforms to its schema', () => {
    let checked = 0;
    for (const { path: route, method, operation } of operations()) {
      const bodies = [['request', operation.requestBody], ...Object.entries(operation.responses)];
      for (const [what, holder] of bodies) {
        for (const [media, { schema, example }] of Object.entries(
          holder ? (deref(holder).content ?? {}) : {},
        )) {
          if (example === undefined) continue;
          assert.deepEqual(
            schemaErrors(schema, example),
            [],
            `${method.toUpperCase()} ${route} ${what} ${media}`,
          );
          checked += 1;
        }
      }
    }
    assert.ok(checked >= 2 * coreOperations().length, `only ${checked} examples`);
  });

  test('security schemes: a bearer API key and the signed-request headers', () => {
    const schemes = openapi.components.securitySchemes;
    const requirements = [
      ...openapi.security,
      ...operations().flatMap(({ operation }) => operation.security ?? []),
    ];
    for (const requirement of requirements) {
      for (const name of Object.keys(requirement))
        assert.ok(schemes[name], `undefined security scheme ${name}`);
    }
    const bearer = Object.values(schemes).filter((s) => s.type === 'http' && s.scheme === 'bearer');
    assert.equal(bearer.length, 1);
    const headers = Object.values(schemes)
      .filter((s) => s.type === 'apiKey')
      .map((s) => [s.in, s.name]);
    assert.deepEqual(headers.sort(), [
      ['header', 'X-LF-Signature'],
      ['header', 'X-LF-Tenant'],
      ['header', 'X-LF-Timestamp'],
    ]);
    const signed = openapi.security.find((r) => Object.keys(r).length === 3);
    assert.ok(signed, 'the three signed-request headers are one requirement (all together)');
    // Health and metrics are public; everything else needs a tenant.
    for (const { path: route, operation } of operations()) {
      const isPublic = route === '/v1/health' || route === '/metrics';
      assert.equal(operation.security?.length === 0, isPublic, route);
    }
  });

  test('the checker rejects what a validator would reject', () => {
    // Guards this file's own schema checker: each case must fail.
    const alert = { $ref: '#/components/schemas/Alert' };
    const good = {
      detector: 'd',
      version: '1',
      index: 3,
      timestamp: 3,
      kind: 'k',
      severity: 'info',
      score: 1,
    };
    assert.deepEqual(schemaErrors(alert, good), []);
    assert.equal(
      schemaErrors(alert, { ...good, index: 1.5 }).length,
      1,
      'a fraction for an integer',
    );
    assert.equal(schemaErrors(alert, { ...good, severity: 'loud' }).length, 1, 'outside the enum');
    assert.equal(schemaErrors(alert, { ...good, extra: 1 }).length, 1, 'an unknown member');
    const { kind, ...withoutKind } = good;
    assert.equal(schemaErrors(alert, withoutKind).length, 1, 'a missing member');
    assert.equal(
      schemaErrors({ $ref: '#/components/schemas/GrokRequest' }, {}).length,
      1,
      'none of oneOf',
    );
    assert.equal(resolvePointer('#/components/schemas/NoSuchSchema'), undefined);
    assert.throws(() => deref({ $ref: '#/nowhere' }));
  });
});

describe('the document describes the core', () => {
  test("its POST paths are exactly the core's routes (plus native-only ingest)", () => {
    const routes = coreRouteNames(core);
    assert.ok(routes.length >= 28, routes.join(', '));
    const documented = coreOperations().map(({ operation }) => operation['x-lf-route']);
    assert.deepEqual([...documented].sort(), [...routes].sort());
    for (const { path: route, method, operation } of coreOperations()) {
      assert.equal(route, `/v1/${operation['x-lf-route']}`);
      assert.equal(method, 'post');
    }
    const shellOnlyPosts = operations()
      .filter(({ method, operation }) => method === 'post' && operation['x-lf-route'] === undefined)
      .map(({ path: route, operation }) => [route, operation['x-lf-shells']]);
    assert.deepEqual(shellOnlyPosts, [['/v1/ingest', ['native']]]);
    // Each documented route is one dispatch knows; a made-up one is not.
    for (const route of documented) {
      const { body } = core.dispatch(route, '');
      assert.notEqual(JSON.parse(body).error?.code, 'unknown_route', route);
    }
    assert.equal(core.dispatch('detect/everything', '{}').status, 404);
  });

  test('the error code enum is every code the core spells', () => {
    const source = (file) => readFileSync(path.join(repoRoot, file), 'utf8');
    const spelled = [
      ...source('core/src/common/error.cpp').matchAll(/case ErrorCode::(\w+): return "(\w+)";/g),
    ];
    for (const [, name, spelling] of spelled) assert.equal(spelling, name);
    const enumBody = /enum class ErrorCode[^{]*\{([^}]*)\}/.exec(
      source('core/include/lf/common/error.hpp'),
    )[1];
    const enumerators = [...enumBody.replace(/\/\/.*$/gm, '').matchAll(/(\w+)\s*,/g)].map(
      (m) => m[1],
    );
    const codes = spelled.map(([, , spelling]) => spelling);
    assert.deepEqual(
      [...codes].sort(),
      [...enumerators].sort(),
      'error.cpp spells every enumerator',
    );
    const documented = openapi.components.schemas.ErrorCode.enum;
    assert.deepEqual([...documented].sort(), [...codes].sort());
  });

  test("the core's error bodies conform to the Error schema", () => {
    const error = { $ref: '#/components/schemas/Error' };
    const failures = [
      ['no/such/route', '{}', 404, 'unknown_route'],
      ['detect', '{"series":', 400, 'json_parse_error'],
      ['detect', '{"series": {"values": "x"}}', 400, 'schema_error'],
      ['detect', '{"series": {"values": []}}', 422, 'empty_input'],
      [
        'risk/state',
        '{"to": "normal", "actor": "a", "reason": "r", "timestamp": 1}',
        409,
        'transition_refused',
      ],
    ];
    for (const [route, body, status, code] of failures) {
      const answer = core.dispatch(route, body);
      assert.equal(answer.status, status, `${route} ${body}: ${answer.body}`);
      const parsed = JSON.parse(answer.body);
      assert.equal(parsed.error.code, code);
      assert.deepEqual(schemaErrors(error, parsed), [], answer.body);
    }
  });

  test('every core operation declares the statuses of the contract', () => {
    for (const { path: route, operation } of coreOperations()) {
      const statuses = Object.keys(operation.responses);
      for (const status of ['200', '400', '401', '413', '429', '500', '503']) {
        assert.ok(statuses.includes(status), `${route} lacks ${status}`);
      }
    }
    const declares = (route, status) => status in openapi.paths[`/v1/${route}`].post.responses;
    for (const route of ['risk/state', 'breaker/transition'])
      assert.ok(declares(route, '409'), route);
    for (const route of ['pcs/verify', 'pcs/submit']) assert.ok(declares(route, '202'), route);
    assert.equal(
      openapi.paths['/v1/health'].get.responses['200'].content['application/json'].schema.$ref,
      '#/components/schemas/Health',
    );
  });

  test('every example request is answered 200 by the core, as the schemas say', async () => {
    // A fresh core, the examples in document order: the breaker examples
    // build on each other as they would on a fresh server.
    const fresh = await loadCore();
    for (const { path: route, operation } of coreOperations()) {
      const example = requestExample(operation);
      assert.notEqual(example, undefined, `${route} has no example`);
      const requestSchema = operation.requestBody.content['application/json'].schema;
      assert.deepEqual(schemaErrors(requestSchema, example), [], `${route}: the example request`);
      const request = coreRequest(operation, example, { keys: PCS_KEYS });
      const answer = fresh.dispatch(operation['x-lf-route'], JSON.stringify(request));
      assert.equal(answer.status, 200, `${route}: ${answer.body.slice(0, 300)}`);
      const body = JSON.parse(answer.body);
      assert.deepEqual(
        schemaErrors(responseSchema(operation, 200), body),
        [],
        `${route}: the answer`,
      );
      const documentedAnswer = operation.responses['200'].content['application/json'].example;
      assert.notEqual(documentedAnswer, undefined, `${route} has no response example`);
      assert.deepEqual(
        schemaErrors(responseSchema(operation, 200), documentedAnswer),
        [],
        `${route}: the response example`,
      );
    }
  });

  test('the PCS golden vectors are valid bodies of POST /v1/pcs/submit', async () => {
    const fresh = await loadCore();
    const operation = openapi.paths['/v1/pcs/submit'].post;
    const schema = operation.requestBody.content['application/json'].schema;
    for (const name of ['pcs_tiny_case_1', 'pcs_tiny_case_2']) {
      const raw = readFileSync(path.join(repoRoot, `tests/data/fractal-lba/${name}.json`), 'utf8');
      assert.deepEqual(schemaErrors(schema, JSON.parse(raw)), [], name);
      const answer = fresh.dispatch(
        'pcs/submit',
        JSON.stringify(coreRequest(operation, raw, { keys: PCS_KEYS })),
      );
      assert.ok(['200', '202'].includes(String(answer.status)), `${name}: ${answer.body}`);
      assert.deepEqual(
        schemaErrors(responseSchema(operation, answer.status), JSON.parse(answer.body)),
        [],
        name,
      );
    }
  });
});

// The HTTP contract (docs/HTTP.md, docs/openapi.json) held by both shells at
// once: every request below goes to the edge function (local workerd) and to
// the native server (`lf serve`), freshly started with the same tenants, and
// the two answers must be the same status, the same Content-Type and the
// same body bytes. The routes are the OpenAPI document's, with its examples
// replayed in document order (so the stateful routes, risk/state and
// breaker/*, see the same sequence on both), plus bad inputs, auth failures,
// limits, and the Fractal LBA golden vectors over POST /v1/pcs/submit.
//
// Needs both launchers (tests/http/native_server.mjs: LF_CLI; and
// tests/http/edge_server.mjs: LF_EDGE_BUILD) and the JS package
// (LF_JS_PACKAGE) for the verdicts the core gives.
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  coreOperations,
  coreRequest,
  loadCore,
  openapi,
  repoRoot,
  requestExample,
  responseSchema,
  schemaErrors,
} from './openapi_document.mjs';

const TENANTS_FILE = 'tests/http/tenants.json';
const { tenants } = JSON.parse(readFileSync(path.join(repoRoot, TENANTS_FILE), 'utf8'));
const ACME_KEY = tenants.acme.api_keys[0];
const GLOBEX_KEY = tenants.globex.api_keys[0];
const BODY_LIMIT = 1_048_576;
const SIGNATURE_WINDOW_S = 300;

// A launcher module of the other shells' work; a missing one fails the
// suite with what is missing rather than an import error.
async function launcher(file, name) {
  const url = new URL(file, import.meta.url);
  let module;
  try {
    module = await import(url);
  } catch (error) {
    if (error.code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new Error(
      `tests/http/${file} is missing: the contract suite runs against both shells ` +
        `and needs its ${name}() (${error.message})`,
    );
  }
  if (typeof module[name] !== 'function')
    throw new Error(`tests/http/${file} does not export ${name}()`);
  return module[name];
}

// A launcher that neither answers nor fails in time is a failure too.
const START_LIMIT_MS = 45_000;

async function start(what, starting) {
  let timer;
  const late = new Promise((resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer in ${START_LIMIT_MS / 1000} s`)),
      START_LIMIT_MS,
    );
  });
  try {
    return await Promise.race([starting, late]);
  } catch (error) {
    throw new Error(
      `the ${what} could not start, so the contract cannot be checked: ${error.message}`,
    );
  } finally {
    clearTimeout(timer);
  }
}

let edge;
let native;
let core;

before(
  async () => {
    const [startEdge, startNative, cliPath] = await Promise.all([
      launcher('edge_server.mjs', 'startEdge'),
      launcher('native_server.mjs', 'startNative'),
      launcher('native_server.mjs', 'cliPath'),
    ]);
    const startingNative = existsSync(cliPath())
      ? startNative({ tenants: TENANTS_FILE })
      : Promise.reject(new Error(`no lf binary at ${cliPath()} (LF_CLI): build the lf target`));
    const started = await Promise.allSettled([
      start(
        'edge function (workerd)',
        startEdge({ tenants: TENANTS_FILE, wasmBuild: process.env.LF_EDGE_BUILD }),
      ),
      start('native server (lf serve)', startingNative),
    ]);
    [edge, native] = started.map((outcome) =>
      outcome.status === 'fulfilled' ? outcome.value : null,
    );
    const failed = started.filter((outcome) => outcome.status === 'rejected');
    if (failed.length > 0) {
      await Promise.all([edge, native].filter(Boolean).map((server) => server.stop()));
      throw new Error(failed.map((outcome) => outcome.reason.message).join('\n'));
    }
    core = await loadCore();
  },
  { timeout: 2 * START_LIMIT_MS },
);

after(async () => {
  await Promise.all([edge, native].filter(Boolean).map((server) => server.stop()));
});

// --------------------------------------------------------------- requests

function sha256Hex(bytes) {
  return createHash('sha256').update(bytes).digest('hex');
}

// The signed-request headers of docs/HTTP.md for this method, path and body.
function signedHeaders({
  tenant = 'acme',
  secret = tenants.acme.hmac_secret,
  method,
  path: target,
  body = '',
  timestamp = Math.floor(Date.now() / 1000),
}) {
  const message = `${timestamp}\n${method}\n${target}\n${sha256Hex(Buffer.from(body))}`;
  return {
    'X-LF-Tenant': tenant,
    'X-LF-Timestamp': String(timestamp),
    'X-LF-Signature': createHmac('sha256', secret).update(message).digest('hex'),
  };
}

const bearer = (key = ACME_KEY) => ({ Authorization: `Bearer ${key}` });

async function call(server, method, target, { headers = {}, body } = {}) {
  const init = { method, headers, redirect: 'manual' };
  if (body !== undefined) {
    init.body = body;
    // A stream body goes out chunked, without Content-Length.
    if (typeof body.getReader === 'function') init.duplex = 'half';
  }
  const response = await fetch(`${server.url}${target}`, init);
  const bytes = Buffer.from(await response.arrayBuffer());
  return {
    status: response.status,
    headers: response.headers,
    bytes,
    text: bytes.toString('utf8'),
  };
}

// The same request to both shells (one after the other, the edge first):
// -> {edge, native}. `body` may be a function making a fresh body per call.
async function both(method, target, options = {}) {
  const fresh = () => ({
    ...options,
    body: typeof options.body === 'function' ? options.body() : options.body,
  });
  const edgeAnswer = await call(edge, method, target, fresh());
  const nativeAnswer = await call(native, method, target, fresh());
  return { edge: edgeAnswer, native: nativeAnswer };
}

// The two answers are one: status, Content-Type, body bytes, and the
// contract's headers when either sends them.
function assertSame({ edge: e, native: n }, what) {
  const show = (answer) =>
    `${answer.status} ${answer.headers.get('content-type')} ${answer.text.slice(0, 400)}`;
  const context = `${what}\n  edge:   ${show(e)}\n  native: ${show(n)}`;
  assert.equal(e.status, n.status, `status differs: ${context}`);
  assert.equal(
    e.headers.get('content-type'),
    n.headers.get('content-type'),
    `Content-Type differs: ${context}`,
  );
  assert.ok(e.bytes.equals(n.bytes), `body differs: ${context}`);
  for (const header of ['allow', 'retry-after', 'www-authenticate']) {
    assert.equal(e.headers.get(header), n.headers.get(header), `${header} differs: ${context}`);
  }
  for (const answer of [e, n])
    assert.match(answer.headers.get('x-request-id') ?? '', /^[A-Za-z0-9._-]{1,64}$/, context);
  return e;
}

async function same(method, target, options = {}, what = `${method} ${target}`) {
  return assertSame(await both(method, target, options), what);
}

function errorCode(answer) {
  return JSON.parse(answer.text).error.code;
}

// A POST of JSON text as acme (API key).
const post = (target, text, headers = bearer()) =>
  same('POST', target, { headers: { 'Content-Type': 'application/json', ...headers }, body: text });

// --------------------------------------------------------------- the suite

// First, so the golden vectors meet a fresh intake (the pcs/submit example
// below is golden case 1 again: a replay by then).
describe('POST /v1/pcs/submit: the Fractal LBA golden vectors', () => {
  const keys = { acme: tenants.acme.pcs_key };

  for (const name of ['pcs_tiny_case_1', 'pcs_tiny_case_2']) {
    test(`${name}: the core's verdict from both, then a replay with the same bytes`, async () => {
      const raw = readFileSync(path.join(repoRoot, `tests/data/fractal-lba/${name}.json`));
      const expected = core.dispatch(
        'pcs/submit',
        JSON.stringify(
          coreRequest(openapi.paths['/v1/pcs/submit'].post, raw.toString('utf8'), { keys }),
        ),
      );
      const verdict = JSON.parse(expected.body);
      assert.equal(verdict.signature, 'valid', expected.body);
      const first = await same(
        'POST',
        '/v1/pcs/submit',
        { headers: bearer(), body: raw },
        `${name} submitted`,
      );
      assert.equal(first.status, expected.status);
      assert.equal(first.status, 200, first.text);
      assert.equal(first.text, expected.body);
      const again = await same(
        'POST',
        '/v1/pcs/submit',
        { headers: bearer(), body: raw },
        `${name} replayed`,
      );
      assert.equal(again.status, first.status);
      assert.ok(again.bytes.equals(first.bytes), 'a replay answers the first result byte for byte');
      // A replay of the pcs_id with a changed unsigned field still gets the first result.
      const changed = JSON.stringify({ ...JSON.parse(raw), regime: 'sticky' });
      const replayed = await same(
        'POST',
        '/v1/pcs/submit',
        { headers: bearer(), body: changed },
        `${name} changed`,
      );
      assert.ok(replayed.bytes.equals(first.bytes));
    });
  }

  test('a changed signed field is a 401 verdict; malformed bodies are 400', async () => {
    const record = JSON.parse(
      readFileSync(path.join(repoRoot, 'tests/data/fractal-lba/pcs_tiny_case_1.json'), 'utf8'),
    );
    const forged = await same('POST', '/v1/pcs/submit', {
      headers: bearer(),
      body: JSON.stringify({ ...record, D_hat: 2.5 }),
    });
    assert.equal(forged.status, 401);
    assert.equal(JSON.parse(forged.text).signature, 'invalid');
    const notJson = await same('POST', '/v1/pcs/submit', { headers: bearer(), body: '{"pcs_id":' });
    assert.deepEqual([notJson.status, errorCode(notJson)], [400, 'json_parse_error']);
    const notPcs = await same('POST', '/v1/pcs/submit', {
      headers: bearer(),
      body: '{"pcs_id": 1}',
    });
    assert.deepEqual([notPcs.status, errorCode(notPcs)], [400, 'pcs_invalid']);
  });

  test("pcs/verify, compat mode: the reference server's bodies pass through", async () => {
    const invalid = await post('/v1/pcs/verify', '{"pcs": "not json", "mode": "compat"}');
    assert.deepEqual([invalid.status, invalid.text], [400, 'Invalid JSON\n']);
    const record = JSON.parse(
      readFileSync(path.join(repoRoot, 'tests/data/fractal-lba/pcs_tiny_case_1.json'), 'utf8'),
    );
    const wrongKey = { algorithm: 'hmac-sha256', secret: 'not-the-key' };
    const unsigned = await post(
      '/v1/pcs/verify',
      JSON.stringify({ pcs: record, key: wrongKey, mode: 'compat' }),
    );
    assert.deepEqual([unsigned.status, unsigned.text], [401, 'Signature verification failed\n']);
  });
});

describe('every route of the OpenAPI document', () => {
  test('the examples, in document order, give the same 200 answer from both shells', async () => {
    for (const { path: target, operation } of coreOperations()) {
      const answer = await post(target, JSON.stringify(requestExample(operation)));
      assert.equal(answer.status, 200, `${target}: ${answer.text.slice(0, 300)}`);
      assert.equal(answer.headers.get('content-type'), 'application/json', target);
      assert.deepEqual(
        schemaErrors(responseSchema(operation, 200), JSON.parse(answer.text)),
        [],
        target,
      );
    }
  });

  test('the stateful routes agree after the sequence', async () => {
    const state = await post('/v1/risk/state', '{}');
    assert.equal(state.status, 200);
    assert.equal(
      JSON.parse(state.text).mode,
      'paused',
      'the risk/state example paused trading on both',
    );
    const breakers = await post('/v1/breaker/state', '{"now_ms": 100000}');
    assert.equal(breakers.status, 200);
    // A refused transition changes nothing, on either shell.
    const refused = await post(
      '/v1/breaker/transition',
      '{"component":"orders","to":"half_open","actor":"ops","reason":"probe","now_ms":100001}',
    );
    assert.deepEqual([refused.status, errorCode(refused)], [409, 'transition_refused']);
    await post('/v1/breaker/state', '{"now_ms": 100002}');
  });

  test('bad bodies get the same error on every route', async () => {
    for (const { path: target, operation } of coreOperations()) {
      const declared = Object.keys(operation.responses);
      const badBodies = [
        '{"series":',
        '[]',
        '"text"',
        JSON.stringify({ ...requestExample(operation), no_such_member: 1 }),
      ];
      for (const body of badBodies) {
        const answer = await post(target, body);
        assert.ok(
          declared.includes(String(answer.status)),
          `${target} ${body.slice(0, 40)}: undeclared ${answer.status}`,
        );
        assert.notEqual(answer.status, 500, `${target}: ${answer.text}`);
      }
    }
    const malformed = await post('/v1/detect', '{"series":');
    assert.deepEqual([malformed.status, errorCode(malformed)], [400, 'json_parse_error']);
    const wrongType = await post('/v1/detect', '{"series": {"values": "x"}}');
    assert.deepEqual([wrongType.status, errorCode(wrongType)], [400, 'schema_error']);
    const notFinite = await post('/v1/detect', '{"series": {"values": [1, null, 2]}}');
    assert.deepEqual([notFinite.status, errorCode(notFinite)], [422, 'non_finite_value']);
    const notUtf8 = await same('POST', '/v1/detect', {
      headers: bearer(),
      body: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]),
    });
    assert.equal(notUtf8.status, 400);
  });

  test('an empty body is an empty request', async () => {
    const catalog = await same('POST', '/v1/detectors', { headers: bearer() });
    assert.equal(catalog.status, 200);
    assert.deepEqual(JSON.parse(catalog.text), JSON.parse(core.dispatch('detectors', '').body));
    const detect = await same('POST', '/v1/detect', { headers: bearer() });
    assert.deepEqual([detect.status, errorCode(detect)], [400, 'schema_error']);
  });
});

describe('paths and methods', () => {
  test('unknown paths are 404 unknown_route, before auth', async () => {
    for (const target of [
      '/v1/no/such/route',
      '/v1/',
      '/v1',
      '/v2/detect',
      '/',
      '/nothing',
      '/v1/detect/extra',
      '/v1/DETECT',
    ]) {
      for (const headers of [{}, bearer(), bearer('not-a-key')]) {
        const answer = await same('POST', target, { headers, body: '{}' }, `POST ${target}`);
        assert.deepEqual([answer.status, errorCode(answer)], [404, 'unknown_route'], target);
      }
    }
    const get = await same('GET', '/v1/no/such/route');
    assert.equal(get.status, 404);
  });

  test('a known path with another method is 405 with Allow, before auth', async () => {
    const cases = [
      ['GET', '/v1/detect', 'POST'],
      ['PUT', '/v1/risk/check', 'POST'],
      ['DELETE', '/v1/pcs/submit', 'POST'],
      ['PATCH', '/v1/breaker/state', 'POST'],
      ['POST', '/v1/health', 'GET'],
      ['PUT', '/metrics', 'GET'],
    ];
    for (const [method, target, allow] of cases) {
      const body = method === 'GET' ? undefined : '{}';
      const answer = await same(method, target, { body }, `${method} ${target}`);
      assert.deepEqual(
        [answer.status, errorCode(answer)],
        [405, 'method_not_allowed'],
        `${method} ${target}`,
      );
      assert.equal(answer.headers.get('allow'), allow, `${method} ${target}`);
    }
  });

  test('health is public and names its shell', async () => {
    const { edge: e, native: n } = await both('GET', '/v1/health');
    for (const [answer, shell] of [
      [e, 'edge'],
      [n, 'native'],
    ]) {
      assert.equal(answer.status, 200);
      assert.equal(answer.headers.get('content-type'), 'application/json');
      const body = JSON.parse(answer.text);
      assert.deepEqual(body, { status: 'ok', version: core.version, shell });
      assert.deepEqual(
        schemaErrors(responseSchema(openapi.paths['/v1/health'].get, 200), body),
        [],
      );
    }
  });

  test('metrics are public Prometheus text on both', async () => {
    const { edge: e, native: n } = await both('GET', '/metrics');
    for (const answer of [e, n]) {
      assert.equal(answer.status, 200);
      assert.match(answer.headers.get('content-type'), /^text\/plain; version=0\.0\.4/);
      for (const line of answer.text.split('\n').filter((l) => l && !l.startsWith('#'))) {
        assert.match(line, /^[a-z_:][a-z0-9_:]*(\{[^}]*\})? (-?[0-9.e+-]+|[+-]?Inf|NaN)$/i, line);
      }
      assert.match(answer.text, /^lf_http_requests_total\{route="detect",status="200"\} \d+$/m);
    }
    assert.equal(e.headers.get('content-type'), n.headers.get('content-type'));
  });

  test('a valid X-Request-Id is echoed, an invalid one replaced', async () => {
    const echoed = await both('GET', '/v1/health', {
      headers: { 'X-Request-Id': 'contract-test.1' },
    });
    for (const answer of [echoed.edge, echoed.native])
      assert.equal(answer.headers.get('x-request-id'), 'contract-test.1');
    const replaced = await both('GET', '/v1/health', {
      headers: { 'X-Request-Id': 'no spaces allowed' },
    });
    for (const answer of [replaced.edge, replaced.native]) {
      assert.match(answer.headers.get('x-request-id'), /^[A-Za-z0-9._-]{1,64}$/);
    }
  });
});

describe('auth', () => {
  const target = '/v1/score';
  const body = '{"annotations":[[10]],"predictions":[10],"n":100}';

  async function refused(headers, what) {
    const answer = await same('POST', target, { headers, body }, what);
    assert.deepEqual([answer.status, errorCode(answer)], [401, 'unauthorized'], what);
    assert.equal(answer.headers.get('www-authenticate'), 'Bearer', what);
    assert.ok(
      !answer.text.includes(ACME_KEY) && !answer.text.includes('secret'),
      `${what}: echoes a credential`,
    );
    return answer;
  }

  test('API key: accepted, or the same 401 for no, unknown and malformed credentials', async () => {
    assert.equal((await post(target, body)).status, 200);
    await refused({}, 'no credentials');
    await refused(bearer('lf_test_nobody_0000000000000000'), 'unknown key');
    await refused(bearer(`${ACME_KEY}x`), 'a key one character longer');
    await refused({ Authorization: ACME_KEY }, 'no Bearer scheme');
    await refused(
      { Authorization: `Basic ${Buffer.from(`acme:${ACME_KEY}`).toString('base64')}` },
      'Basic',
    );
  });

  test('signed requests: one use each; bad, stale, foreign and replayed refused', async () => {
    const sign = (options = {}) =>
      signedHeaders({ method: 'POST', path: target, body, ...options });
    const fresh = sign();
    const accepted = await same('POST', target, { headers: fresh, body }, 'signed');
    assert.equal(accepted.status, 200);
    await refused(fresh, 'the same signature again (replay)');
    await refused({ ...sign(), 'X-LF-Signature': '0'.repeat(64) }, 'bad signature');
    await refused(sign({ secret: 'another-secret' }), 'signed with another secret');
    await refused(
      sign({ timestamp: Math.floor(Date.now() / 1000) - SIGNATURE_WINDOW_S - 30 }),
      'stale timestamp',
    );
    await refused(
      sign({ timestamp: Math.floor(Date.now() / 1000) + SIGNATURE_WINDOW_S + 30 }),
      'future timestamp',
    );
    await refused(sign({ tenant: 'nobody' }), 'unknown tenant');
    await refused(sign({ tenant: 'globex' }), 'a tenant without an hmac_secret');
    await refused(sign({ path: '/v1/detect' }), 'signed for another path');
    const { 'X-LF-Timestamp': _, ...noTimestamp } = sign();
    await refused(noTimestamp, 'no timestamp');
  });

  test('health and metrics need no credentials; a bad key does not make them fail', async () => {
    for (const target of ['/v1/health', '/metrics']) {
      const { edge: e, native: n } = await both('GET', target, { headers: bearer('not-a-key') });
      assert.deepEqual([e.status, n.status], [200, 200], target);
    }
  });
});

describe('limits', () => {
  test('a body over 1 MiB is 413, by Content-Length and as read', async () => {
    const over = () => Buffer.alloc(BODY_LIMIT + 1, 0x20);
    const declared = await same(
      'POST',
      '/v1/detect',
      { headers: bearer(), body: over },
      'Content-Length over the limit',
    );
    assert.deepEqual([declared.status, errorCode(declared)], [413, 'payload_too_large']);
    const chunked = () =>
      new ReadableStream({
        start(controller) {
          for (let sent = 0; sent <= BODY_LIMIT; sent += 65_536)
            controller.enqueue(new Uint8Array(65_536).fill(0x20));
          controller.close();
        },
      });
    const read = await same(
      'POST',
      '/v1/detect',
      { headers: bearer(), body: chunked },
      'a chunked body over the limit',
    );
    assert.deepEqual([read.status, errorCode(read)], [413, 'payload_too_large']);
    // Exactly the limit is dispatched (here: whitespace, not JSON).
    const atLimit = await same('POST', '/v1/detect', {
      headers: bearer(),
      body: () => Buffer.alloc(BODY_LIMIT, 0x20),
    });
    assert.deepEqual([atLimit.status, errorCode(atLimit)], [400, 'json_parse_error']);
  });

  test('auth comes before the body limit: oversized without credentials is 401', async () => {
    const answer = await same('POST', '/v1/detect', {
      body: () => Buffer.alloc(BODY_LIMIT + 1, 0x20),
    });
    assert.equal(answer.status, 401);
  });

  test('globex (burst 3, 1/s): the fourth quick request is 429 with Retry-After', async () => {
    const request = {
      headers: { ...bearer(GLOBEX_KEY), 'Content-Type': 'application/json' },
      body: '{}',
    };
    const answers = { edge: [], native: [] };
    for (const server of ['edge', 'native']) {
      for (let i = 0; i < 4; i += 1) {
        answers[server].push(
          await call(server === 'edge' ? edge : native, 'POST', '/v1/detectors', request),
        );
      }
    }
    for (let i = 0; i < 4; i += 1)
      assertSame({ edge: answers.edge[i], native: answers.native[i] }, `globex request ${i + 1}`);
    assert.deepEqual(
      answers.edge.map((a) => a.status),
      [200, 200, 200, 429],
    );
    const limited = answers.edge[3];
    assert.equal(errorCode(limited), 'rate_limited');
    assert.ok(
      Number.isInteger(Number(limited.headers.get('retry-after'))) &&
        Number(limited.headers.get('retry-after')) >= 1,
    );
    // Another tenant's bucket is its own.
    assert.equal((await post('/v1/detectors', '{}')).status, 200);
  });
});

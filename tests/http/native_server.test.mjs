// `lf serve` as a client meets it (docs/HTTP.md): auth by key and by
// signature, the order of the shell's checks and their exact answers,
// limits, static files, logs, metrics and a graceful shutdown.
//
// LF_CLI=build/<dir>/native/lf node --test tests/http/native_server.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { cliPath, repoRoot, startNative } from './native_server.mjs';
import {
  acmeKey, bearer, globexKey, post, rawRequest, signedHeaders, tenants, unixNow,
} from './native_client.mjs';

const LIMIT = 1_048_576;
const UNAUTHORIZED = '{"error":{"code":"unauthorized","message":"missing or invalid credentials"}}';
const TOO_LARGE = `{"error":{"code":"payload_too_large","message":"request body over ${LIMIT} bytes"}}`;

let server;
before(async () => { server = await startNative(); });
after(async () => { assert.equal(await server.stop(), 0); });

test('health is public JSON and every answer carries a request id', async () => {
  const response = await fetch(`${server.url}/v1/health`);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'application/json');
  assert.deepEqual(await response.json(), { status: 'ok', version: '0.1.0', shell: 'native' });
  assert.match(response.headers.get('x-request-id'), /^[0-9a-f]{32}$/);
  const echoed = await fetch(`${server.url}/v1/health`, { headers: { 'X-Request-Id': 'trace-42.a_b' } });
  assert.equal(echoed.headers.get('x-request-id'), 'trace-42.a_b');
  const replaced = await fetch(`${server.url}/v1/health`, { headers: { 'X-Request-Id': 'not valid!' } });
  assert.match(replaced.headers.get('x-request-id'), /^[0-9a-f]{32}$/);
});

test('an API key authenticates; no key and an unknown key get the same 401', async () => {
  const ok = await post(server.url, 'detectors', {});
  assert.equal(ok.status, 200);
  assert.ok(JSON.parse(ok.text).detectors.length > 5);
  for (const headers of [{}, bearer('lf_test_acme_0000000000000000'), bearer(`${acmeKey}x`),
    { Authorization: acmeKey }, { Authorization: `Basic ${acmeKey}` }]) {
    const refused = await post(server.url, 'detectors', {}, headers);
    assert.equal(refused.status, 401, JSON.stringify(headers));
    assert.equal(refused.text, UNAUTHORIZED);
    assert.equal(refused.headers.get('www-authenticate'), 'Bearer');
  }
});

test('a signed request authenticates once: replays, stale or future timestamps, other secrets and tampered bodies are 401', async () => {
  const body = JSON.stringify({ series: { values: [1, 2, 3, 4] } });
  const headers = signedHeaders({ path: '/v1/detect', body });
  const first = await post(server.url, 'detect', body, headers);
  assert.equal(first.status, 200, first.text);
  assert.equal(JSON.parse(first.text).samples, 4);
  const replay = await post(server.url, 'detect', body, headers);
  assert.equal(replay.status, 401);
  assert.equal(replay.text, UNAUTHORIZED);

  // The server reads its own clock, which may tick to the next second after
  // `now` is read: 10 s beyond the ±300 s window keeps the refusals from
  // depending on where in a second the test runs.
  const now = unixNow();
  const refusals = {
    stale: signedHeaders({ path: '/v1/detect', body, timestamp: now - 310 }),
    future: signedHeaders({ path: '/v1/detect', body, timestamp: now + 310 }),
    'other secret': signedHeaders({ path: '/v1/detect', body, secret: 'not-the-secret' }),
    'unknown tenant': signedHeaders({ path: '/v1/detect', body, tenant: 'initech' }),
    'tenant without a secret': signedHeaders({ path: '/v1/detect', body, tenant: 'globex' }),
    'other path': signedHeaders({ path: '/v1/detectors', body }),
    'other method': signedHeaders({ path: '/v1/detect', body, method: 'PUT' }),
    'tampered body': signedHeaders({ path: '/v1/detect', body: body.replace('4', '5') }),
    'no timestamp': { ...signedHeaders({ path: '/v1/detect', body }), 'X-LF-Timestamp': '' },
  };
  for (const [why, signed] of Object.entries(refusals)) {
    const refused = await post(server.url, 'detect', body, signed);
    assert.equal(refused.status, 401, why);
    assert.equal(refused.text, UNAUTHORIZED, why);
  }
  // Within the window either way, and upper-case hex, it verifies.
  for (const timestamp of [now - 290, now + 290]) {
    const signed = signedHeaders({ path: '/v1/detect', body, timestamp });
    signed['X-LF-Signature'] = signed['X-LF-Signature'].toUpperCase();
    assert.equal((await post(server.url, 'detect', body, signed)).status, 200);
  }
});

test('path and method are judged before credentials: 404 and 405 with the exact messages', async () => {
  const unknown = await post(server.url, 'nope', '{}', {});
  assert.equal(unknown.status, 404);
  const body = JSON.parse(unknown.text);
  assert.equal(body.error.code, 'unknown_route');
  assert.match(body.error.message, /^no route 'nope' \(routes: audit\/verify, .*detect, .*vote\)$/);
  const outside = await rawRequest(server.url, { path: '/nowhere?x=1' });
  assert.equal(outside.status, 404);
  assert.equal(outside.text, `{"error":{"code":"unknown_route","message":"no route '/nowhere'"}}`);

  const wrongGet = await rawRequest(server.url, { path: '/v1/detect' });
  assert.equal(wrongGet.status, 405);
  assert.equal(wrongGet.headers.allow, 'POST');
  assert.equal(wrongGet.text,
    `{"error":{"code":"method_not_allowed","message":"method 'GET' not allowed on '/v1/detect' (allow: POST)"}}`);
  const wrongPost = await rawRequest(server.url, { method: 'POST', path: '/v1/health', body: '' });
  assert.equal(wrongPost.status, 405);
  assert.equal(wrongPost.headers.allow, 'GET');
  const wrongDelete = await rawRequest(server.url, { method: 'DELETE', path: '/metrics' });
  assert.equal(wrongDelete.status, 405);
  assert.equal(wrongDelete.headers.allow, 'GET');
});

test('bodies over 1 MiB are 413 after auth, by Content-Length or as read (chunked)', async () => {
  const oversized = ' '.repeat(LIMIT) + '{}';
  const refused = await post(server.url, 'detect', oversized);
  assert.equal(refused.status, 413);
  assert.equal(refused.text, TOO_LARGE);
  // Auth first: an unknown key learns nothing about the size rule.
  assert.equal((await post(server.url, 'detect', oversized, bearer('nobody'))).status, 401);
  // Exactly the limit is read and judged by the route.
  const atLimit = await post(server.url, 'detect', ' '.repeat(LIMIT - 2) + '{}');
  assert.equal(atLimit.status, 400);
  assert.equal(JSON.parse(atLimit.text).error.code, 'schema_error');
  // A chunked body has no Content-Length: it is counted as it is read.
  const chunks = new ReadableStream({
    start(controller) {
      for (let i = 0; i < 5; i++) controller.enqueue(new TextEncoder().encode(' '.repeat(LIMIT / 4)));
      controller.close();
    },
  });
  const chunked = await fetch(`${server.url}/v1/detect`, {
    method: 'POST', headers: bearer(), body: chunks, duplex: 'half',
  });
  assert.equal(chunked.status, 413);
  assert.equal(await chunked.text(), TOO_LARGE);
  // A signature cannot be checked over bytes never read: fresh headers give
  // 413, stale ones 401 (docs/HTTP.md).
  const fresh = signedHeaders({ path: '/v1/detect', body: oversized });
  assert.equal((await post(server.url, 'detect', oversized, fresh)).status, 413);
  const stale = signedHeaders({ path: '/v1/detect', body: oversized, timestamp: unixNow() - 1000 });
  assert.equal((await post(server.url, 'detect', oversized, stale)).text, UNAUTHORIZED);
});

test('the PCS golden vectors submitted over HTTP verify for acme, and a resubmission is the stored answer', async () => {
  const body = readFileSync(path.join(repoRoot, 'tests/data/fractal-lba/pcs_tiny_case_1.json'), 'utf8');
  const first = await post(server.url, 'pcs/submit', body);
  assert.equal(first.status, 200, first.text);
  const verdict = JSON.parse(first.text);
  assert.equal(verdict.pcs_id, 'c50bb25a7aff94164147b73c846f0e5e10890d75df204875ca70c448f52c6edf');
  assert.equal(verdict.accepted, true);
  assert.equal(verdict.signature, 'valid');
  const again = await post(server.url, 'pcs/submit', body.replace('"mixed"', '"sticky"'));
  assert.equal(again.status, 200);
  assert.equal(again.text, first.text);
  // globex's PCS key is not the agent's: the record's signature does not verify.
  const globex = await post(server.url, 'pcs/submit', body, bearer(globexKey));
  assert.equal(globex.status, 401);
  assert.equal(JSON.parse(globex.text).signature, 'invalid');
});

test('a tenant over its rate gets 429 with Retry-After; others are not affected', async () => {
  const fresh = await startNative(); // a full bucket for globex: 1 request/s, burst 3
  try {
    const statuses = [];
    let limited;
    for (let i = 0; i < 4; i++) {
      const response = await post(fresh.url, 'detectors', {}, bearer(globexKey));
      statuses.push(response.status);
      if (response.status === 429) limited = response;
    }
    assert.deepEqual(statuses, [200, 200, 200, 429]);
    assert.equal(limited.text, '{"error":{"code":"rate_limited","message":"rate limit exceeded"}}');
    // ceil((1 - the token fraction left) / 1 per second), with under a token left.
    assert.equal(limited.headers.get('retry-after'), '1');
    assert.equal((await post(fresh.url, 'detectors', {})).status, 200);
    // Credentials come before the rate: a bad key is 401 even while globex is limited.
    assert.equal((await post(fresh.url, 'detectors', {}, bearer(`${globexKey}0`))).status, 401);
  } finally {
    assert.equal(await fresh.stop(), 0);
  }
});

test('malformed JSON and wrong types are the core route errors', async () => {
  const malformed = await post(server.url, 'detect', '{"series": ');
  assert.equal(malformed.status, 400);
  assert.equal(malformed.text, '{"error":{"code":"json_parse_error","message":"request body is not valid JSON"}}');
  const wrongType = await post(server.url, 'detect', { series: { values: 'many' } });
  assert.equal(wrongType.status, 400);
  assert.equal(JSON.parse(wrongType.text).error.code, 'schema_error');
  const notObject = await post(server.url, 'fuse', '[1, 2]');
  assert.equal(JSON.parse(notObject.text).error.code, 'schema_error');
});

test('logs are one JSON line per request and never contain a key, secret or signature', async () => {
  const body = '{}';
  const signed = signedHeaders({ path: '/v1/detectors', body });
  assert.equal((await post(server.url, 'detectors', body, signed)).status, 200);
  const requestId = 'log-check-1';
  await post(server.url, 'detectors', body, { ...bearer(), 'X-Request-Id': requestId });
  const log = server.stderr();
  const secrets = [signed['X-LF-Signature']];
  for (const tenant of Object.values(tenants)) {
    secrets.push(...(tenant.api_keys ?? []));
    if (tenant.hmac_secret) secrets.push(tenant.hmac_secret);
    if (tenant.pcs_key?.secret) secrets.push(tenant.pcs_key.secret);
  }
  for (const secret of secrets) assert.ok(!log.includes(secret), 'a secret reached the log');
  const lines = log.trim().split('\n').map((line) => JSON.parse(line));
  const mine = lines.find((line) => line.request_id === requestId);
  assert.deepEqual(Object.keys(mine),
    ['ts', 'level', 'request_id', 'tenant', 'method', 'route', 'status', 'duration_ms']);
  assert.equal(mine.tenant, 'acme');
  assert.equal(mine.route, 'detectors');
  assert.equal(mine.status, 200);
  assert.ok(mine.duration_ms >= 0);
  assert.ok(!Number.isNaN(Date.parse(mine.ts)));
});

// Prometheus text format 0.0.4: `# HELP`/`# TYPE` lines, then samples
// `name{label="value",...} number`.
function parseMetrics(text) {
  const samples = [];
  const types = {};
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const type = /^# TYPE (\w+) (counter|gauge|histogram)$/.exec(line);
    if (type) { types[type[1]] = type[2]; continue; }
    if (line.startsWith('# HELP ')) continue;
    const sample = /^(\w+)\{((?:\w+="(?:[^"\\]|\\.)*",?)*)\} (\S+)$/.exec(line);
    assert.ok(sample, `not a sample line: ${line}`);
    const labels = {};
    for (const [, key, value] of sample[2].matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[key] = value;
    const value = Number(sample[3]);
    assert.ok(!Number.isNaN(value), line);
    samples.push({ name: sample[1], labels, value });
  }
  return { samples, types };
}

test('metrics parse as Prometheus text and count requests, alerts, selections and breakers', async () => {
  const fresh = await startNative();
  try {
    for (let i = 0; i < 3; i++) assert.equal((await post(fresh.url, 'detectors', {})).status, 200);
    assert.equal((await post(fresh.url, 'detectors', {}, {})).status, 401);
    const step = Array.from({ length: 200 }, (_, i) => (i < 100 ? 0 : 5) + Math.sin(i));
    const detect = await post(fresh.url, 'detect', { series: { values: step }, detectors: [{ name: 'cusum' }] });
    const alerts = JSON.parse(detect.text).alerts.length;
    assert.ok(alerts > 0);
    const gate = await post(fresh.url, 'gate', {
      experts: ['baseline', 'trend'],
      rounds: [[{ expert: 'baseline', confidence: 0.5 }, { expert: 'trend', confidence: 0.9 }],
        [{ expert: 'baseline', confidence: 0.6 }]],
    });
    assert.equal(gate.status, 200, gate.text);
    const breaker = await post(fresh.url, 'breaker/acquire', { component: 'exchange', now_ms: 1000 });
    assert.equal(breaker.status, 200, breaker.text);

    const response = await fetch(`${fresh.url}/metrics`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
    const { samples, types } = parseMetrics(await response.text());
    const value = (name, labels) => samples.find((s) => s.name === name &&
      Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
    assert.equal(types.lf_http_requests_total, 'counter');
    assert.equal(types.lf_http_request_duration_seconds, 'histogram');
    assert.equal(value('lf_http_requests_total', { route: 'detectors', status: '200' }), 3);
    assert.equal(value('lf_http_requests_total', { route: 'detectors', status: '401' }), 1);
    // The histogram: cumulative buckets ending at +Inf = count = the requests.
    const buckets = samples.filter((s) => s.name === 'lf_http_request_duration_seconds_bucket' &&
      s.labels.route === 'detectors');
    assert.deepEqual(buckets.map((b) => b.labels.le), ['0.0005', '0.001', '0.0025', '0.005', '0.01',
      '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '5', '+Inf']);
    for (let i = 1; i < buckets.length; i++) assert.ok(buckets[i].value >= buckets[i - 1].value);
    assert.equal(buckets.at(-1).value, 4);
    assert.equal(value('lf_http_request_duration_seconds_count', { route: 'detectors' }), 4);
    assert.ok(value('lf_http_request_duration_seconds_sum', { route: 'detectors' }) > 0);
    assert.equal(value('lf_detector_alerts_total', { detector: 'cusum' }), alerts);
    assert.equal(value('lf_gate_expert_selections_total', { expert: 'trend' }), 1);
    assert.equal(value('lf_gate_expert_selections_total', { expert: 'baseline' }), 1);
    assert.equal(value('lf_breaker_state', { breaker: 'exchange', state: 'closed' }), 1);
    assert.equal(value('lf_breaker_state', { breaker: 'exchange', state: 'open' }), 0);
  } finally {
    assert.equal(await fresh.stop(), 0);
  }
});

test('static files are served from --static, and nothing outside it', async () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'lf-static-'));
  const root = path.join(scratch, 'dist');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>lf</title>');
  writeFileSync(path.join(root, 'assets', 'app.js'), 'export const x = 1;\n');
  writeFileSync(path.join(scratch, 'secret.txt'), 'outside the root');
  symlinkSync(path.join(scratch, 'secret.txt'), path.join(root, 'link.txt'));
  const fresh = await startNative({ args: ['--static', root] });
  try {
    const index = await rawRequest(fresh.url, { path: '/' });
    assert.equal(index.status, 200);
    assert.equal(index.text, '<!doctype html><title>lf</title>');
    assert.equal(index.headers['content-type'], 'text/html; charset=utf-8');
    const script = await rawRequest(fresh.url, { path: '/assets/app.js' });
    assert.equal(script.text, 'export const x = 1;\n');
    assert.equal(script.headers['content-type'], 'text/javascript; charset=utf-8');
    for (const attempt of ['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt', '/assets%2f..%2f..%2fsecret.txt', '/link.txt', '//etc/passwd',
      '/assets/%00app.js', '/..\\secret.txt', '/assets/./app.js']) {
      const refused = await rawRequest(fresh.url, { path: attempt });
      assert.equal(refused.status, 404, attempt);
      assert.ok(!refused.text.includes('outside the root'), attempt);
      assert.equal(JSON.parse(refused.text).error.code, 'unknown_route', attempt);
    }
    const posted = await rawRequest(fresh.url, { method: 'POST', path: '/index.html', body: '' });
    assert.equal(posted.status, 405);
    assert.equal(posted.headers.allow, 'GET');
  } finally {
    assert.equal(await fresh.stop(), 0);
    rmSync(scratch, { recursive: true, force: true });
  }
});

test('a .wasm goes out gzip-coded to a client that accepts gzip, as it is otherwise', async () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'lf-static-'));
  // A module-sized file with structure (compressible) and no text type, so
  // cpp-httplib would not compress it itself.
  const wasm = Buffer.alloc(300_000);
  for (let i = 0; i < wasm.length; ++i) wasm[i] = (i * 7919) % 251 < 64 ? i % 13 : 0;
  writeFileSync(path.join(scratch, 'app.wasm'), wasm);
  const fresh = await startNative({ args: ['--static', scratch] });
  try {
    for (const accept of ['gzip', 'br, gzip;q=0.5', 'GZIP', 'identity, *', 'x-gzip']) {
      const coded = await rawRequest(fresh.url, { path: '/app.wasm', headers: { 'Accept-Encoding': accept } });
      assert.equal(coded.status, 200, accept);
      assert.equal(coded.headers['content-encoding'], 'gzip', accept);
      assert.equal(coded.headers['content-type'], 'application/wasm', accept);
      assert.equal(coded.headers.vary, 'Accept-Encoding', accept);
      assert.ok(coded.bytes.length < wasm.length / 2, `${accept}: ${coded.bytes.length} bytes`);
      // zlib's own decoder is the judge of the coding.
      assert.ok(gunzipSync(coded.bytes).equals(wasm), accept);
    }
    for (const accept of [undefined, 'identity', 'br', 'gzip;q=0', 'gzip;q=0.000, *', 'gzip ; Q=0']) {
      const headers = accept === undefined ? {} : { 'Accept-Encoding': accept };
      const plain = await rawRequest(fresh.url, { path: '/app.wasm', headers });
      assert.equal(plain.status, 200, String(accept));
      assert.equal(plain.headers['content-encoding'], undefined, String(accept));
      assert.equal(plain.headers.vary, 'Accept-Encoding', String(accept));
      assert.ok(plain.bytes.equals(wasm), String(accept));
    }
    // A new version of the file is compressed again, not served from the cache.
    const changed = Buffer.concat([wasm, Buffer.from('tail')]);
    writeFileSync(path.join(scratch, 'app.wasm'), changed);
    const again = await rawRequest(fresh.url, { path: '/app.wasm', headers: { 'Accept-Encoding': 'gzip' } });
    assert.ok(gunzipSync(again.bytes).equals(changed));
  } finally {
    assert.equal(await fresh.stop(), 0);
    rmSync(scratch, { recursive: true, force: true });
  }
});

test('a core call past --request-timeout-ms is 503 request_timeout', async () => {
  const fresh = await startNative({ args: ['--request-timeout-ms', '20'] });
  try {
    const values = Array.from({ length: 20000 }, (_, i) => Math.sin(i / 7) + (i > 10000 ? 3 : 0));
    const slow = await post(fresh.url, 'detect', { series: { values } });
    assert.equal(slow.status, 503);
    assert.equal(slow.text, '{"error":{"code":"request_timeout","message":"request timed out"}}');
    assert.equal((await post(fresh.url, 'detectors', {})).status, 200);
  } finally {
    assert.equal(await fresh.stop(), 0);
  }
});

test('SIGTERM drains: the request in flight is answered, then the server exits 0', async () => {
  const fresh = await startNative();
  const values = Array.from({ length: 20000 }, (_, i) => Math.sin(i / 7) + (i > 10000 ? 3 : 0));
  const inFlight = post(fresh.url, 'detect', { series: { values } });
  await new Promise((resolve) => setTimeout(resolve, 100));
  const exited = fresh.stop();
  const answered = await inFlight;
  assert.equal(answered.status, 200);
  assert.equal(JSON.parse(answered.text).samples, 20000);
  assert.equal(await exited, 0);
  const log = fresh.stderr();
  assert.match(log, /"event":"draining","signal":"SIGTERM"/);
  assert.match(log, /"event":"stopped"/);
  // The detect line was written before the server stopped.
  assert.ok(log.indexOf('"route":"detect"') < log.indexOf('"event":"stopped"'));
});

test('without tenants the server refuses to start (exit 2); --no-auth serves everyone as public', async () => {
  const env = { ...process.env };
  delete env.LF_TENANTS;
  const refused = spawnSync(cliPath(), ['serve', '--port', '0'], { cwd: repoRoot, env, encoding: 'utf8' });
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /no tenants configured/);
  const badTenants = spawnSync(cliPath(), ['serve', '--port', '0'], {
    cwd: repoRoot, env: { ...env, LF_TENANTS: '{"tenants":{"x":{}}}' }, encoding: 'utf8',
  });
  assert.equal(badTenants.status, 2);
  assert.match(badTenants.stderr, /tenants\.x needs at least one of api_keys, hmac_secret/);

  const open = await startNative({ noAuth: true });
  try {
    const response = await post(open.url, 'detectors', {}, {});
    assert.equal(response.status, 200);
    assert.match(open.stderr(), /"tenant":"public"/);
  } finally {
    assert.equal(await open.stop(), 0);
  }
});

test('tenants from LF_TENANTS work like a file', async () => {
  const fresh = await startNative({
    tenants: { tenants: { solo: { api_keys: ['lf_solo_key_123456'] } } },
  });
  try {
    assert.equal((await post(fresh.url, 'detectors', {}, bearer('lf_solo_key_123456'))).status, 200);
    assert.equal((await post(fresh.url, 'detectors', {}, bearer(acmeKey))).status, 401);
  } finally {
    assert.equal(await fresh.stop(), 0);
  }
});

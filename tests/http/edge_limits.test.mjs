// Paths, methods and limits at the edge (docs/HTTP.md, "Errors"): the exact
// bodies the contract defines, their order (404/405 -> 401 -> 429 -> 413),
// the 1 MiB body limit, the tenant rate limit with Retry-After, malformed
// bodies answered by the core, and X-Request-Id.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startEdge } from './edge_server.mjs';
import {
  ACME,
  ACME_KEY,
  GLOBEX,
  GLOBEX_KEY,
  bearer,
  nowSeconds,
  signedHeaders,
} from './edge_support.mjs';

const LIMIT = 1_048_576;
const TOO_LARGE = '{"error":{"code":"payload_too_large","message":"request body over 1048576 bytes"}}';
const RATE_LIMITED = '{"error":{"code":"rate_limited","message":"rate limit exceeded"}}';
const NOT_JSON = '{"error":{"code":"json_parse_error","message":"request body is not valid JSON"}}';

let edge;
before(async () => {
  edge = await startEdge();
});
after(async () => {
  await edge?.stop();
});

function request(path, init = {}) {
  return fetch(`${edge.url}${path}`, init);
}

function post(path, init = {}) {
  return request(path, { method: 'POST', ...init });
}

describe('unknown paths and wrong methods', () => {
  it("an unknown /v1/ route answers the core's own 404 body", async () => {
    const response = await post('/v1/detekt', { headers: bearer(ACME_KEY) });
    assert.equal(response.status, 404);
    const { error } = JSON.parse(await response.text());
    assert.equal(error.code, 'unknown_route');
    assert.match(error.message, /^no route 'detekt' \(routes: audit\/verify, .*detect, detectors, .*vote\)$/);
    // A trailing slash is another (unknown) name, not the route.
    assert.equal((await post('/v1/detect/', { headers: bearer(ACME_KEY) })).status, 404);
  });

  it('a path outside /v1/ is 404 with the path named', async () => {
    for (const path of ['/', '/nope', '/v2/detect', '/metrics/x']) {
      const response = await request(path);
      assert.equal(response.status, 404, path);
      assert.equal(
        await response.text(),
        `{"error":{"code":"unknown_route","message":"no route '${path}'"}}`,
      );
    }
  });

  it('a known path with the wrong method is 405 with Allow', async () => {
    const cases = [
      ['GET', '/v1/detect', 'POST'],
      ['PUT', '/v1/pcs/submit', 'POST'],
      ['POST', '/v1/health', 'GET'],
      ['DELETE', '/metrics', 'GET'],
    ];
    for (const [method, path, allow] of cases) {
      const response = await request(path, { method, headers: bearer(ACME_KEY) });
      assert.equal(response.status, 405, `${method} ${path}`);
      assert.equal(response.headers.get('allow'), allow);
      const message = `method '${method}' not allowed on '${path}' (allow: ${allow})`;
      assert.equal(
        await response.text(),
        `{"error":{"code":"method_not_allowed","message":"${message}"}}`,
      );
    }
  });

  it('HEAD is answered like GET, without a body', async () => {
    const response = await request('/v1/health', { method: 'HEAD' });
    assert.equal(response.status, 200);
    assert.equal(await response.text(), '');
  });
});

describe('the 1 MiB body limit', () => {
  it('a body of exactly 1 MiB reaches the core; one byte more is 413', async () => {
    const atLimit = await post('/v1/detect', { headers: bearer(ACME_KEY), body: ' '.repeat(LIMIT) });
    assert.equal(atLimit.status, 400); // whitespace only: the core's parse error
    assert.equal(await atLimit.text(), NOT_JSON);
    const over = await post('/v1/detect', { headers: bearer(ACME_KEY), body: ' '.repeat(LIMIT + 1) });
    assert.equal(over.status, 413);
    assert.equal(await over.text(), TOO_LARGE);
  });

  it('a streamed body without Content-Length is cut at the limit: 413', async () => {
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    let sent = 0;
    const body = new ReadableStream({
      pull(controller) {
        if (sent > LIMIT) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const response = await post('/v1/detect', { headers: bearer(ACME_KEY), body, duplex: 'half' });
    assert.equal(response.status, 413);
    assert.equal(await response.text(), TOO_LARGE);
  });

  it('credentials are checked before the size: no key, oversized body -> 401', async () => {
    const response = await post('/v1/detect', { body: ' '.repeat(LIMIT + 1) });
    assert.equal(response.status, 401);
  });

  it('a signed request over the limit is 413 after its header checks', async () => {
    const body = ' '.repeat(LIMIT + 1);
    const timestamp = nowSeconds();
    const sign = (ts) =>
      signedHeaders({
        tenant: 'acme',
        secret: ACME.hmac_secret,
        method: 'POST',
        path: '/v1/detect',
        body,
        timestamp: ts,
      });
    const fresh = await post('/v1/detect', { headers: sign(timestamp), body });
    assert.equal(fresh.status, 413);
    assert.equal(await fresh.text(), TOO_LARGE);
    const stale = await post('/v1/detect', { headers: sign(timestamp - 1000), body });
    assert.equal(stale.status, 401);
  });
});

describe('the tenant rate limit', () => {
  const { burst, requests_per_second: perSecond } = GLOBEX.rate_limit;
  it(`globex (burst ${burst}, ${perSecond}/s) gets 429 with Retry-After`, async () => {
    const statuses = [];
    let limited = null;
    const started = Date.now();
    for (let i = 0; i < burst + 3; i++) {
      const response = await post('/v1/detectors', { headers: bearer(GLOBEX_KEY) });
      statuses.push(response.status);
      if (response.status === 429 && limited === null) {
        limited = { retryAfter: response.headers.get('retry-after'), body: await response.text() };
      } else {
        await response.arrayBuffer();
      }
    }
    const elapsedSeconds = (Date.now() - started) / 1000;
    // The bucket starts full; at most burst + rate x elapsed requests pass.
    assert.deepEqual(statuses.slice(0, burst), Array(burst).fill(200));
    const admitted = statuses.filter((s) => s === 200).length;
    assert.ok(admitted <= burst + Math.ceil(elapsedSeconds * perSecond), `${admitted} admitted`);
    assert.ok(statuses.every((s) => s === 200 || s === 429), statuses.join());
    assert.notEqual(limited, null, 'no request was rate limited');
    assert.equal(limited.body, RATE_LIMITED);
    // A token is due within 1 / rate seconds: 1 s, and Retry-After is at least 1.
    assert.equal(limited.retryAfter, String(Math.max(1, Math.ceil(1 / perSecond))));
  });

  it("another tenant's rate is its own", async () => {
    assert.equal((await post('/v1/detectors', { headers: bearer(ACME_KEY) })).status, 200);
  });

  it('Retry-After follows the bucket; a signature refused with 429 is used up', async () => {
    // One token, refilled at 0.01/s: the next is due in 100 s.
    const secret = 'initech-signing-secret';
    const slow = await startEdge({
      tenants: {
        tenants: {
          initech: { hmac_secret: secret, rate_limit: { requests_per_second: 0.01, burst: 1 } },
        },
      },
    });
    const path = '/v1/detectors';
    const send = (headers) =>
      fetch(`${slow.url}${path}`, { method: 'POST', headers }).then(async (r) => ({
        status: r.status,
        retryAfter: r.headers.get('retry-after'),
        body: await r.text(),
      }));
    const sign = (timestamp) =>
      signedHeaders({ tenant: 'initech', secret, method: 'POST', path, body: '', timestamp });
    try {
      const now = nowSeconds();
      assert.equal((await send(sign(now))).status, 200);
      const limited = await send(sign(now - 1));
      assert.deepEqual(limited, { status: 429, retryAfter: '100', body: RATE_LIMITED });
      const again = await send(sign(now - 1));
      assert.equal(again.status, 401);
    } finally {
      await slow.stop();
    }
  });
});

describe('malformed bodies are answered by the core', () => {
  it('not JSON, not an object, wrong types: 400 with the core error', async () => {
    const cases = [
      ['{"series": ', 'json_parse_error'],
      ['[1, 2, 3]', 'schema_error'],
      ['{"series": {"values": "1,2,3"}}', 'schema_error'],
    ];
    for (const [body, code] of cases) {
      const response = await post('/v1/detect', { headers: bearer(ACME_KEY), body });
      assert.equal(response.status, 400, body);
      assert.equal(JSON.parse(await response.text()).error.code, code, body);
    }
  });

  it('a body that is not UTF-8 gets the core parse error', async () => {
    const body = new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]); // {"\xff\xfe":1}
    const response = await post('/v1/detect', { headers: bearer(ACME_KEY), body });
    assert.equal(response.status, 400);
    assert.equal(await response.text(), NOT_JSON);
  });
});

describe('X-Request-Id', () => {
  it('a well-formed id is echoed, anything else replaced by a generated one', async () => {
    const echoed = await request('/v1/health', { headers: { 'X-Request-Id': 'trace-42.a_b' } });
    assert.equal(echoed.headers.get('x-request-id'), 'trace-42.a_b');
    for (const bad of ['x'.repeat(65), 'has space', 'semi;colon']) {
      const replaced = await request('/v1/health', { headers: { 'X-Request-Id': bad } });
      const id = replaced.headers.get('x-request-id');
      assert.notEqual(id, bad);
      assert.match(id, /^[A-Za-z0-9._-]{1,64}$/);
    }
    const errors = await request('/nope');
    assert.match(errors.headers.get('x-request-id'), /^[A-Za-z0-9._-]{1,64}$/);
  });
});

describe('the request time limit', () => {
  it('a body that stalls past the limit is answered 503 request_timeout', async () => {
    const quick = await startEdge({ requestTimeoutMs: 500 });
    let release;
    const stalled = new Promise((done) => {
      release = done;
    });
    const body = new ReadableStream({
      async start(controller) {
        controller.enqueue(new TextEncoder().encode('{"series":'));
        await stalled;
        controller.close();
      },
    });
    try {
      const response = await fetch(`${quick.url}/v1/detect`, {
        method: 'POST',
        headers: bearer(ACME_KEY),
        body,
        duplex: 'half',
      });
      assert.equal(response.status, 503);
      assert.equal(
        await response.text(),
        '{"error":{"code":"request_timeout","message":"request timed out"}}',
      );
    } finally {
      release();
      await quick.stop();
    }
  });
});

// Auth at the edge (docs/HTTP.md, "Tenants and auth"): API keys, signed
// requests (signatures computed here with Node's crypto), the ±300 s window,
// replays, and the one 401 answer for every failure.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startEdge } from './edge_server.mjs';
import { ACME, ACME_KEY, GLOBEX_KEY, bearer, nowSeconds, signedHeaders } from './edge_support.mjs';

const UNAUTHORIZED = '{"error":{"code":"unauthorized","message":"missing or invalid credentials"}}';
const PATH = '/v1/detectors';

let edge;
before(async () => {
  edge = await startEdge();
});
after(async () => {
  await edge?.stop();
});

function post(path, { headers = {}, body } = {}) {
  return fetch(`${edge.url}${path}`, { method: 'POST', headers, body });
}

async function assertUnauthorized(response) {
  assert.equal(response.status, 401);
  assert.equal(response.headers.get('www-authenticate'), 'Bearer');
  assert.equal(response.headers.get('content-type'), 'application/json');
  assert.equal(await response.text(), UNAUTHORIZED);
}

function signed({ timestamp = nowSeconds(), body = '', path = PATH, secret = ACME.hmac_secret } = {}) {
  return signedHeaders({ tenant: 'acme', secret, method: 'POST', path, body, timestamp });
}

describe('API keys', () => {
  it("a tenant's key is served", async () => {
    for (const key of [ACME_KEY, GLOBEX_KEY]) {
      const response = await post(PATH, { headers: bearer(key) });
      assert.equal(response.status, 200);
      assert.ok(Array.isArray(JSON.parse(await response.text()).detectors));
    }
  });

  it('no credentials, an unknown key, a malformed header: 401', async () => {
    await assertUnauthorized(await post(PATH));
    await assertUnauthorized(await post(PATH, { headers: bearer('lf_test_acme_0000000000000000') }));
    await assertUnauthorized(await post(PATH, { headers: bearer(ACME_KEY.slice(0, -1)) }));
    await assertUnauthorized(await post(PATH, { headers: { Authorization: `Basic ${ACME_KEY}` } }));
    await assertUnauthorized(await post(PATH, { headers: { Authorization: 'Bearer' } }));
  });
});

describe('signed requests', () => {
  it('a correct signature over the body is served', async () => {
    const body = JSON.stringify({
      series: { values: [1, 2, 3, 4, 5, 6, 7, 8] },
      detectors: [{ name: 'cusum' }],
    });
    const response = await post('/v1/detect', { headers: signed({ body, path: '/v1/detect' }), body });
    assert.equal(response.status, 200);
    assert.equal(JSON.parse(await response.text()).samples, 8);
  });

  it('a wrong secret, another body, another path: 401', async () => {
    await assertUnauthorized(await post(PATH, { headers: signed({ secret: 'not-the-secret' }) }));
    await assertUnauthorized(await post(PATH, { headers: signed({ body: '{}' }), body: '{"a":1}' }));
    await assertUnauthorized(await post(PATH, { headers: signed({ path: '/v1/detect' }) }));
  });

  it('an unknown tenant, or one without an hmac_secret: 401', async () => {
    const headers = signed();
    await assertUnauthorized(await post(PATH, { headers: { ...headers, 'X-LF-Tenant': 'initech' } }));
    await assertUnauthorized(await post(PATH, { headers: { ...headers, 'X-LF-Tenant': 'globex' } }));
  });

  it('a timestamp outside ±300 s is stale: 401; inside it is served', async () => {
    const now = nowSeconds();
    await assertUnauthorized(await post(PATH, { headers: signed({ timestamp: now - 400 }) }));
    await assertUnauthorized(await post(PATH, { headers: signed({ timestamp: now + 400 }) }));
    assert.equal((await post(PATH, { headers: signed({ timestamp: now - 200 }) })).status, 200);
    assert.equal((await post(PATH, { headers: signed({ timestamp: now + 200 }) })).status, 200);
  });

  it('malformed timestamp or signature headers: 401', async () => {
    const headers = signed();
    await assertUnauthorized(await post(PATH, { headers: { ...headers, 'X-LF-Timestamp': '12.5' } }));
    await assertUnauthorized(await post(PATH, { headers: { ...headers, 'X-LF-Signature': 'abc' } }));
    const { 'X-LF-Tenant': _, ...withoutTenant } = headers;
    await assertUnauthorized(await post(PATH, { headers: withoutTenant }));
  });

  it('the same signed request twice is a replay: 401 the second time', async () => {
    const body = JSON.stringify({ series: { values: [3, 1, 4, 1, 5, 9, 2, 6] } });
    const headers = signed({ body, path: '/v1/detect' });
    assert.equal((await post('/v1/detect', { headers, body })).status, 200);
    await assertUnauthorized(await post('/v1/detect', { headers, body }));
  });

  it('an API key and a signature: the Authorization header decides', async () => {
    const stale = signed({ timestamp: nowSeconds() - 1000 });
    assert.equal((await post(PATH, { headers: { ...stale, ...bearer(ACME_KEY) } })).status, 200);
    await assertUnauthorized(await post(PATH, { headers: { ...signed(), ...bearer('nope') } }));
  });
});

describe('public and unknown paths need no credentials', () => {
  it('health and metrics answer without credentials', async () => {
    assert.equal((await fetch(`${edge.url}/v1/health`)).status, 200);
    assert.equal((await fetch(`${edge.url}/metrics`)).status, 200);
  });

  it('an unknown route is 404 before auth, a wrong method 405 before auth', async () => {
    assert.equal((await post('/v1/no-such-route')).status, 404);
    assert.equal((await fetch(`${edge.url}/v1/detect`)).status, 405);
  });
});

describe('the LF_TENANTS configuration', () => {
  it('no tenants: every authenticated route is 401, health still 200', async () => {
    const empty = await startEdge({ tenants: { tenants: {} } });
    try {
      const response = await fetch(`${empty.url}${PATH}`, { method: 'POST', headers: bearer(ACME_KEY) });
      await assertUnauthorized(response);
      assert.equal((await fetch(`${empty.url}/v1/health`)).status, 200);
    } finally {
      await empty.stop();
    }
  });

  it('an invalid document: 500 internal error, no details', async () => {
    // A tenant with neither api_keys nor hmac_secret.
    const broken = await startEdge({ tenants: { tenants: { acme: { pcs_key: ACME.pcs_key } } } });
    try {
      const response = await fetch(`${broken.url}${PATH}`, { method: 'POST', headers: bearer(ACME_KEY) });
      assert.equal(response.status, 500);
      assert.equal(await response.text(), '{"error":{"code":"internal_error","message":"internal error"}}');
    } finally {
      await broken.stop();
    }
  });
});

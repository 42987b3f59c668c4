// Health and metrics at the edge (docs/HTTP.md): the health body with the
// project's version, and the Prometheus text counting what this isolate
// served: requests by route and status, the alerts of a detect answer, the
// selections of a gate answer, and the breaker states of the core.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { startEdge } from './edge_server.mjs';
import { ACME_KEY, bearer } from './edge_support.mjs';

const PROJECT_VERSION = JSON.parse(
  readFileSync(new URL('../../wasm/package/package.json', import.meta.url), 'utf8'),
).version;

let edge;
before(async () => {
  edge = await startEdge();
});
after(async () => {
  await edge?.stop();
});

async function call(route, body) {
  const response = await fetch(`${edge.url}/v1/${route}`, {
    method: 'POST',
    headers: bearer(ACME_KEY),
    body: JSON.stringify(body),
  });
  return { status: response.status, body: JSON.parse(await response.text()) };
}

async function scrape() {
  const response = await fetch(`${edge.url}/metrics`);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
  return response.text();
}

// The value of the sample named exactly `series` (name and labels).
function sample(text, series) {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('health', () => {
  it('answers the contract body with the project version and shell "edge"', async () => {
    const response = await fetch(`${edge.url}/v1/health`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/json');
    assert.equal(await response.text(), `{"status":"ok","version":"${PROJECT_VERSION}","shell":"edge"}`);
  });
});

describe('metrics', () => {
  it('counts requests by route and status, with a latency histogram', async () => {
    const before = await scrape();
    const ok = sample(before, 'lf_http_requests_total{route="detectors",status="200"}') ?? 0;
    for (let i = 0; i < 3; i++) assert.equal((await call('detectors', {})).status, 200);
    assert.equal((await call('detect', { series: {} })).status, 400);
    await fetch(`${edge.url}/nope`);

    const text = await scrape();
    assert.equal(sample(text, 'lf_http_requests_total{route="detectors",status="200"}'), ok + 3);
    assert.ok(sample(text, 'lf_http_requests_total{route="detect",status="400"}') >= 1);
    assert.ok(sample(text, 'lf_http_requests_total{route="unknown",status="404"}') >= 1);
    assert.ok(sample(text, 'lf_http_requests_total{route="health",status="200"}') >= 1);
    const count = sample(text, 'lf_http_request_duration_seconds_count{route="detectors"}');
    assert.equal(count, ok + 3);
    const infinite = 'lf_http_request_duration_seconds_bucket{route="detectors",le="+Inf"}';
    assert.equal(sample(text, infinite), count);
    // Buckets are cumulative.
    const buckets = text
      .split('\n')
      .filter((l) => l.startsWith('lf_http_request_duration_seconds_bucket{route="detectors",'))
      .map((l) => Number(l.split(' ')[1]));
    assert.equal(buckets.length, 14);
    assert.deepEqual(buckets, [...buckets].sort((a, b) => a - b));
    assert.match(text, /^# TYPE lf_http_request_duration_seconds histogram$/m);
  });

  it('counts the alerts of detect answers by detector', async () => {
    const values = [...Array(60).fill(0), ...Array(60).fill(10)].map((v, i) => v + (i % 2) * 0.1);
    const detectors = [{ name: 'cusum' }, { name: 'page_hinkley' }];
    const before = await scrape();
    const { status, body } = await call('detect', { series: { values }, detectors });
    assert.equal(status, 200);
    assert.ok(body.alerts.length > 0, 'the step makes alerts');
    const text = await scrape();
    for (const { name } of detectors) {
      const series = `lf_detector_alerts_total{detector="${name}"}`;
      const made = body.alerts.filter((a) => a.detector === name).length;
      assert.equal((sample(text, series) ?? 0) - (sample(before, series) ?? 0), made, name);
    }
  });

  it('counts the expert selections of gate answers', async () => {
    // docs/API.md's gate example: trend wins round 1, the baseline round 2.
    const request = {
      experts: ['baseline', 'trend', 'mean_reversion'],
      baseline: 'baseline',
      top_k: 1,
      margin: 0.05,
      feature_weights: { hit_rate: 0.5 },
      rounds: [
        [
          { expert: 'baseline', confidence: 0.6 },
          { expert: 'trend', confidence: 0.62, features: { hit_rate: 0.1 } },
        ],
        [
          { expert: 'baseline', confidence: 0.55 },
          { expert: 'trend', confidence: 0.58 },
        ],
      ],
    };
    assert.equal((await call('gate', request)).status, 200);
    const text = await scrape();
    assert.equal(sample(text, 'lf_gate_expert_selections_total{expert="baseline"}'), 1);
    assert.equal(sample(text, 'lf_gate_expert_selections_total{expert="trend"}'), 1);
    assert.equal(sample(text, 'lf_gate_expert_selections_total{expert="mean_reversion"}'), 0);
  });

  it("shows the core's breaker states, one line per state", async () => {
    const config = { minimum_calls: 1, window_size: 1 };
    const recorded = await call('breaker/record', {
      component: 'exchange',
      outcome: 'failure',
      duration_ms: 5,
      now_ms: Date.now(),
      config,
    });
    assert.equal(recorded.status, 200);
    assert.equal(recorded.body.breaker.state, 'open');
    const text = await scrape();
    assert.equal(sample(text, 'lf_breaker_state{breaker="exchange",state="open"}'), 1);
    assert.equal(sample(text, 'lf_breaker_state{breaker="exchange",state="closed"}'), 0);
  });
});

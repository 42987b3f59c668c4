// The native server's live stream (docs/HTTP.md, "Live stream"): samples
// and alerts in order, alerts equal to what `lf detect --json` and the
// detect route give for the same data and detectors, Last-Event-ID resume,
// and samples POSTed to /v1/ingest.
//
// LF_CLI=build/<dir>/native/lf node --test tests/http/native_stream.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cliPath, repoRoot, startNative } from './native_server.mjs';
import { bearer, post, rawRequest, readStream } from './native_client.mjs';

const nilePath = path.join(repoRoot, 'tests/data/tcpd/nile.json');
const nile = JSON.parse(readFileSync(nilePath, 'utf8')).series[0].raw;

// The demo's settings (scripts/demo) and two change-point detectors: on the
// Nile series they raise six alerts between indices 25 and 70.
const DETECTORS = [
  'phase_transition:short_window=5,baseline_window=10,threshold=3,trend_window=2',
  'variance_compression:short_window=5,baseline_window=15,low_ratio=0.25,high_ratio=2,min_duration=3',
  'cusum:warmup=10',
  'bocpd',
];
const detectorArgs = DETECTORS.flatMap((spec) => ['--detector', spec]);
const detectorOrder = (name) => DETECTORS.findIndex((spec) => spec.split(':')[0] === name);

function lfDetectAlerts(file, detectors) {
  const run = spawnSync(cliPath(), ['detect', file, '--json', ...detectors.flatMap((d) => ['--detector', d])],
    { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout).alerts;
}

// The detect route orders alerts by index, then by the detectors' order;
// the stream emits them as they are raised.
function inDetectOrder(alerts) {
  return alerts
    .map((alert, position) => ({ alert, position }))
    .sort((a, b) => a.alert.index - b.alert.index ||
      detectorOrder(a.alert.detector) - detectorOrder(b.alert.detector) || a.position - b.position)
    .map(({ alert }) => alert);
}

// An end condition: true at the n-th event.
function after(n) {
  let count = 0;
  return () => ++count >= n;
}

function assertConsecutive(events) {
  for (let i = 1; i < events.length; i++) assert.equal(events[i].id, events[i - 1].id + 1);
}

test('a replayed series streams its samples in order, each followed by the alerts lf detect gives', async () => {
  const server = await startNative({ args: ['--replay', nilePath, '--speed', '500', ...detectorArgs] });
  try {
    // Last-Event-ID 0: every event still held, from the first.
    const events = await readStream(server.url, {
      headers: { ...bearer(), 'Last-Event-ID': '0' },
      onEvent: (event) => event.type === 'sample' && event.data.index === nile.length,
    });
    assert.equal(events[0].id, 1);
    assertConsecutive(events);
    const firstPass = events.slice(0, -1); // up to the second pass's first sample
    const samples = firstPass.filter((e) => e.type === 'sample').map((e) => e.data);
    assert.deepEqual(samples.map((s) => s.index), nile.map((_, i) => i));
    assert.deepEqual(samples.map((s) => s.value), nile);
    assert.deepEqual(samples.map((s) => s.t), nile.map((_, i) => i));
    // An alert comes after the sample that raised it, never before its own index.
    let lastSample = -1;
    for (const event of firstPass) {
      if (event.type === 'sample') lastSample = event.data.index;
      else assert.ok(event.data.index <= lastSample, JSON.stringify(event));
    }
    const streamed = firstPass.filter((e) => e.type === 'alert').map((e) => e.data);
    const expected = lfDetectAlerts(nilePath, DETECTORS);
    assert.equal(expected.length, 6);
    assert.deepEqual(inDetectOrder(streamed), expected);
  } finally {
    assert.equal(await server.stop(), 0);
  }
});

test('a client reconnecting with Last-Event-ID gets exactly the events it missed', async () => {
  const server = await startNative({ args: ['--replay', nilePath, '--speed', '500', ...detectorArgs] });
  try {
    let target = Infinity;
    // The witness stays connected throughout and sees every event live.
    const witness = readStream(server.url, { headers: bearer(), onEvent: (e) => e.id >= target });
    const first = await readStream(server.url, { headers: bearer(), onEvent: after(20) });
    const missedFrom = first.at(-1).id;
    await new Promise((resolve) => setTimeout(resolve, 300)); // ~150 samples go by
    const resumed = await readStream(server.url, {
      headers: { ...bearer(), 'Last-Event-ID': String(missedFrom) },
      onEvent: after(200),
    });
    target = resumed.at(-1).id;
    assert.equal(resumed[0].id, missedFrom + 1);
    assertConsecutive(resumed);
    const seen = await witness;
    const live = new Map(seen.map((e) => [e.id, e]));
    for (const event of resumed) assert.deepEqual(event, live.get(event.id));

    // An id beyond the latest (a client of an earlier run) starts at the live edge.
    const fromLater = await readStream(server.url, {
      headers: { ...bearer(), 'Last-Event-ID': '999999999' },
      onEvent: after(3),
    });
    assert.ok(fromLater[0].id > target && fromLater[0].id < 999999999);
    assertConsecutive(fromLater);
  } finally {
    assert.equal(await server.stop(), 0);
  }
});

test('the stream needs credentials like every tenant route', async () => {
  const server = await startNative();
  try {
    const refused = await rawRequest(server.url, { path: '/v1/stream' });
    assert.equal(refused.status, 401);
    assert.equal(refused.headers['www-authenticate'], 'Bearer');
    const wrongMethod = await rawRequest(server.url, { method: 'POST', path: '/v1/stream', body: '' });
    assert.equal(wrongMethod.status, 405);
  } finally {
    assert.equal(await server.stop(), 0);
  }
});

test('ingested samples stream with the alerts the detect route gives; bad batches take nothing', async () => {
  const server = await startNative({ args: ['--detector', 'cusum:warmup=10'] });
  try {
    // A level shift of 4 at index 60 in a smooth wiggle.
    const values = Array.from({ length: 120 }, (_, i) => Math.sin(i * 0.7) * 0.5 + (i >= 60 ? 4 : 0));
    const accepted = await post(server.url, 'ingest', { values });
    assert.equal(accepted.status, 200, accepted.text);
    const receipt = JSON.parse(accepted.text);
    assert.equal(receipt.accepted, 120);
    assert.equal(receipt.first_index, 0);

    const events = await readStream(server.url, {
      headers: { ...bearer(), 'Last-Event-ID': '0' },
      onEvent: (e) => e.id === receipt.last_event_id,
    });
    assert.deepEqual(events.filter((e) => e.type === 'sample').map((e) => e.data.value), values);
    const detect = await post(server.url, 'detect',
      { series: { values }, detectors: [{ name: 'cusum', parameters: { warmup: 10 } }] });
    const expected = JSON.parse(detect.text).alerts;
    assert.ok(expected.length > 0);
    assert.deepEqual(events.filter((e) => e.type === 'alert').map((e) => e.data), expected);

    // Refused batches: nothing is taken, the next index is unchanged.
    const refusals = [
      [{ values: [1, 2], timestamps: [500, 400] }, 422, 'non_increasing_timestamp'],
      [{ values: [1, null] }, 422, 'non_finite_value'],
      [{ values: [1, 2], timestamps: [1000] }, 422, 'length_mismatch'],
      [{ values: [] }, 422, 'empty_input'],
      [{ values: 'many' }, 400, 'schema_error'],
      [{ values: [1], extra: true }, 400, 'schema_error'],
      ['{"values": [1', 400, 'json_parse_error'],
    ];
    for (const [body, status, code] of refusals) {
      const refused = await post(server.url, 'ingest', body);
      assert.equal(refused.status, status, JSON.stringify(body));
      assert.equal(JSON.parse(refused.text).error.code, code);
    }
    // Timestamps, when given, are the samples' times; they must pass the last one.
    const timed = JSON.parse((await post(server.url, 'ingest', { values: [7, 8], timestamps: [500, 501] })).text);
    assert.equal(timed.first_index, 120);
    const tail = await readStream(server.url, {
      headers: { ...bearer(), 'Last-Event-ID': String(receipt.last_event_id) },
      onEvent: (e) => e.id === timed.last_event_id,
    });
    assert.deepEqual(tail.filter((e) => e.type === 'sample').map((e) => e.data),
      [{ index: 120, t: 500, value: 7 }, { index: 121, t: 501, value: 8 }]);
    assert.equal((await post(server.url, 'ingest', { values: [1] }, {})).status, 401);
  } finally {
    assert.equal(await server.stop(), 0);
  }
});

test('a tailed CSV streams its rows, then the lines appended to it; a row without a number is skipped', async () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'lf-tail-'));
  const file = path.join(scratch, 'feed.csv');
  writeFileSync(file, 'time,level\n1,0.5\n2,0.75\n');
  const server = await startNative({ args: ['--tail', file, '--column', 'level'] });
  try {
    const values = [];
    const events = await readStream(server.url, {
      headers: { ...bearer(), 'Last-Event-ID': '0' },
      onEvent: (event) => {
        if (event.type !== 'sample') return false;
        values.push(event.data.value);
        // The rows present at start, then three appended (one unreadable)
        // in two writes, the last line completed by the second.
        if (values.length === 2) {
          appendFileSync(file, '3,1.25\n4,oops\n5,');
          setTimeout(() => appendFileSync(file, '2.5\n'), 300);
        }
        return values.length === 4;
      },
    });
    assert.deepEqual(values, [0.5, 0.75, 1.25, 2.5]);
    assert.deepEqual(events.map((e) => e.data.index), [0, 1, 2, 3]);
    assert.match(server.stderr(), /"event":"tail_row_skipped"/);
  } finally {
    assert.equal(await server.stop(), 0);
    rmSync(scratch, { recursive: true, force: true });
  }
});

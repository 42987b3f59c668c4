// The online change-point detectors (bocpd, cusum, page_hinkley) through the
// JS package and the CLI: River's documented Page-Hinkley example, the BOCPD
// reference series (tests/data/bocpd), a CUSUM sum derived by hand, typed
// errors, and the CLI printing what the package computes.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataUrl, importPackage } from './helpers.mjs';

const { createLatticeForge } = await importPackage();
const lf = await createLatticeForge();
const cli = process.env.LF_CLI ?? fileURLToPath(new URL('../../build/native/native/lf', import.meta.url));

const readJson = async (path) => JSON.parse(await readFile(new URL(path, dataUrl), 'utf8'));
// 1000 draws from {0, 1} then 1000 from {4, ..., 7}: River's PageHinkley docstring.
const riverStream = await readJson('river/page_hinkley_stream.json');
// 40 z-scored samples whose mean shifts at index 20.
const bocpdSeries = (await readJson('bocpd/golden.json')).series;

function assertFails(fn, code) {
  assert.throws(fn, (error) => {
    assert.equal(error.code, code);
    return true;
  });
}

describe('change-point detectors in the JS package', () => {
  test('the catalog lists them with their defaults', () => {
    const byName = Object.fromEntries(lf.detectors().map((d) => [d.name, d]));
    const defaults = (name) =>
      Object.fromEntries(byName[name].parameters.map((p) => [p.name, p.default]));
    assert.deepEqual(defaults('bocpd'), {
      lambda: 100, prior_mean: 0, prior_kappa: 1, prior_alpha: 1, prior_beta: 1,
      truncation: 1e-4, max_run_lengths: 100, min_separation: 5,
    });
    assert.deepEqual(defaults('cusum'), { warmup: 30, drift: 0.5, threshold: 5 });
    assert.deepEqual(defaults('page_hinkley'), {
      min_instances: 30, delta: 0.005, threshold: 50, alpha: 1 - 1e-4,
      detect_increase: 1, detect_decrease: 1,
    });
  });

  test("page_hinkley reproduces River's example: one change, at index 1006", () => {
    const detector = lf.createDetector('page_hinkley');
    const alerts = detector.push(riverStream);
    detector.delete();
    assert.equal(alerts.length, 1);
    assert.equal(alerts[0].index, 1006);
    assert.equal(riverStream[1006], 5);
    assert.equal(alerts[0].kind, 'increase');
  });

  test('bocpd places the alert at the change, with its timestamp, pushes later', () => {
    const detector = lf.createDetector('bocpd');
    const timestamp = (i) => 1.7e9 + 60 * i;
    const raised = [];
    bocpdSeries.forEach((x, i) => {
      for (const alert of detector.push([x], [timestamp(i)])) raised.push({ at: i, alert });
    });
    detector.delete();
    assert.equal(raised.length, 1);
    const { at, alert } = raised[0];
    assert.equal(alert.index, 20);
    assert.equal(alert.timestamp, timestamp(20));
    assert.ok(at > 20, `raised at ${at}`);
    assert.equal(alert.kind, 'change_point');
    assert.ok(alert.score > 0.5 && alert.score <= 1, String(alert.score));
  });

  test('cusum: mu 2 and sigma 1 from the warm-up, then S+ = 1.5, 4, 7.5 > 5', () => {
    const detector = lf.createDetector('cusum', { warmup: 3 });
    const alerts = detector.push([1, 2, 3, 4, 5, 6]);
    detector.delete();
    assert.equal(alerts.length, 1);
    assert.equal(alerts[0].index, 5);
    assert.equal(alerts[0].score, 7.5);
    assert.equal(alerts[0].kind, 'increase');
  });

  test('detect() gives what the streaming detectors give', () => {
    const detectors = [{ name: 'bocpd' }, { name: 'cusum' }, { name: 'page_hinkley', parameters: { threshold: 10 } }];
    const values = riverStream.map((x) => (x - 3) / 2.5);
    const response = lf.detect({ series: { values }, detectors });
    const streamed = detectors.flatMap(({ name, parameters }) => {
      const detector = lf.createDetector(name, parameters);
      const alerts = detector.push(values);
      detector.delete();
      return alerts;
    });
    assert.ok(streamed.length >= 3);
    // The route orders by index, then by the detector's place in the request
    // (a stable sort, as Array.prototype.sort is).
    assert.deepEqual(response.alerts, [...streamed].sort((a, b) => a.index - b.index));
  });

  test('bad parameters throw typed errors', () => {
    assertFails(() => lf.createDetector('bocpd', { lambda: 1 }), 'invalid_parameter');
    assertFails(() => lf.createDetector('bocpd', { max_run_lengths: 1 }), 'invalid_parameter');
    assertFails(() => lf.createDetector('cusum', { warmup: 1 }), 'invalid_parameter');
    assertFails(() => lf.createDetector('page_hinkley', { detect_increase: 0, detect_decrease: 0 }),
      'invalid_parameter');
    assertFails(() => lf.createDetector('page_hinkley', { mode: 1 }), 'unknown_parameter');
  });
});

test('lf detect --json equals the JS package for the three detectors', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'lf-changepoints-'));
  for (const [values, specs] of [
    [riverStream, ['page_hinkley', 'cusum:warmup=50']],
    [bocpdSeries, ['bocpd', 'bocpd:lambda=10,min_separation=0']],
  ]) {
    const path = join(scratch, 'series.csv');
    writeFileSync(path, ['value', ...values.map(String)].join('\n'));
    const args = ['detect', path, '--json'];
    for (const spec of specs) args.push('--detector', spec);
    const run = spawnSync(cli, args, { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const detectors = specs.map((spec) => {
      const [name, pairs] = spec.split(':');
      const parameters = pairs ? Object.fromEntries(pairs.split(',').map((p) => {
        const [key, value] = p.split('=');
        return [key, Number(value)];
      })) : {};
      return { name, parameters };
    });
    const response = lf.detect({ series: { values }, detectors });
    assert.deepEqual(JSON.parse(run.stdout), response);
    assert.ok(response.alerts.length >= 1);
  }
});

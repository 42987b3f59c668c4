// Micro-grokking through the JS package: entropy closed forms, the streaming
// monitor against the grok route, a sharp fall that is grokked, and typed
// errors that leave the monitor unchanged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importPackage } from './helpers.mjs';

const { createLatticeForge, LatticeForgeError } = await importPackage();
const lf = await createLatticeForge();

const expectCode = (fn, code) =>
  assert.throws(fn, (e) => e instanceof LatticeForgeError && e.code === code, code);

// A generation over a vocabulary of 16: near-uniform (exploring) for 60
// tokens, then one token takes nearly all the probability.
function generation() {
  const rows = [];
  for (let t = 0; t < 100; t++) {
    const row = new Float64Array(16);
    for (let i = 0; i < 16; i++) row[i] = t < 60 ? 0.3 * Math.sin(1.7 * t + i) : i === 3 ? 9 : 0;
    rows.push(row);
  }
  return rows;
}

test('uniform logits have entropy ln V; log-probs with masked tokens too', () => {
  const monitor = lf.createGrokMonitor();
  const first = monitor.onToken(new Float64Array(50).fill(2.5));
  assert.equal(first.entropy, Math.log(50));
  assert.equal(first.index, 0);
  assert.ok(Number.isNaN(first.curvature));
  assert.equal(first.state, 'exploring');
  assert.equal(first.alert, null);
  assert.equal(monitor.vocabSize, 50);
  monitor.delete();

  const coin = lf.microGrokking({ log_probs: [[Math.log(0.5), Math.log(0.5), -Infinity]] });
  assert.ok(Math.abs(coin.entropy[0] - Math.log(2)) < 1e-15);
  assert.equal(coin.vocab_size, 3);
});

test('the streaming monitor and the grok route agree; the fall is grokked', () => {
  const rows = generation();
  const monitor = lf.createGrokMonitor({ confirm_tokens: 6 });
  assert.equal(monitor.parameters.confirm_tokens, 6);
  assert.equal(monitor.parameters.smoothing_span, 5);
  const streamed = rows.map((row) => monitor.onToken(row));
  const route = lf.microGrokking({ logits: rows, parameters: { confirm_tokens: 6 } });
  assert.equal(route.tokens, 100);
  assert.deepEqual(streamed.map((m) => m.entropy), route.entropy);
  assert.deepEqual(streamed.map((m) => m.smoothedEntropy), route.smoothed_entropy);
  assert.deepEqual(streamed.map((m) => m.state), route.state);
  assert.deepEqual(streamed.map((m) => (Number.isNaN(m.curvature) ? null : m.curvature)),
    route.curvature);
  assert.deepEqual(streamed.filter((m) => m.alert).map((m) => m.alert), route.alerts);

  const grokked = route.alerts.find((a) => a.kind === 'grokked');
  assert.ok(grokked, 'a grokked alert');
  assert.ok(grokked.index >= 60, `grokked at ${grokked.index}, after the fall`);
  assert.equal(route.state[99], 'grokked');
  assert.equal(route.should_early_stop, true);
  assert.ok(route.early_stop_index >= grokked.index + 5);
  assert.equal(monitor.shouldEarlyStop(), true);
  assert.equal(monitor.state, 'grokked');
  monitor.reset();
  assert.equal(monitor.tokens, 0);
  assert.equal(monitor.shouldEarlyStop(), false);
  monitor.delete();
  assert.throws(() => monitor.tokens, /deleted/);
});

test('bad tokens throw typed errors and change nothing', () => {
  const monitor = lf.createGrokMonitor();
  monitor.onToken([0, 1, 2]);
  expectCode(() => monitor.onToken([]), 'empty_input');
  expectCode(() => monitor.onToken([0, NaN, 1]), 'non_finite_value');
  expectCode(() => monitor.onToken([0, Infinity, 1]), 'non_finite_value');
  expectCode(() => monitor.onToken([-Infinity, -Infinity, -Infinity]), 'non_finite_value');
  expectCode(() => monitor.onToken([0, 1]), 'length_mismatch');
  expectCode(() => monitor.onToken([0, null, 1]), 'invalid_argument');
  expectCode(() => monitor.onToken('0 1 2'), 'invalid_argument');
  assert.equal(monitor.tokens, 1);
  assert.equal(monitor.onToken([0, 1, 2]).index, 1);
  monitor.delete();

  expectCode(() => lf.createGrokMonitor({ low_ratio: 2 }), 'invalid_parameter');
  expectCode(() => lf.createGrokMonitor({ nope: 1 }), 'unknown_parameter');
  expectCode(() => lf.createGrokMonitor({ confirm_tokens: '8' }), 'invalid_parameter');
  expectCode(() => lf.microGrokking({ logits: [[1, 2], [1, 2, 3]] }), 'length_mismatch');
  expectCode(() => lf.microGrokking({ logits: [] }), 'empty_input');
  expectCode(() => lf.microGrokking({ logits: [[1]], log_probs: [[1]] }), 'schema_error');
});

test('micro_grokking is in the catalog and reads entropies through detect', () => {
  const info = lf.detectors().find((d) => d.name === 'micro_grokking');
  assert.equal(info.version, '1.0.0');
  assert.ok(info.parameters.some((p) => p.name === 'confirm_tokens' && p.default === 8));
  const entropies = Float64Array.from({ length: 150 }, (_, t) => 3 + 0.05 * Math.sin(1.3 * t));
  const report = lf.detect({ series: { values: entropies }, detectors: [{ name: 'micro_grokking' }] });
  assert.equal(report.alerts[0].kind, 'stuck');
  assert.equal(report.alerts[0].severity, 'warning');
});

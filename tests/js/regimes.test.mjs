// Regime detection through the JS package: hmm() on hmmlearn's Rainy/Sunny
// example (reference values in docs/API.md), a Gaussian fit, consensus
// members in createDetector() and detect(), the autocorrelation pattern
// detector's alert context, and typed errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importPackage, gaussianSource } from './helpers.mjs';

const { createLatticeForge } = await importPackage();
const lf = await createLatticeForge();

const rainySunny = {
  initial: [0.6, 0.4],
  transitions: [[0.7, 0.3], [0.4, 0.6]],
  emission_probabilities: [[0.1, 0.4, 0.5], [0.6, 0.3, 0.1]],
};

// Level 0, then level 5, then level 0 again, unit noise.
function twoLevels(seed = 7) {
  const gaussian = gaussianSource(seed);
  return Float64Array.from({ length: 300 }, (_, i) => (i >= 100 && i < 200 ? 5 : 0) + gaussian());
}

test('hmm: Rainy/Sunny Viterbi path, probability, posteriors and log-likelihood', () => {
  const r = lf.hmm({ values: [0, 1, 2], emissions: 'categorical', model: rainySunny });
  assert.deepEqual(r.viterbi.path, [1, 0, 0]);
  assert.ok(Math.abs(Math.exp(r.viterbi.log_probability) - 0.01344) < 1e-12);
  assert.ok(Math.abs(r.log_likelihood - -3.3928721) < 1e-7);
  const expected = [[0.23170296, 0.76829704], [0.62406283, 0.37593717], [0.86397715, 0.13602285]];
  expected.forEach((row, t) => row.forEach((p, k) => assert.ok(Math.abs(r.posteriors[t][k] - p) < 1e-6)));
});

test('hmm: a Gaussian fit orders its states by mean and is reproducible', () => {
  const values = twoLevels();
  const r = lf.hmm({ values, fit: { seed: 5 } });
  assert.ok(Math.abs(r.model.means[0]) < 0.3);
  assert.ok(Math.abs(r.model.means[1] - 5) < 0.3);
  assert.equal(r.viterbi.path[150], 1);
  assert.equal(r.fit.converged, true);
  for (let i = 1; i < r.fit.trace.length; i++) assert.ok(r.fit.trace[i] >= r.fit.trace[i - 1] - 1e-9);
  assert.deepEqual(lf.hmm({ values, fit: { seed: 5 } }), r);
});

test('hmm: bad requests throw typed errors', () => {
  assert.throws(() => lf.hmm({ values: [3, 3, 3] }), (e) => e.code === 'degenerate_input' && e.status === 422);
  assert.throws(
    () => lf.hmm({ values: [0, 7], emissions: 'categorical', model: rainySunny }),
    (e) => e.code === 'invalid_argument',
  );
  assert.throws(() => lf.hmm({ values: [1, 2], states: 0 }), (e) => e.code === 'invalid_parameter');
  assert.throws(() => lf.hmm([1, 2]), (e) => e.code === 'invalid_argument');
});

test('consensus: createDetector with members reports them and who agreed', () => {
  const detector = lf.createDetector('consensus', { quorum: 1, min_interval: 50 }, {
    members: [{ name: 'hmm_regime', parameters: { warmup: 150 }, weight: 2 }],
  });
  assert.deepEqual(detector.members.map((m) => [m.name, m.weight, m.parameters.warmup]), [['hmm_regime', 2, 150]]);
  const alerts = detector.push(twoLevels());
  assert.equal(alerts.length, 1);
  assert.ok(alerts[0].index >= 200 && alerts[0].index <= 206, `${alerts[0].index}`);
  assert.deepEqual(alerts[0].members, ['hmm_regime']);
  assert.equal(alerts[0].detail, `1 of 1 members (weight 2 of 2), confirmed at ${alerts[0].index}`);
  detector.delete();
  assert.deepEqual(lf.createDetector('cusum').members, []);
});

test('consensus: detect() takes members and echoes them', () => {
  const r = lf.detect({
    series: { values: twoLevels() },
    detectors: [{
      name: 'consensus',
      parameters: { quorum: 1 },
      members: [{ name: 'hmm_regime', parameters: { warmup: 150 } }],
    }],
  });
  assert.equal(r.detectors[0].members[0].name, 'hmm_regime');
  assert.equal(r.alerts.length, 1);
  assert.deepEqual(r.alerts[0].members, ['hmm_regime']);
});

test('consensus: bad members throw typed errors', () => {
  assert.throws(
    () => lf.createDetector('consensus', {}, { members: [{ name: 'nope' }] }),
    (e) => e.code === 'unknown_detector',
  );
  assert.throws(
    () => lf.createDetector('consensus', {}, { members: [{ name: 'cusum', weight: -1 }] }),
    (e) => e.code === 'invalid_parameter',
  );
  assert.throws(
    () => lf.createDetector('consensus', {}, { members: [{ name: 'cusum', weight: 'x' }] }),
    (e) => e.code === 'invalid_argument',
  );
  assert.throws(() => lf.createDetector('consensus', {}, { members: [] }), (e) => e.code === 'invalid_argument');
  assert.throws(() => lf.createDetector('consensus', {}, { extra: 1 }), (e) => e.code === 'invalid_argument');
  assert.throws(
    () => lf.createDetector('cusum', {}, { members: [{ name: 'bocpd' }] }),
    (e) => e.code === 'invalid_parameter',
  );
});

test('autocorrelation_pattern: a period-20 signal is screened, then stable at lag 20', () => {
  const values = Float64Array.from({ length: 300 }, (_, t) => Math.sin((2 * Math.PI * (t % 20)) / 20 + 0.3));
  const detector = lf.createDetector('autocorrelation_pattern');
  const alerts = detector.push(values);
  assert.deepEqual(alerts.map((a) => [a.kind, a.index]), [['screened', 64], ['pattern_stable', 128]]);
  assert.match(alerts[1].detail, /^lag 20, autocorrelation 1, signature 0x[0-9a-f]{16}, recurrences 3$/);
  assert.equal(alerts[1].members, undefined);
  detector.delete();
});

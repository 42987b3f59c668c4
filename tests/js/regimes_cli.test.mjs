// `lf hmm` and `lf detect --member` as a user runs them: hmmlearn's
// Rainy/Sunny example decoded from a model file, a Gaussian fit's regimes,
// consensus members on the command line, exit codes and messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gaussianSource } from './helpers.mjs';
import { runCli, scratchFiles } from './cli_support.mjs';


const lf = (...args) => runCli(args);

const file = scratchFiles('lf-regimes-');

// Level 0, then 5, then 0 again (100 samples each), unit noise.
const gaussian = gaussianSource(3);
const levels = Array.from({ length: 300 }, (_, i) => (i >= 100 && i < 200 ? 5 : 0) + gaussian());
const levelsCsv = file('levels.csv', `x\n${levels.join('\n')}\n`);

test('hmm decodes Rainy/Sunny from a model file (hmmlearn): path 1 0 0', () => {
  const symbols = file('walk_shop_clean.csv', 'activity\n0\n1\n2\n');
  const model = file('rainy_sunny.json', JSON.stringify({
    initial: [0.6, 0.4],
    transitions: [[0.7, 0.3], [0.4, 0.6]],
    emission_probabilities: [[0.1, 0.4, 0.5], [0.6, 0.3, 0.1]],
  }));
  const run = lf('hmm', symbols, '--emissions', 'categorical', '--model', model, '--json', '--posteriors');
  assert.equal(run.code, 0, run.err);
  const r = JSON.parse(run.out);
  assert.deepEqual(r.viterbi.path, [1, 0, 0]);
  assert.ok(Math.abs(Math.exp(r.viterbi.log_probability) - 0.01344) < 1e-12);
  assert.ok(Math.abs(r.log_likelihood - -3.3928721) < 1e-7);
  assert.ok(Math.abs(r.posteriors[0][1] - 0.76829704) < 1e-6);

  const text = lf('hmm', symbols, '--emissions', 'categorical', '--model', model);
  assert.equal(text.code, 0, text.err);
  assert.match(text.out, /given model/);
  assert.match(text.out, /log-likelihood -3\.39287/);
});

test('hmm fits two Gaussian regimes and prints them as runs', () => {
  const run = lf('hmm', levelsCsv, '--seed', '2');
  assert.equal(run.code, 0, run.err);
  assert.match(run.out, /300 samples, gaussian HMM with 2 states, fitted/);
  const runs = [...run.out.matchAll(/^\s+(\d+)\s+(\d+)\s+(\d)$/gm)].map((m) => m.slice(1).map(Number));
  assert.equal(runs.length, 3, run.out);
  assert.deepEqual(runs.map((r) => r[2]), [0, 1, 0]);
  assert.ok(Math.abs(runs[1][0] - 100) <= 2 && Math.abs(runs[1][1] - 199) <= 2, run.out);
  const json = JSON.parse(lf('hmm', levelsCsv, '--seed', '2', '--json').out);
  assert.equal(json.posteriors, undefined);  // only with --posteriors
  assert.equal(json.fit.seed, 2);
});

test('hmm rejects bad input with the code and exit status 1', () => {
  const constant = file('constant.csv', 'x\n1\n1\n1\n1\n');
  let run = lf('hmm', constant);
  assert.equal(run.code, 1);
  assert.match(run.err, /^lf hmm: .*\[degenerate_input\]$/m);
  run = lf('hmm', levelsCsv, '--emissions', 'categorical');
  assert.equal(run.code, 1);
  assert.match(run.err, /\[invalid_argument\]/);
  run = lf('hmm', levelsCsv, '--states', '0');
  assert.equal(run.code, 1);
  assert.match(run.err, /\[invalid_parameter\]/);
  const model = file('model.json', '{"initial": [1]}');
  run = lf('hmm', levelsCsv, '--model', model, '--states', '3');
  assert.equal(run.code, 2);  // CLI usage: --model excludes the fit options
});

test('detect --member configures consensus members and prints who agreed', () => {
  const run = lf('detect', levelsCsv, '--detector', 'consensus:quorum=1,min_interval=50',
    '--member', 'hmm_regime:warmup=150,weight=2');
  assert.equal(run.code, 0, run.err);
  assert.match(run.out, /member hmm_regime 1\.0\.0, weight 2 \(.*warmup=150/);
  assert.match(run.out, /consensus\s+change\s+warning\s+1\s+1 of 1 members \(weight 2 of 2\), confirmed at \d+ \[hmm_regime\]/);
  const json = JSON.parse(lf('detect', levelsCsv, '--detector', 'consensus:quorum=1,min_interval=50',
    '--member', 'hmm_regime:warmup=150,weight=2', '--json').out);
  assert.equal(json.detectors[0].members[0].weight, 2);
  assert.deepEqual(json.alerts[0].members, ['hmm_regime']);
});

test('detect --member errors', () => {
  let run = lf('detect', levelsCsv, '--member', 'cusum');
  assert.equal(run.code, 1);
  assert.match(run.err, /--member configures a consensus detector.*\[invalid_argument\]/);
  run = lf('detect', levelsCsv, '--detector', 'consensus', '--member', 'nope');
  assert.equal(run.code, 1);
  assert.match(run.err, /\[unknown_detector\]/);
  run = lf('detect', levelsCsv, '--detector', 'consensus', '--member', 'cusum:weight');
  assert.equal(run.code, 1);
  assert.match(run.err, /--member 'cusum:weight'.*\[invalid_argument\]/);
});

// `lf risk validate FILE`: exit codes, the report, and --json matching the
// JS package's riskValidate (both are the risk/validate route). The sample's
// figures are scipy's (tests/core/signal_validator_test.cpp).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importPackage } from './helpers.mjs';
import { runCli, scratchFiles } from './cli_support.mjs';

const { createLatticeForge } = await importPackage();
const lf = await createLatticeForge();

const run = (...args) => runCli(args);

const requestFile = scratchFiles('lf-risk-validate-');

const sample = {
  returns: [0.012, -0.004, 0.008, 0.015, -0.002, 0.007, 0.011, -0.006, 0.009, 0.004],
  confidence: 0.8,
};
const weak = { statistics: { p_value: 0.2, expected_value: -0.001, sharpe: 1, confidence: 0.5 } };

test('risk validate: an accepted sample exits 0 with its figures', () => {
  const result = run('risk', 'validate', requestFile('sample.json', sample));
  assert.equal(result.code, 0, result.err);
  assert.match(result.out, /^ACCEPTED {2}p 0\.0207081, EV 0\.0054, Sharpe 11\.9335, confidence 0\.8$/m);
  assert.match(result.out, /from 10 returns: mean 0\.0054, sd 0\.00718331, t 2\.37722/);
});

test('risk validate: a rejected signal exits 3 and names every failed check', () => {
  const result = run('risk', 'validate', requestFile('weak.json', weak));
  assert.equal(result.code, 3);
  assert.match(result.out, /^REJECTED/);
  for (const line of ['p_value_too_high: 0.2 (threshold 0.05)',
                      'expected_value_not_positive: -0.001 (threshold 0)',
                      'sharpe_too_low: 1 (threshold 2)',
                      'confidence_too_low: 0.5 (threshold 0.75)']) {
    assert.ok(result.out.includes(line), line);
  }
});

test('risk validate --json prints the route response, as the JS package returns it', () => {
  for (const request of [sample, weak]) {
    const result = run('risk', 'validate', requestFile('request.json', request), '--json');
    assert.deepEqual(JSON.parse(result.out), lf.riskValidate(request));
  }
});

test('risk validate: refused input exits 1 with the code, usage errors exit 2', () => {
  const tooShort = run('risk', 'validate', requestFile('short.json', { returns: [0.1], confidence: 0.9 }));
  assert.equal(tooShort.code, 1);
  assert.match(tooShort.err, /^lf risk validate: .*\[insufficient_data\]$/m);
  const notJson = run('risk', 'validate', requestFile('broken.json', '{"returns": ['));
  assert.equal(notJson.code, 1);
  assert.match(notJson.err, /\[json_parse_error\]/);
  assert.equal(run('risk', 'validate').code, 2);
  assert.equal(run('risk', 'validate', join(tmpdir(), 'lf-test-missing-request.json')).code, 2);
});

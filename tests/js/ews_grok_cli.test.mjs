// `lf ews` and `lf grok` as a user runs them: the API's responses with
// --json (equal to the JS package's), readable reports, exit codes, messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dataUrl, importPackage } from './helpers.mjs';
import { runCli, scratchFiles } from './cli_support.mjs';

const { createLatticeForge } = await importPackage();
const lf = await createLatticeForge();

const run = (...args) => runCli(args, { maxBuffer: 64 << 20 });

const file = scratchFiles('lf-ews-grok-');

const golden = JSON.parse(readFileSync(new URL('ews/golden.json', dataUrl), 'utf8'));
const series = golden.series.ar1_ramp;
const csv = file('ramp.csv', `t,level\n${series.map((v, i) => `${i},${v}`).join('\n')}\n`);

test('lf ews --json prints the ews response, equal to the JS package', () => {
  const result = run('ews', csv, '--column', 'level', '--detrend', 'gaussian', '--bandwidth', '0.2',
    '--json');
  assert.equal(result.code, 0, result.err);
  const response = JSON.parse(result.out);
  const js = lf.earlyWarning(series, { rolling_window: 0.25, detrend: { method: 'gaussian', bandwidth: 0.2 } });
  assert.deepEqual(response, js);
  assert.equal(response.kendall_tau.ac1, golden.cases[1].expected.kendall_tau.ac1);
});

test('lf ews prints the trend of each indicator', () => {
  const result = run('ews', csv, '-c', 'level', '--window', '60', '--detrend', 'lowess', '--span', '0.3');
  assert.equal(result.code, 0, result.err);
  assert.match(result.out, /300 samples, rolling window 60 samples, detrending lowess/);
  assert.match(result.out, /span 0\.3 of the series, 3 robustifying iterations/);
  for (const name of ['variance', 'std', 'cv', 'ac1', 'skew', 'kurtosis']) {
    assert.match(result.out, new RegExp(`^${name}\\s+-?\\d\\.\\d{4}\\s`, 'm'));
  }
});

test('lf ews rejects bad input with the core error code', () => {
  let result = run('ews', csv, '-c', 'level', '--window', '400');
  assert.equal(result.code, 1);
  assert.match(result.err, /^lf ews: .*\[insufficient_data\]/);
  result = run('ews', csv, '-c', 'nope');
  assert.equal(result.code, 1);
  assert.match(result.err, /\[missing_column\]/);
  result = run('ews', csv, '-c', 'level', '--detrend', 'gaussian', '--span', '0.2');
  assert.equal(result.code, 1);
  assert.match(result.err, /\[schema_error\]/);
  result = run('ews', csv, '--detrend', 'spline');
  assert.equal(result.code, 2);  // a usage error, from the argument parser
});

// A vocabulary of 8: near-uniform for 40 tokens, then committed.
const rows = Array.from({ length: 70 }, (_, t) =>
  Array.from({ length: 8 }, (_, i) => (t < 40 ? 0.2 * Math.cos(t + 2 * i) : i === 0 ? 10 : 0)));

test('lf grok --json prints the grok response, equal to the JS package', () => {
  const path = file('logits.json', JSON.stringify(rows));
  const result = run('grok', path, '-p', 'confirm_tokens=4', '--json');
  assert.equal(result.code, 0, result.err);
  const response = JSON.parse(result.out);
  assert.deepEqual(response, lf.microGrokking({ logits: rows, parameters: { confirm_tokens: 4 } }));
  assert.equal(response.should_early_stop, true);

  // A request file, and log-probabilities.
  const request = file('request.json', JSON.stringify({ log_probs: rows }));
  assert.equal(JSON.parse(run('grok', request, '--json').out).input, 'log_probs');
  const bare = file('log_probs.json', JSON.stringify(rows));
  assert.equal(JSON.parse(run('grok', bare, '--log-probs', '--json').out).input, 'log_probs');
});

test('lf grok prints the per-token table, alerts and the early-stop verdict', () => {
  const result = run('grok', file('table.json', JSON.stringify(rows)));
  assert.equal(result.code, 0, result.err);
  assert.match(result.out, /^70 tokens, vocabulary 8 \(logits\)/);
  assert.match(result.out, /^\s+0\s+2\.0\d{3}\s+2\.0\d{3}\s+-\s+exploring$/m);
  assert.match(result.out, /^alert at token \d+: grokked \(info, score /m);
  assert.match(result.out, /^early stop: yes, since token \d+$/m);
});

test('lf grok rejects bad files with the core error code', () => {
  let result = run('grok', file('ragged.json', '[[1, 2], [1, 2, 3]]'));
  assert.equal(result.code, 1);
  assert.match(result.err, /^lf grok: logits\[1\]: .*\[length_mismatch\]/);
  result = run('grok', file('broken.json', '[[1, 2'));
  assert.equal(result.code, 1);
  assert.match(result.err, /\[json_parse_error\]/);
  result = run('grok', file('scalar.json', '42'));
  assert.match(result.err, /\[schema_error\]/);
  result = run('grok', file('ok.json', '[[1, 2]]'), '-p', 'low_ratio=2');
  assert.match(result.err, /\[invalid_parameter\]/);
  result = run('grok', file('ok2.json', '[[1, 2]]'), '-p', 'low_ratio');
  assert.match(result.err, /NAME=NUMBER.*\[invalid_argument\]/);
});

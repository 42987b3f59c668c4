// The lf CLI as a user runs it: exit codes, messages, JSON output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = process.env.LF_CLI ?? fileURLToPath(new URL('../../build/native/native/lf', import.meta.url));
const nile = fileURLToPath(new URL('../data/tcpd/nile.json', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'lf-cli-'));

function lf(...args) {
  const run = spawnSync(cli, args, { encoding: 'utf8' });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

function csvFile(name, text) {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
}

test('--help works on the program and on every command', () => {
  for (const args of [['--help'], ['detect', '--help'], ['detectors', '--help']]) {
    const run = lf(...args);
    assert.equal(run.code, 0, args.join(' '));
    assert.match(run.out, /Usage:/);
  }
});

test('detect --json prints the API response with alerts near the Nile change', () => {
  const run = lf('detect', nile, '--json', '--detector',
    'variance_compression:short_window=5,baseline_window=15,low_ratio=0.25,high_ratio=2,min_duration=3');
  assert.equal(run.code, 0, run.err);
  const response = JSON.parse(run.out);
  assert.equal(response.samples, 100);
  assert.equal(response.detectors[0].name, 'variance_compression');
  const expansion = response.alerts.find((a) => a.kind === 'expansion');
  assert.ok(expansion && Math.abs(expansion.index - 28) <= 5, JSON.stringify(response.alerts));
});

test('detect reads CSV with a named column and an ISO-8601 time column', () => {
  const rows = ['when,price,volume'];
  for (let i = 0; i < 30; i += 1) {
    const day = String(i + 1).padStart(2, '0');
    rows.push(`2024-01-${day}T00:00:00Z,${100 + (i % 3)},${i}`);
  }
  const path = csvFile('prices.csv', rows.join('\n'));
  const run = lf('detect', path, '--column', 'price', '--time-column', 'when', '--json');
  assert.equal(run.code, 0, run.err);
  const response = JSON.parse(run.out);
  assert.equal(response.samples, 30);
});

test('bad input exits non-zero with a clear, typed message', () => {
  const cases = [
    [['detect', nile, '--detector', 'nope'], 1, /unknown detector 'nope'.*\[unknown_detector\]/],
    [['detect', nile, '--detector', 'phase_transition:short_window=1'], 1, /\[invalid_parameter\]/],
    [['detect', nile, '--detector', 'phase_transition:window=5'], 1, /\[unknown_parameter\]/],
    [['detect', nile, '--detector', 'phase_transition:short_window'], 1, /not key=value/],
    [['detect', nile, '--detector', 'phase_transition:short_window=abc'], 1, /is not a number/],
    [['detect', nile, '--column', 'Flow'], 1, /no column named 'Flow'.*\[missing_column\]/],
    [['detect', csvFile('gap.csv', 'x\n1\n\n2\nNA\n')], 1, /\[non_finite_value\]/],
    [['detect', csvFile('broken.csv', 'a,b\n1,2\n3\n')], 1, /line 3.*\[csv_parse_error\]/],
    [['detect', csvFile('broken.json', '{"name": "x", ')], 1, /\[json_parse_error\]/],
    [['detect', join(scratch, 'missing.csv')], 2, /does not exist/i],
    [['frobnicate'], 2, /subcommand is required/],
  ];
  for (const [args, code, message] of cases) {
    const run = lf(...args);
    assert.equal(run.code, code, `${args.join(' ')}: ${run.err}`);
    assert.match(run.err, message, args.join(' '));
    assert.equal(run.out, '', `${args.join(' ')} printed to stdout`);
  }
});

test('--drop-invalid skips missing values and keeps source indices', () => {
  const path = csvFile('gappy.csv', 'x\n1\nNA\n3\n4\n');
  const run = lf('detect', path, '--drop-invalid', '--json');
  assert.equal(run.code, 0, run.err);
  const response = JSON.parse(run.out);
  assert.equal(response.dropped, 1);
  assert.equal(response.accepted, 3);
});

test('detectors lists the catalog', () => {
  const run = lf('detectors');
  assert.equal(run.code, 0);
  assert.match(run.out, /^phase_transition 2\.0\.0/m);
  assert.match(run.out, /^variance_compression 2\.0\.0/m);
  assert.match(run.out, /short_window = 20/);
});

// Change-point scores (the score route) through the JS package and `lf score`:
// TCPDBench's metrics.py doctest values, published per-series scores from
// tests/data/tcpd/peer_scores.json, the CLI's agreement with the package, and
// typed errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dataUrl, importPackage } from './helpers.mjs';

const { createLatticeForge } = await importPackage();
const lf = await createLatticeForge();

const cli = process.env.LF_CLI ?? fileURLToPath(new URL('../../build/native/native/lf', import.meta.url));
const annotationsFile = fileURLToPath(new URL('tcpd/annotations.json', dataUrl));

function run(...args) {
  const result = spawnSync(cli, args, { encoding: 'utf8' });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

// TCPD's centralia (n = 15), annotators 6, 7, 8, 9, 13.
const centralia = [[3, 12], [], [12], [4, 8, 12], []];

test('score: metrics.py doctest values', () => {
  assert.equal(lf.score({ annotations: [[10, 20], [11, 20], [10], [0, 5]], predictions: [10, 20], n: 100 }).f1, 1);
  const r = lf.score({ annotations: [[], [10], [50]], predictions: [10], n: 100 });
  assert.equal(r.f1, 0.9090909090909091);
  assert.equal(r.precision, 1);
  assert.equal(lf.score({ annotations: [[], [10], [50]], predictions: [], n: 100 }).f1, 0.8);
  assert.equal(lf.score({ annotations: [[10, 20], [10], [0, 5]], predictions: [10, 20], n: 45 }).cover,
    0.7962962962962963);
  assert.equal(lf.score({ annotations: [[], [10], [40]], predictions: [], n: 45 }).cover, 0.8189300411522634);
});

test('score: published TCPDBench scores on centralia (zero, bocpd, rfpop)', () => {
  const zero = lf.score({ annotations: centralia, predictions: [], n: 15 });
  assert.equal(zero.f1, 0.7628865979381444);
  assert.equal(zero.cover, 0.6746666666666667);
  const bocpd = lf.score({ annotations: centralia, predictions: [10], n: 15 });
  assert.equal(bocpd.f1, 0.9090909090909091);
  assert.equal(bocpd.cover, 0.6119047619047618);
  const rfpop = lf.score({ annotations: centralia, predictions: [1, 8, 11], n: 15 });
  assert.equal(rfpop.f1, 1);
  assert.equal(rfpop.cover, 0.5283549783549784);
});

test('score: clean applies TCPDBench cleanup, margin widens the match', () => {
  const cleaned = lf.score({ annotations: [[20]], predictions: [49, 20, 0, 20], n: 50, clean: true });
  assert.deepEqual(cleaned.predictions, [20]);
  assert.equal(cleaned.f1, 1);
  assert.equal(lf.score({ annotations: [[20]], predictions: [26], n: 50 }).recall, 0.5);
  assert.equal(lf.score({ annotations: [[20]], predictions: [26], n: 50, margin: 6 }).recall, 1);
});

test('score: bad requests throw typed errors', () => {
  assert.throws(() => lf.score({ annotations: [[10]], predictions: [], n: 10 }),
    (e) => e.code === 'invalid_argument' && e.status === 400);
  assert.throws(() => lf.score({ annotations: [[1]], predictions: [], n: 10, margin: -1 }),
    (e) => e.code === 'invalid_argument');
  assert.throws(() => lf.score({ annotations: [[1]], predictions: [], n: 0 }),
    (e) => e.code === 'empty_input' && e.status === 422);
  assert.throws(() => lf.score({ annotations: [[-1]], predictions: [], n: 10 }), (e) => e.code === 'schema_error');
  assert.throws(() => lf.score({ predictions: [], n: 10 }), (e) => e.code === 'schema_error');
});

test('lf score: TCPD annotations by series, the same figures as the package', () => {
  // Nile (n = 100): a change point at 27 scores F1 1 (shared reference values).
  const json = run('score', '--annotations', annotationsFile, '--series', 'nile', '--n', '100',
    '--predictions', '27', '--json');
  assert.equal(json.code, 0, json.err);
  const r = JSON.parse(json.out);
  assert.equal(r.f1, 1);
  assert.equal(r.cover, 0.8800821917808218);
  const text = run('score', '-a', annotationsFile, '-s', 'centralia', '--n', '15', '-p', '10');
  assert.equal(text.code, 0, text.err);
  const same = lf.score({ annotations: centralia, predictions: [10], n: 15 });
  assert.match(text.out, new RegExp(`^F1 ${same.f1.toFixed(4)} .*cover ${same.cover.toFixed(4)}`));
  assert.match(text.out, /1 change point against 5 annotators, n = 15, margin 5/);
});

test('lf score: rejected input exits 1 with the code, usage errors 2', () => {
  const outOfRange = run('score', '-a', annotationsFile, '-s', 'nile', '--n', '20');
  assert.equal(outOfRange.code, 1);
  assert.match(outOfRange.err, /^lf score: .*annotations\[.*\] = 28 is outside \[0, 20\) \[invalid_argument\]/);
  const noSeries = run('score', '-a', annotationsFile, '-s', 'atlantis', '--n', '20');
  assert.equal(noSeries.code, 1);
  assert.match(noSeries.err, /no series 'atlantis' \[schema_error\]/);
  assert.equal(run('score', '-a', annotationsFile).code, 2);
});

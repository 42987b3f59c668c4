// Transfer entropy, causal graphs and emergence through the JS package
// (wasm) and the lf CLI (native): the same core/api routes, the same values.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { dataUrl, gaussianSource, importPackage } from './helpers.mjs';

const { createLatticeForge, LatticeForgeError } = await importPackage();

const cli =
  process.env.LF_CLI ?? fileURLToPath(new URL('../../build/native/native/lf', import.meta.url));
const coupledPath = fileURLToPath(new URL('jidt/2coupledRandomCols-1.txt', dataUrl));

// Whitespace-separated numeric columns (JIDT's data files).
function readColumns(path) {
  const rows = readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line) => line.split(/\s+/).map(Number));
  return rows[0].map((_, c) => Float64Array.from(rows, (row) => row[c]));
}

function assertFails(action, code, status) {
  assert.throws(action, (error) => {
    assert.ok(error instanceof LatticeForgeError, `not a LatticeForgeError: ${error}`);
    assert.equal(error.code, code, error.message);
    assert.equal(error.status, status);
    return true;
  });
}

let lf;
before(async () => {
  lf = await createLatticeForge();
});

describe('transferEntropy', () => {
  test('reproduces JIDT on 2coupledRandomCols-1 (KSG, k = 4)', () => {
    const [col0, col1] = readColumns(coupledPath);
    const forward = lf.transferEntropy({ source: col0, target: col1 });
    assert.ok(Math.abs(forward.te - 0.3058006) < 1e-6, String(forward.te));
    assert.equal(forward.units, 'nats');
    assert.equal(forward.observations, 99);
    const reverse = lf.transferEntropy({ source: col1, target: col0, ksg: { theiler_window: 10 } });
    assert.ok(Math.abs(reverse.te - -0.0387031) < 1e-6, String(reverse.te));
  });

  test('lf te --json gives the same value as the package, bit for bit', () => {
    const run = spawnSync(cli, ['te', coupledPath, '--source', '0', '--target', '1', '--json'], {
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, run.stderr);
    const response = JSON.parse(run.stdout);
    assert.ok(Math.abs(response.te - 0.3058006) < 1e-6, String(response.te));
    const [col0, col1] = readColumns(coupledPath);
    assert.deepEqual(lf.transferEntropy({ source: col0, target: col1 }), response);
  });

  test('surrogate significance is seeded', () => {
    const [col0, col1] = readColumns(coupledPath);
    const request = { source: col0, target: col1, surrogates: { count: 19, seed: 4 } };
    const first = lf.transferEntropy(request);
    assert.equal(first.significance.p_value, 0.05);
    assert.deepEqual(lf.transferEntropy(request), first);
  });

  test('bad inputs throw typed errors', () => {
    const [col0, col1] = readColumns(coupledPath);
    assertFails(() => lf.transferEntropy({ source: col0.subarray(1), target: col1 }), 'length_mismatch', 422);
    assertFails(() => lf.transferEntropy({ source: new Float64Array(100).fill(2), target: col1 }), 'degenerate_input', 422);
    assertFails(() => lf.transferEntropy({ source: col0, target: col1, ksg: { theiler_window: 60 } }), 'insufficient_data', 422);
    const withGap = Array.from(col0);
    withGap[3] = null;
    assertFails(() => lf.transferEntropy({ source: withGap, target: col1 }), 'non_finite_value', 422);
    assertFails(() => lf.transferEntropy({ source: col0, target: col1, estimator: 'x' }), 'invalid_parameter', 400);
    assertFails(() => lf.transferEntropy('te'), 'invalid_argument', 400);
  });
});

describe('causalGraph', () => {
  test('finds the driver of a coupled pair among independent noise', () => {
    const gaussian = gaussianSource(7);
    const n = 1500;
    const series = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
    for (let t = 0; t < n; t++) {
      series[0][t] = gaussian();
      series[2][t] = gaussian();
      series[1][t] = (t > 0 ? 0.8 * series[0][t - 1] : 0) + gaussian(0.5);
    }
    const graph = lf.causalGraph({ series, names: ['driver', 'driven', 'noise'] });
    assert.deepEqual(graph.nodes, ['driver', 'driven', 'noise']);
    assert.equal(graph.edges.length, 1);
    assert.deepEqual([graph.edges[0].source, graph.edges[0].target], [0, 1]);
    assert.deepEqual(graph.centrality.in_degree, [0, 1, 0]);
    assert.equal(graph.te[0][0], 0);
  });
});

describe('emergence', () => {
  test('causal decoupling: psi = 1 - H2(0.01) bits', () => {
    // The parity of two bits keeps its value with probability 0.99; each bit
    // alone is a fair coin.
    const uniform = gaussianSource(11);
    const coin = () => uniform() > 0;
    const T = 50000;
    const x1 = new Float64Array(T);
    const x2 = new Float64Array(T);
    const v = new Float64Array(T);
    const flip = gaussianSource(12);
    for (let t = 1; t < T; t++) {
      const keep = Math.abs(flip()) < 2.5758293035489; // P(|N(0,1)| < z) = 0.99
      const parity = keep ? v[t - 1] : 1 - v[t - 1];
      x1[t] = coin() ? 1 : 0;
      x2[t] = parity === x1[t] ? 0 : 1;
      v[t] = x1[t] === x2[t] ? 0 : 1;
    }
    const result = lf.emergence({ macro: v, micro: [x1, x2], estimator: 'discrete' });
    assert.equal(result.units, 'bits');
    assert.ok(Math.abs(result.psi - 0.919206) < 0.01, String(result.psi));
    assert.ok(Math.abs(result.gamma) < 0.01, String(result.gamma));
    const verdict = lf.emergence({ macro: v, micro: [x1, x2], estimator: 'discrete', validate: {} });
    assert.equal(verdict.validation.accepted, true);
  });

  test('mismatched lengths throw', () => {
    assertFails(
      () => lf.emergence({ macro: [1, 2, 3, 4, 5], micro: [[1, 2, 3, 4]] }),
      'length_mismatch',
      422,
    );
  });
});

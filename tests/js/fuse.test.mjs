// Evidence fusion through the JS package: the pyds reference example and
// Zadeh's example (values in tests/core/fuse_test.cpp's sources), typed errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importPackage } from './helpers.mjs';

const { createLatticeForge } = await importPackage();
const lf = await createLatticeForge();

function massOf(response, set) {
  const entry = response.masses.find((m) => m.set.join() === set.join());
  return entry ? entry.mass : 0;
}

test('fuse: pyds example, Dempster rule, K = 0.45', () => {
  const response = lf.fuse({
    hypotheses: ['a', 'b', 'c', 'd'],
    sources: [
      { masses: [{ set: ['a'], mass: 0.4 }, { set: ['b'], mass: 0.2 },
                 { set: ['a', 'd'], mass: 0.1 }, { set: ['a', 'b', 'c', 'd'], mass: 0.3 }] },
      { masses: [{ set: ['b'], mass: 0.5 }, { set: ['c'], mass: 0.2 }, { set: ['a', 'c'], mass: 0.3 }] },
    ],
    rule: 'dempster',
  });
  assert.ok(Math.abs(response.conflict - 0.45) < 1e-12);
  assert.equal(response.contested, false);
  for (const [set, expected] of [[['a'], 0.15 / 0.55], [['b'], 0.25 / 0.55], [['c'], 0.06 / 0.55], [['a', 'c'], 0.09 / 0.55]]) {
    assert.ok(Math.abs(massOf(response, set) - expected) < 1e-12, set.join());
  }
});

test("fuse: Zadeh's example is contested and Yager keeps the conflict on Θ", () => {
  const sources = [
    { masses: [{ set: ['M'], mass: 0.99 }, { set: ['T'], mass: 0.01 }] },
    { masses: [{ set: ['C'], mass: 0.99 }, { set: ['T'], mass: 0.01 }] },
  ];
  const dempster = lf.fuse({ hypotheses: ['M', 'C', 'T'], sources, rule: 'dempster' });
  assert.ok(Math.abs(dempster.conflict - 0.9999) < 1e-12);
  assert.equal(dempster.contested, true);
  assert.ok(Math.abs(massOf(dempster, ['T']) - 1) < 1e-12);
  const yager = lf.fuse({ hypotheses: ['M', 'C', 'T'], sources, rule: 'yager' });
  assert.ok(Math.abs(massOf(yager, ['T']) - 0.0001) < 1e-12);
  assert.ok(Math.abs(massOf(yager, ['M', 'C', 'T']) - 0.9999) < 1e-12);
});

test('vote: numeric-equivalent answers group together', () => {
  const response = lf.vote({
    samples: [
      { answer: '42', entropy: 0.1 },
      { answer: '4.2e1', entropy: 0.2 },
      { answer: 'forty', entropy: 0.05 },
    ],
  });
  assert.equal(response.majority, '42');
  assert.equal(response.groups.find((g) => g.answer === '42').count, 2);
});

test('gate: keeps the baseline when the challenger margin is small', () => {
  const response = lf.gate({
    experts: ['base', 'challenger'], baseline: 'base', top_k: 1, margin: 0.1,
    rounds: [[{ expert: 'base', confidence: 0.80 }, { expert: 'challenger', confidence: 0.85 }]],
  });
  assert.deepEqual(response.decisions[0].selected, ['base']);
  assert.equal(response.decisions[0].reason, 'baseline_kept');
});

test('fusion errors are typed', () => {
  assert.throws(
    () => lf.fuse({ hypotheses: ['a', 'b'], sources: [{ masses: [{ set: ['a'], mass: 0.7 }] }] }),
    (error) => error.code === 'invalid_mass_function' && error.status === 400,
  );
  assert.throws(
    () => lf.fuse({ hypotheses: ['a', 'b'], sources: [{ masses: [{ set: ['z'], mass: 1 }] }] }),
    (error) => error.code === 'unknown_hypothesis',
  );
  assert.throws(() => lf.fuse('not an object'), (error) => error.code === 'invalid_argument');
});

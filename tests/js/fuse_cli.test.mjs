// `lf fuse` as a user runs it: reference values, --rule, exit codes, messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, scratchFiles } from './cli_support.mjs';


const lf = (...args) => runCli(args);

const requestFile = scratchFiles('lf-fuse-');

const masses = (entries) => entries.map(([set, mass]) => ({ set, mass }));
const massOf = (list, set) => list.find((e) => JSON.stringify(e.set) === JSON.stringify(set))?.mass ?? 0;
const close = (actual, expected, tolerance, what) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} vs ${expected}`);

// pyds' test case and Zadeh's example (reference values in docs/API.md).
const pyds = {
  hypotheses: ['a', 'b', 'c', 'd'],
  sources: [
    { name: 'm1', masses: masses([[['a'], 0.4], [['b'], 0.2], [['a', 'd'], 0.1], [['a', 'b', 'c', 'd'], 0.3]]) },
    { name: 'm2', masses: masses([[['b'], 0.5], [['c'], 0.2], [['a', 'c'], 0.3]]) },
  ],
};
const zadeh = {
  hypotheses: ['M', 'C', 'T'],
  sources: [
    { masses: masses([[['M'], 0.99], [['T'], 0.01]]) },
    { masses: masses([[['C'], 0.99], [['T'], 0.01]]) },
  ],
};

test('fuse --help documents the file and the options', () => {
  const run = lf('fuse', '--help');
  assert.equal(run.code, 0);
  assert.match(run.out, /Usage:/);
  assert.match(run.out, /--rule/);
  assert.match(run.out, /--json/);
});

test('fuse --json prints the API response: pyds under Dempster', () => {
  const run = lf('fuse', requestFile('pyds.json', pyds), '--json');
  assert.equal(run.code, 0, run.err);
  const response = JSON.parse(run.out);
  assert.equal(response.rule, 'dempster');
  close(response.conflict, 0.45, 1e-12, 'K');
  assert.equal(response.contested, false);
  close(massOf(response.masses, ['a']), 0.15 / 0.55, 1e-12, 'a');
  close(massOf(response.masses, ['b']), 0.25 / 0.55, 1e-12, 'b');
  close(massOf(response.masses, ['c']), 0.06 / 0.55, 1e-12, 'c');
  close(massOf(response.masses, ['a', 'c']), 0.09 / 0.55, 1e-12, '{a, c}');
  assert.deepEqual(response.sources.map((s) => s.name), ['m1', 'm2']);
});

test('--rule overrides the request: Zadeh under PCR5 and Yager', () => {
  const file = requestFile('zadeh.json', { ...zadeh, rule: 'dempster' });
  const pcr5 = JSON.parse(lf('fuse', file, '--rule', 'pcr5', '--json').out);
  assert.equal(pcr5.rule, 'pcr5');
  close(massOf(pcr5.masses, ['M']), 0.499851, 1e-6, 'M');
  close(massOf(pcr5.masses, ['C']), 0.499851, 1e-6, 'C');
  close(massOf(pcr5.masses, ['T']), 0.000298, 1e-6, 'T');
  assert.equal(pcr5.contested, true);
  const yager = JSON.parse(lf('fuse', file, '-r', 'yager', '--json').out);
  close(massOf(yager.masses, ['T']), 0.0001, 1e-12, 'T');
  close(massOf(yager.masses, ['M', 'C', 'T']), 0.9999, 1e-12, 'Θ');
});

test('the report shows the conflict, the contested flag and the measures', () => {
  const calm = lf('fuse', requestFile('pyds-report.json', pyds));
  assert.equal(calm.code, 0, calm.err);
  assert.match(calm.out, /rule dempster, 2 sources over \{a, b, c, d\}/);
  assert.match(calm.out, /conflict K = 0\.45,/);
  assert.match(calm.out, /\{a, c\}\s+0\.163636/);
  assert.match(calm.out, /belief\s+plausibility\s+commonality\s+pignistic/);
  assert.doesNotMatch(calm.out, /CONTESTED/);
  const split = lf('fuse', requestFile('signals.json', {
    sources: [{ name: 'momentum', signal: 3 }, { name: 'flow', signal: -3 }],
    rule: 'pcr5',
  }));
  assert.equal(split.code, 0, split.err);
  assert.match(split.out, /over \{bullish, bearish, neutral\}/);
  assert.match(split.out, /CONTESTED: K > 0\.7/);
});

test('bad requests exit non-zero with a clear, typed message', () => {
  const withMasses = (list) => ({ hypotheses: ['a', 'b'], sources: [{ masses: masses(list) }] });
  const cases = [
    [[requestFile('r.json', pyds), '--rule', 'shafer'], 1, /unknown combination rule 'shafer'.*\[invalid_argument\]/],
    [[requestFile('broken.json', '{"sources": [')], 1, /\[json_parse_error\]/],
    [[requestFile('array.json', '[1, 2]'), '--rule', 'pcr5'], 1, /\[schema_error\]/],
    [[requestFile('sum.json', withMasses([[['a'], 0.5], [['b'], 0.4]]))], 1, /sum to 0\.9.*\[invalid_mass_function\]/],
    [[requestFile('range.json', withMasses([[['a'], 1.5], [['b'], -0.5]]))], 1, /\[invalid_mass_function\]/],
    [[requestFile('empty-set.json', withMasses([[[], 0.5], [['a'], 0.5]]))], 1, /empty set.*\[invalid_mass_function\]/],
    [[requestFile('unknown.json', withMasses([[['z'], 1]]))], 1, /unknown hypothesis 'z'.*\[unknown_hypothesis\]/],
    [[requestFile('dup.json', { hypotheses: ['a', 'a'], sources: [] })], 1, /\[invalid_argument\]/],
    [[requestFile('none.json', { hypotheses: ['a'], sources: [] })], 1, /\[empty_input\]/],
    [[requestFile('total.json', {
      hypotheses: ['up', 'down'],
      sources: [{ masses: masses([[['up'], 1]]) }, { masses: masses([[['down'], 1]]) }],
    })], 1, /total conflict.*\[total_conflict\]/],
    [[join(tmpdir(), 'lf-test-missing-request.json')], 2, /does not exist/i],
  ];
  for (const [args, code, message] of cases) {
    const run = lf('fuse', ...args);
    assert.equal(run.code, code, `${args.join(' ')}: ${run.err}`);
    assert.match(run.err, message, args.join(' '));
    assert.equal(run.out, '', `${args.join(' ')} printed to stdout`);
  }
});

// The CLI and the JS package must print the same analysis of the same file:
// both go through core/api, natively and in wasm respectively.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { importPackage, readTcpdText } from './helpers.mjs';

const cli = process.env.LF_CLI ?? fileURLToPath(new URL('../../build/native/native/lf', import.meta.url));
const nile = fileURLToPath(new URL('../data/tcpd/nile.json', import.meta.url));

async function nileTable() {
  const { createLatticeForge } = await importPackage();
  const lf = await createLatticeForge();
  return { lf, table: lf.readTcpd(await readTcpdText('nile')) };
}

const detectorSpecs = [
  ['phase_transition', { short_window: 5, baseline_window: 10, threshold: 3, trend_window: 2 }],
  ['variance_compression', { short_window: 5, baseline_window: 15, low_ratio: 0.25, high_ratio: 2, min_duration: 3 }],
];

function cliDetect(file, specs) {
  const args = ['detect', file, '--json'];
  for (const [name, parameters] of specs) {
    const pairs = Object.entries(parameters).map(([key, value]) => `${key}=${value}`);
    args.push('--detector', pairs.length ? `${name}:${pairs.join(',')}` : name);
  }
  const run = spawnSync(cli, args, { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout);
}

test('lf detect --json equals the JS package on the bundled Nile series', async () => {
  const { lf, table } = await nileTable();
  const response = lf.detect({
    series: {
      name: table.columnNames[0],
      values: Array.from(table.columns[0]),
      timestamps: Array.from(table.timestamps),
    },
    detectors: detectorSpecs.map(([name, parameters]) => ({ name, parameters })),
  });
  const fromCli = cliDetect(nile, detectorSpecs);
  assert.deepEqual(fromCli, response);
  assert.ok(response.alerts.length >= 3, 'the comparison covers real alerts');
});

test('defaults agree too, alerts or not', async () => {
  const { lf, table } = await nileTable();
  const response = lf.detect({
    series: { name: table.columnNames[0], values: Array.from(table.columns[0]), timestamps: Array.from(table.timestamps) },
  });
  assert.deepEqual(cliDetect(nile, []), response);
});

// The browser dashboard end to end, in Debian's Chromium: what an analyst
// does, checked against outside truth (the CLI's output on the same file,
// the browser's own PNG decoder, lf serve's stream).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

import { WebSocketServer } from 'ws';

import { cliPath } from '../http/native_server.mjs';
import {
  artifactsDir, fixture, measurePng, openDashboard, repoRoot, useDashboard, state,
  waitForState,
} from './dashboard_support.mjs';

const env = useDashboard();

const seriesNamed = (current, name) => current.series.find((s) => s.name === name);

describe('browser dashboard', () => {
  it('opens with the demo dataset and the simulated stream, without console errors', async () => {
    const { context, page, problems } = await openDashboard(env.browser, env.server.url);
    const current = await waitForState(page, (s) => s.frames > 10, { what: '10 frames' });
    assert.equal(current.platform, 'browser');
    const nile = seriesNamed(current, 'Volume at Aswan');
    assert.ok(nile, 'the Nile series is loaded');
    assert.equal(nile.samples, 100);
    assert.equal(nile.origin, 'nile.json');
    assert.equal(current.live.simulated.running, true);
    assert.deepEqual(current.layout.map((p) => p.pane), ['Data', 'Live', 'Detectors', 'Signals', 'Alerts', 'Analysis']);
    // The Fusion panel on the Nile's last 50 years: variance_compression's
    // critical expansion (mass 0.9 on change after 0.9 reliability) against
    // phase_transition's silence (2/3 x 0.9 = 0.6 on stable). By hand:
    // K = 0.9 x 0.6 = 0.54, m(change) = 0.9 x 0.4 / 0.46 = 18/23.
    const fusion = current.panels.fusion;
    assert.equal(fusion.series, 'Volume at Aswan');
    assert.ok(Math.abs(fusion.fused.conflict - 0.54) < 1e-12, `K = ${fusion.fused.conflict}`);
    assert.ok(Math.abs(fusion.fused.masses.regime_change - 18 / 23) < 1e-12);
    assert.equal(fusion.fused.contested, false);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('analyses a CSV from the file input exactly as `lf detect --json` does', async () => {
    const { context, page, problems } = await openDashboard(env.browser, env.server.url, { query: '?empty' });
    await page.setInputFiles('#file-input', fixture('regime_shift.csv'));
    const current = await waitForState(page, (s) => s.series.length === 2, { what: 'two CSV series' });
    const value = seriesNamed(current, 'value');
    assert.equal(value.origin, 'regime_shift.csv');
    assert.equal(value.samples, 3000);

    const cli = spawnSync(cliPath(), [
      'detect', fixture('regime_shift.csv'), '--column', 'value', '--time-column', 't',
      '--detector', 'phase_transition', '--detector', 'variance_compression', '--json',
    ], { encoding: 'utf8' });
    assert.equal(cli.status, 0, cli.stderr);
    const expected = JSON.parse(cli.stdout);
    assert.ok(expected.alerts.length > 0, 'the fixture raises alerts');
    assert.deepEqual(value.detection, expected);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('keeps running and says why when a file is bad', async () => {
    const { context, page, problems } = await openDashboard(env.browser, env.server.url, { query: '?empty' });
    await page.setInputFiles('#file-input', fixture('not_a_table.csv'));
    const current = await waitForState(page, (s) => s.notifications.some((n) => n.level === 'error'),
      { what: 'an error notification' });
    const error = current.notifications.find((n) => n.level === 'error').text;
    assert.match(error, /not_a_table\.csv: .*line 3.*\[csv_parse_error\]/);
    assert.equal(current.series.length, 0);
    const frames = current.frames;
    await waitForState(page, (s) => s.frames > frames + 5, { what: 'frames after the bad file' });
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('advances the simulated stream live, detectors running on every sample', async () => {
    const { context, page } = await openDashboard(env.browser, env.server.url);
    const first = await waitForState(page, (s) => s.live.simulated.samples > 0, { what: 'simulated samples' });
    const later = await waitForState(page, (s) => s.live.simulated.samples >= first.live.simulated.samples + 50,
      { what: '50 more simulated samples' });
    const leader = seriesNamed(later, 'leader');
    assert.equal(leader.live, true);
    assert.equal(leader.samples, later.live.simulated.samples);
    assert.deepEqual(leader.detection.detectors.map((d) => d.name), ['phase_transition', 'variance_compression']);
    await context.close();
  });

  it('follows lf serve\'s /v1/stream as a live feed', async () => {
    const { context, page, problems } = await openDashboard(env.browser, env.server.url, { query: '?empty&feed=/v1/stream' });
    const current = await waitForState(page, (s) => (seriesNamed(s, 'feed')?.samples ?? 0) >= 20,
      { what: '20 samples from the feed' });
    assert.equal(current.live.feed.status, 'open');
    assert.equal(seriesNamed(current, 'feed').origin, new URL('/v1/stream', env.server.url).href);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('follows a WebSocket feed: every message form of docs/DASHBOARD.md, a bad one refused, the close shown', async () => {
    // A feed server as a user would run one (the `ws` package), on loopback.
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((resolve) => server.once('listening', resolve));
    const messages = [
      '{"t": 1, "value": 0.5}',
      '[{"t": 2, "value": 0.6}, {"t": 3, "value": 0.7}]',
      '{"series": "price", "t": 3, "value": 101}',
      '{"t": 4, "values": {"price": 102, "volume": 7}}',
      'not json',
      '[{"t": 5, "value": 0.8}, {"t": 6, "value": "high"}]',
      '{"timestamp": 5, "value": 0.9}',
    ];
    server.on('connection', (socket) => {
      for (const message of messages) socket.send(message);
      socket.close(1000, 'done');
    });
    try {
      const url = `ws://127.0.0.1:${server.address().port}/`;
      const { context, page, problems } = await openDashboard(env.browser, env.server.url,
        { query: `?empty&feed=${encodeURIComponent(url)}` });
      const current = await waitForState(page, (s) => s.live.feed.status === 'closed',
        { what: 'the feed closed by its server' });
      assert.equal(current.live.feed.url, url);
      assert.equal(current.live.feed.detail, 'closed (code 1000)');
      // "not json", and the array with a string value: refused whole; the
      // other five taken.
      assert.equal(current.live.feed.rejected, 2);
      assert.equal(current.live.feed.messages, messages.length - 2);
      assert.equal(seriesNamed(current, 'feed').samples, 4);
      assert.equal(seriesNamed(current, 'feed').origin, url);
      assert.equal(seriesNamed(current, 'price').samples, 2);
      assert.equal(seriesNamed(current, 'volume').samples, 1);
      assert.deepEqual(problems, []);
      await context.close();
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('renders a non-blank frame, and exports the plots as a PNG and the alerts as CSV', async () => {
    const { context, page } = await openDashboard(env.browser, env.server.url);
    await waitForState(page, (s) => s.live.simulated.samples > 200, { what: '200 simulated samples' });
    mkdirSync(artifactsDir, { recursive: true });
    const screenshot = await page.screenshot({ path: path.join(artifactsDir, 'dashboard-browser.png') });
    const frame = await measurePng(page, screenshot);
    assert.equal(frame.width, 1600);
    assert.ok(frame.variance > 100, `screenshot grey-level variance ${frame.variance}`);

    await page.locator('#canvas').focus();
    const [png] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('p')]);
    assert.equal(png.suggestedFilename(), 'latticeforge-plots.png');
    const plots = await measurePng(page, readFileSync(await png.path()));
    assert.ok(plots.width > 300 && plots.height > 200, `plot export ${plots.width}x${plots.height}`);
    assert.ok(plots.variance > 50, `plot export grey-level variance ${plots.variance}`);

    const [csv] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('e')]);
    const lines = readFileSync(await csv.path(), 'utf8').trim().split('\n');
    assert.equal(lines[0], 'series,origin,index,timestamp,detector,version,kind,severity,score,detail');
    const nile = seriesNamed(await state(page), 'Volume at Aswan');
    const nileRows = lines.filter((line) => line.startsWith('Volume at Aswan,nile.json,'));
    assert.equal(nileRows.length, nile.detection.alerts.length);
    await context.close();
  });

  it('opens a dropped PCS record in the Verification panel and verifies it', async () => {
    const { context, page, problems } = await openDashboard(env.browser, env.server.url, { query: '?empty' });
    // Fractal LBA's golden record (tests/data/fractal-lba): a valid PCS.
    await page.setInputFiles('#file-input', path.join(repoRoot, 'tests/data/fractal-lba/pcs_tiny_case_1.json'));
    const current = await waitForState(page, (s) => s.panels.verify.verdict !== null, { what: 'a PCS verdict' });
    const { document, verdict } = current.panels.verify;
    assert.equal(document.name, 'pcs_tiny_case_1.json');
    assert.equal(document.kind, 'PCS record');
    assert.equal(verdict.outcome, 'accepted');
    assert.equal(verdict.status, 200);
    assert.equal(current.series.length, 0, 'a PCS record is not a dataset');
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('draws at the device pixel ratio on HiDPI screens', async () => {
    const { context, page } = await openDashboard(env.browser, env.server.url, {
      query: '?empty', viewport: { width: 800, height: 600 }, deviceScaleFactor: 2,
    });
    await waitForState(page, (s) => s.frames > 3, { what: 'frames' });
    const size = await page.evaluate(() => {
      const canvas = document.getElementById('canvas');
      return { width: canvas.width, height: canvas.height, css: canvas.clientWidth };
    });
    assert.deepEqual(size, { width: 1600, height: 1200, css: 800 });
    await context.close();
  });

  it('shows the keyboard help on F1', async () => {
    const { context, page } = await openDashboard(env.browser, env.server.url, { query: '?empty' });
    await page.locator('#canvas').focus();
    await page.keyboard.press('F1');
    await waitForState(page, (s) => s.help_open, { what: 'the help overlay' });
    await page.keyboard.press('Escape');
    await waitForState(page, (s) => !s.help_open, { what: 'the help overlay to close' });
    await context.close();
  });
});

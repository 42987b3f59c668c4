// The desktop dashboard under Xvfb: it renders a real frame (read back with
// glReadPixels into a PNG, decoded here by Chromium's decoder), with the
// same panes as the browser and the same analysis of the same file.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

import {
  artifactsDir, desktopPath, fixture, measurePng, openDashboard, useDashboard,
  runUnderXvfb, waitForState,
} from './dashboard_support.mjs';

const env = useDashboard();

describe('desktop dashboard (Xvfb)', () => {
  it('renders the browser\'s panes and analysis in a real OpenGL frame', async () => {
    mkdirSync(artifactsDir, { recursive: true });
    const screenshot = path.join(artifactsDir, 'dashboard-desktop.png');
    const statePath = path.join(artifactsDir, 'dashboard-desktop.json');
    const run = await runUnderXvfb(desktopPath, [
      '--empty', fixture('regime_shift.csv'), '--width', '1600', '--height', '900',
      '--frames', '30', '--screenshot', screenshot, '--state', statePath,
    ]);
    assert.equal(run.code, 0, run.err);
    const desktop = JSON.parse(readFileSync(statePath, 'utf8'));
    assert.equal(desktop.platform, 'desktop');

    const { context, page } = await openDashboard(env.browser, env.server.url, { query: '?empty' });
    const frame = await measurePng(page, readFileSync(screenshot));
    assert.deepEqual([frame.width, frame.height], [1600, 900]);
    assert.ok(frame.variance > 100, `desktop frame grey-level variance ${frame.variance}`);

    await page.setInputFiles('#file-input', fixture('regime_shift.csv'));
    const browserState = await waitForState(page, (s) => s.series.length === 2, { what: 'two CSV series' });
    // Same panes at the same places (fractions of the window) ...
    assert.deepEqual(desktop.layout, browserState.layout);
    // ... and the same figures from the same core.
    assert.deepEqual(desktop.series.map((s) => s.detection), browserState.series.map((s) => s.detection));
    await context.close();
  });

  it('refuses bad options with a clear message', async () => {
    const run = await runUnderXvfb(desktopPath, ['--screenshot', '/tmp/x.png']);
    assert.equal(run.code, 2);
    assert.match(run.err, /--screenshot needs --frames N/);
  });
});

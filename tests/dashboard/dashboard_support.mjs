// The dashboard as an analyst gets it, for the browser and desktop suites:
// `lf serve` serving the built dashboard (build/wasm/dashboard) with the Nile
// replaying into /v1/stream, Debian's Chromium driven by playwright-core
// (flags from TOOLCHAIN.md), and the desktop binary under Xvfb.
//
// Paths: $LF_CLI (lf), $LF_WEB_DIR (the browser build), $LF_DASHBOARD (the
// desktop binary); defaults are the `make build` outputs.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

import { repoRoot, startNative } from '../http/native_server.mjs';

export { repoRoot };

export const webDir = path.resolve(repoRoot, process.env.LF_WEB_DIR ?? 'build/wasm/dashboard');
export const desktopPath = path.resolve(repoRoot, process.env.LF_DASHBOARD ?? 'build/native/native/lf-dashboard');
// Screenshots and state dumps the suites leave for a human to look at.
export const artifactsDir = path.join(repoRoot, 'build/test-artifacts');
export const fixture = (name) => path.join(repoRoot, 'tests/dashboard/fixtures', name);

const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--enable-unsafe-swiftshader',
];

// lf serve with the dashboard's files and a replayed series on /v1/stream.
export function startDashboardServer() {
  return startNative({
    noAuth: true,
    args: ['--static', webDir, '--replay', path.join(repoRoot, 'tests/data/tcpd/nile.json'), '--speed', '50'],
  });
}

export function launchChromium() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

// One server and one browser for a test file, started before its tests and
// stopped after them: `const env = useDashboard();` then env.server.url and
// env.browser inside the tests.
export function useDashboard() {
  const env = {};
  before(async () => {
    env.server = await startDashboardServer();
    env.browser = await launchChromium();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}

// A page on the dashboard, with every console error and uncaught exception
// collected in `problems`; resolves once the app reports ready.
export async function openDashboard(browser, url, { query = '', viewport = { width: 1600, height: 900 }, deviceScaleFactor = 1 } = {}) {
  const context = await browser.newContext({ viewport, deviceScaleFactor, acceptDownloads: true });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
  page.on('pageerror', (error) => problems.push(String(error)));
  await page.goto(`${url}/${query}`);
  await page.waitForFunction(() => window.lf !== undefined);
  await page.evaluate(() => window.lf.ready);
  return { context, page, problems };
}

export const state = (page) => page.evaluate(() => window.lf.state());

// Waits until predicate(state) holds (polling the test hook); returns it.
export async function waitForState(page, predicate, { timeout = 20_000, what = 'state' } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const current = await state(page);
    if (predicate(current)) return current;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(current).slice(0, 2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// Decodes a PNG with the browser's own decoder (an outside implementation of
// the format) and measures it: size and the variance of the grey levels.
export async function measurePng(page, bytes) {
  return page.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = new OffscreenCanvas(image.width, image.height);
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    const { data } = context.getImageData(0, 0, image.width, image.height);
    let sum = 0;
    let sumSquares = 0;
    const pixels = data.length / 4;
    for (let i = 0; i < data.length; i += 4) {
      const grey = 0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2];
      sum += grey;
      sumSquares += grey * grey;
    }
    const mean = sum / pixels;
    return { width: image.width, height: image.height, variance: sumSquares / pixels - mean * mean };
  }, Buffer.from(bytes).toString('base64'));
}

// Runs `command args` to completion under a virtual X server.
export function runUnderXvfb(command, args, { timeout = 120_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn('xvfb-run', ['-a', '-s', '-screen 0 1920x1080x24', command, ...args], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => { out += chunk; });
    child.stderr.on('data', (chunk) => { err += chunk; });
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`timed out: ${command}`)); }, timeout);
    child.on('exit', (code) => { clearTimeout(timer); resolve({ code, out, err }); });
  });
}

// The browser dashboard's speed figures (issue 8), measured in Debian's
// headless Chromium against `lf serve --static` exactly as the browser tests
// run it (tests/dashboard/dashboard_support.mjs). Method and the meaning of
// every figure: bench/dashboard/README.md. Figures are reported, never
// asserted; the run fails only when the page itself fails.
//
//   node bench/dashboard/run.mjs [--runs 3] [--parts size,first,csv,frames]
//                                [--configs 16x1000000,1x1000000,16x100000,empty] [--profile]
//
// $LF_CLI (lf) and $LF_WEB_DIR (the browser build, default build/wasm/dashboard)
// as in dashboard_support.mjs. Prints a table per part and, last, one JSON
// summary line prefixed `summary: `.
import { once } from 'node:events';
import {
  createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';

import {
  launchChromium, openDashboard, startDashboardServer, state, waitForState, webDir,
} from '../../tests/dashboard/dashboard_support.mjs';

const { values: options } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    parts: { type: 'string', default: 'size,first,csv,frames' },
    profile: { type: 'boolean', default: false },
    configs: { type: 'string', default: '16x1000000,1x1000000,16x100000,empty' },
  },
});
const RUNS = Number(options.runs);
const PARTS = new Set(options.parts.split(','));

const VIEWPORT = { width: 1600, height: 900 };  // openDashboard's default, stated in the output
const FRAME_CONFIGS = options.configs.split(',');
const SETTLE_MS = 2000;
const WINDOW_MS = 5000;
const CSV_ROWS = 1_000_000;
const CSV_POLL_MS = 20;
const LOAD_TIMEOUT_MS = 300_000;
const SIZE_TARGET_BYTES = 3 * 1024 * 1024;

// --- Small helpers ----------------------------------------------------------

const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

function quantile(sorted, q) {
  if (sorted.length === 0) return NaN;
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

// Median and range over the runs, the form RESULTS.md records.
function spread(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: quantile(sorted, 0.5), min: sorted[0], max: sorted[sorted.length - 1], runs: values };
}

const fixed = (x, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : String(x));
const showSpread = (s, digits = 1) => `${fixed(s.median, digits)} (${fixed(s.min, digits)}-${fixed(s.max, digits)})`;

function printTable(title, header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  console.log(`\n${title}`);
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), ms); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function checkProblems(problems, what) {
  if (problems.length > 0) throw new Error(`${what}: the page reported errors:\n${problems.join('\n')}`);
}

// --- 4. Size: what a server sends with gzip -9 -------------------------------

// The files the page loads. The CMake binary directory of web/ is also where
// they are assembled, so other files (static libraries, generated sources)
// sit beside them: they are listed, not counted.
const PAGE_FILES = ['index.html', 'dashboard.js', 'lf_dashboard.mjs', 'lf_dashboard.wasm'];

function measureSize() {
  const others = readdirSync(webDir).filter((name) => !PAGE_FILES.includes(name)).sort();
  const rows = PAGE_FILES.map((name) => {
    const bytes = readFileSync(path.join(webDir, name));
    return {
      file: name,
      raw: bytes.length,
      gzip9: zlib.gzipSync(bytes, { level: 9 }).length,
      brotli11: zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  });
  const total = (key) => rows.reduce((sum, r) => sum + r[key], 0);
  const totals = { raw: total('raw'), gzip9: total('gzip9'), brotli11: total('brotli11') };
  return { files: rows, totals, target_gzip_bytes: SIZE_TARGET_BYTES, met: totals.gzip9 <= SIZE_TARGET_BYTES, others };
}

// --- 3. First frame after navigation ------------------------------------------

// Installed before the page's own scripts: notes when lf.ready resolves and
// when the first animation-frame callback that leaves state().frames >= 1
// ends. performance.now() counts from navigation start.
function firstFrameProbe() {
  const marks = { ready: null, first_frame: null };
  window.__lfBenchFirst = marks;
  let hook;
  Object.defineProperty(window, 'lf', {
    configurable: true,
    get: () => hook,
    set(value) {
      hook = value;
      value.ready.then(() => { marks.ready = performance.now(); });
    },
  });
  const original = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (callback) => original((timestamp) => {
    callback(timestamp);
    if (marks.ready !== null && marks.first_frame === null && hook.state().frames >= 1) {
      marks.first_frame = performance.now();
    }
  });
}

async function readFirstFrameMarks(page) {
  await page.waitForFunction(() => window.__lfBenchFirst?.first_frame !== null, null, { timeout: 60_000 });
  return page.evaluate(() => {
    const resource = (suffix) => performance.getEntriesByType('resource').find((r) => r.name.endsWith(suffix));
    const navigation = performance.getEntriesByType('navigation')[0];
    const paint = Object.fromEntries(performance.getEntriesByType('paint').map((p) => [p.name, p.startTime]));
    const wasm = resource('lf_dashboard.wasm');
    const mjs = resource('lf_dashboard.mjs');
    return {
      ...window.__lfBenchFirst,
      html_response_end: navigation.responseEnd,
      dom_content_loaded: navigation.domContentLoadedEventEnd,
      mjs_response_end: mjs?.responseEnd ?? null,
      wasm_response_end: wasm?.responseEnd ?? null,
      first_contentful_paint: paint['first-contentful-paint'] ?? null,
      served_bytes: performance.getEntriesByType('resource').concat([navigation])
        .reduce((sum, r) => sum + r.encodedBodySize, 0),
    };
  });
}

async function measureFirstFrame(browser, url) {
  const runs = [];
  for (let run = 0; run < RUNS; run++) {
    // A fresh context is an empty HTTP cache (and no cached wasm code): cold.
    const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
    await context.addInitScript(firstFrameProbe);
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (error) => problems.push(String(error)));
    page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
    await page.goto(`${url}/`);
    const cold = await readFirstFrameMarks(page);
    // The same page reloaded: files (and Chromium's wasm code cache) warm.
    await page.reload();
    const warm = await readFirstFrameMarks(page);
    const current = await state(page);
    if (current.frames < 1 || current.series.length === 0) throw new Error('first frame: the demo dataset is not on screen');
    checkProblems(problems, 'first frame');
    runs.push({ cold, warm });
    await context.close();
  }
  return runs;
}

// --- 2. A 1,000,000-row CSV through the file input ----------------------------

// t = row index, value = a seeded random walk (xorshift32, 6 decimals): the
// same file on every run, written once to /tmp (under another name until
// complete, so an interrupted run leaves no short file behind to reuse).
async function writeCsv(rows) {
  const dir = path.join(os.tmpdir(), 'lf-bench-dashboard');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `walk-${rows}.csv`);
  if (existsSync(file)) return file;
  const partial = `${file}.${process.pid}.partial`;
  const out = createWriteStream(partial);
  let state32 = 2463534242;
  let level = 0;
  let chunk = 't,value\n';
  for (let i = 0; i < rows; i++) {
    state32 ^= state32 << 13; state32 >>>= 0;
    state32 ^= state32 >>> 17;
    state32 ^= state32 << 5; state32 >>>= 0;
    level += state32 / 4294967296 - 0.5;
    chunk += `${i},${level.toFixed(6)}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  renameSync(partial, file);
  return file;
}

// Installed after the page is ready. Times, in the page, from the file
// input's change event: Blob.text() (the file read into a JS string, the
// JS side), then the microtask right after dashboard.openFile() returns
// (copying the text into wasm, CSV parse, series checks, min/max pyramid,
// detection: the wasm side, one synchronous call), the end of the next
// animation frame (the series drawn), and the first poll of lf.state() that
// shows every row with its detection.
function csvProbe({ rows, pollMs }) {
  window.__lfBenchCsv = new Promise((resolve) => {
    const marks = {};
    const originalText = Blob.prototype.text;
    Blob.prototype.text = function text() {
      marks.read_start = performance.now();
      return new Promise((resolveText, rejectText) => {
        originalText.call(this).then((content) => {
          marks.read_end = performance.now();
          // Queued after the page's `await file.text()` continuation, which
          // calls dashboard.openFile() synchronously: runs once it returns.
          resolveText(content);
          queueMicrotask(() => {
            marks.open_file_returned = performance.now();
            // The app's own callback was queued a frame earlier, so it runs
            // first: this one ends just after the frame that draws the series.
            requestAnimationFrame(() => { marks.next_frame_end = performance.now(); });
          });
        }, rejectText);
      });
    };
    const poll = () => {
      // The call is synchronous: what it returns held when it began.
      const asked = performance.now();
      const series = window.lf.state().series[0];
      if (series && series.samples === rows && series.detection && series.error === '') {
        marks.seen = asked;
        marks.alerts = series.detection.alerts.length;
        Blob.prototype.text = originalText;
        resolve(marks);
      } else {
        setTimeout(poll, pollMs);
      }
    };
    window.addEventListener('change', () => {
      marks.change = performance.now();
      setTimeout(poll, pollMs);
    }, { capture: true, once: true });
  });
}

async function measureCsv(browser, url) {
  const file = await writeCsv(CSV_ROWS);
  const runs = [];
  let profile = null;
  for (let run = 0; run < RUNS + (options.profile ? 1 : 0); run++) {
    const { context, page, problems } = await openDashboard(browser, url, { query: '?empty' });
    await page.evaluate(csvProbe, { rows: CSV_ROWS, pollMs: CSV_POLL_MS });
    // With --profile, one more run is profiled (and not timed: the profiler slows it).
    const profiling = run === RUNS;
    const cdp = profiling ? await context.newCDPSession(page) : null;
    if (profiling) await startProfile(cdp);
    const started = performance.now();
    await page.setInputFiles('#file-input', file);
    const marks = await withTimeout(page.evaluate(() => window.__lfBenchCsv), LOAD_TIMEOUT_MS, 'the CSV analysis');
    const wall = performance.now() - started;
    if (profiling) {
      profile = await stopProfile(cdp);
      checkProblems(problems, 'CSV');
      await context.close();
      continue;
    }
    const stateStart = await page.evaluate(() => { const t = performance.now(); window.lf.state(); return performance.now() - t; });
    checkProblems(problems, 'CSV');
    runs.push({
      total_ms: marks.seen - marks.change,
      read_ms: marks.read_end - marks.read_start,
      open_file_ms: marks.open_file_returned - marks.read_end,
      until_open_file_returned_ms: marks.open_file_returned - marks.change,
      until_next_frame_ms: marks.next_frame_end - marks.change,
      node_wall_ms: wall,
      state_call_ms: stateStart,
      alerts: marks.alerts,
    });
    await context.close();
  }
  return { file, bytes: statSync(file).size, rows: CSV_ROWS, poll_ms: CSV_POLL_MS, runs, profile };
}

// --- 1. Frame time with many points on screen ---------------------------------

// CPU time of every thread under this process (Chromium's browser, renderer,
// GPU and utility processes, and lf serve), keyed "process type/thread name":
// where a frame's work goes besides the page's main thread (WebGL is
// SwiftShader in the GPU process). Clock ticks of 10 ms (CLK_TCK 100).
const TICK_MS = 10;

function readProc(file) {
  try { return readFileSync(file, 'utf8'); } catch { return null; }
}

function statFields(text) {
  // Fields from the third on: the name in parentheses may hold spaces.
  return text.slice(text.lastIndexOf(')') + 2).split(' ');
}

function threadCpu() {
  const children = new Map();
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    const stat = readProc(`/proc/${pid}/stat`);
    if (!stat) continue;
    const parent = statFields(stat)[1];
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent).push(pid);
  }
  const ticks = new Map();
  const pending = [...(children.get(String(process.pid)) ?? [])];
  while (pending.length > 0) {
    const pid = pending.pop();
    pending.push(...(children.get(pid) ?? []));
    const cmdline = readProc(`/proc/${pid}/cmdline`) ?? '';
    const type = /--type=([\w-]+)/.exec(cmdline)?.[1] ?? path.basename(cmdline.split('\0')[0] || '?');
    let threads = [];
    try { threads = readdirSync(`/proc/${pid}/task`); } catch { continue; }
    for (const tid of threads) {
      const stat = readProc(`/proc/${pid}/task/${tid}/stat`);
      if (!stat) continue;
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = statFields(stat);
      const key = `${type}/${name}`;
      ticks.set(key, (ticks.get(key) ?? 0) + Number(fields[11]) + Number(fields[12]));
    }
  }
  return ticks;
}

// CPU ms per frame by thread over a window, the busiest first.
function cpuPerFrame(before, after, frames) {
  const out = [];
  for (const [key, value] of after) {
    const ms = (value - (before.get(key) ?? 0)) * TICK_MS;
    if (ms > 0) out.push({ thread: key, ms_per_frame: ms / frames });
  }
  return out.sort((a, b) => b.ms_per_frame - a.ms_per_frame);
}

// For windowMs, in the page: the timestamps of every animation frame (their
// intervals are the frame times the analyst sees) and how long the app's own
// animation-frame callback (one ImGui frame: layout, plots, WebGL calls)
// runs on the main thread.
function frameProbe(windowMs) {
  return new Promise((resolve) => {
    const original = window.requestAnimationFrame;
    const callbackMs = [];
    window.requestAnimationFrame = (callback) => original.call(window, (timestamp) => {
      const start = performance.now();
      callback(timestamp);
      callbackMs.push(performance.now() - start);
    });
    const stamps = [];
    const begin = performance.now();
    const tick = (timestamp) => {
      stamps.push(timestamp);
      if (performance.now() - begin < windowMs) {
        original.call(window, tick);
      } else {
        window.requestAnimationFrame = original;
        resolve({ stamps, callbackMs });
      }
    };
    original.call(window, tick);
  });
}

function summariseFrames({ stamps, callbackMs }) {
  const intervals = stamps.slice(1).map((t, i) => t - stamps[i]).sort((a, b) => a - b);
  const callbacks = [...callbackMs].sort((a, b) => a - b);
  return {
    frames: intervals.length,
    interval_median_ms: quantile(intervals, 0.5),
    interval_p95_ms: quantile(intervals, 0.95),
    interval_max_ms: intervals[intervals.length - 1],
    mean_fps: (1000 * intervals.length) / (stamps[stamps.length - 1] - stamps[0]),
    app_callback_median_ms: quantile(callbacks, 0.5),
    app_callback_p95_ms: quantile(callbacks, 0.95),
  };
}

// A configuration is COUNTxPOINTS synthetic series, or `empty`: the page
// with nothing loaded, the floor set by the renderer itself.
async function measureFrameConfig(browser, url, config) {
  const count = config === 'empty' ? 0 : Number(config.split('x')[0]);
  const query = config === 'empty' ? '?empty' : `?empty&synthetic=${config}`;
  const opened = performance.now();
  const { context, page, problems } = await withTimeout(
    openDashboard(browser, url, { query }), LOAD_TIMEOUT_MS, `page ${query}`);
  const loaded = await waitForState(page, (s) => s.series.length === count && s.series.every((x) => x.detection),
    { timeout: LOAD_TIMEOUT_MS, what: `${count} synthetic series` });
  const loadMs = performance.now() - opened;
  const alerts = loaded.series.reduce((sum, s) => sum + s.detection.alerts.length, 0);
  await page.waitForTimeout(SETTLE_MS);

  const cpuBefore = threadCpu();
  const raw = await page.evaluate(frameProbe, WINDOW_MS);
  const cpuAfter = threadCpu();
  const frames = summariseFrames(raw);
  const threads = cpuPerFrame(cpuBefore, cpuAfter, frames.frames);
  frames.app_fps = (await state(page)).fps;
  frames.state_call_ms = await page.evaluate(() => { const t = performance.now(); window.lf.state(); return performance.now() - t; });
  frames.load_ms = loadMs;
  frames.alerts = alerts;

  let profile = null;
  if (options.profile && config === FRAME_CONFIGS[0]) {
    const cdp = await context.newCDPSession(page);
    await startProfile(cdp);
    await page.waitForTimeout(WINDOW_MS);
    profile = await stopProfile(cdp);
  }
  checkProblems(problems, `frames ${config}`);
  await context.close();
  return { frames, threads, profile };
}

// A sampling CPU profile (CDP Profiler, 0.5 ms) of the page's main thread:
// self and inclusive time per function, top 20 each. Wasm functions carry
// names only in a build linked with --profiling-funcs (see README.md).
async function startProfile(cdp) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
}

async function stopProfile(cdp) {
  const { profile } = await cdp.send('Profiler.stop');
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const label = (n) => n.callFrame.functionName || `(anonymous ${path.basename(n.callFrame.url || '?')})`;
  const self = new Map();
  const inclusive = new Map();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] / 1000;
    total += dt;
    self.set(label(byId.get(id)), (self.get(label(byId.get(id))) ?? 0) + dt);
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) seen.add(label(byId.get(at)));
    for (const name of seen) inclusive.set(name, (inclusive.get(name) ?? 0) + dt);
  });
  const top = (map) => [...map].sort((a, b) => b[1] - a[1]).slice(0, 20)
    .map(([name, ms]) => ({ name, ms, share: ms / total }));
  return { sampled_ms: total, self: top(self), inclusive: top(inclusive) };
}

function printProfile(title, profile) {
  const rows = (list) => list.map((f) => [f.name.slice(0, 90), fixed(f.ms, 0), fixed(100 * f.share, 1)]);
  printTable(`${title}, ${fixed(profile.sampled_ms, 0)} ms sampled: self time`, ['function', 'ms', 'share %'], rows(profile.self));
  printTable('inclusive time', ['function', 'ms', 'share %'], rows(profile.inclusive));
}

async function measureFrames(browser, url) {
  const results = Object.fromEntries(FRAME_CONFIGS.map((c) => [c, []]));
  const threadRuns = Object.fromEntries(FRAME_CONFIGS.map((c) => [c, []]));
  const profiles = [];
  // The configurations alternate, so each gets the same chances at a quiet moment.
  for (let run = 0; run < RUNS; run++) {
    for (const config of FRAME_CONFIGS) {
      const { frames, threads, profile } = await measureFrameConfig(browser, url, config);
      results[config].push(frames);
      threadRuns[config].push(threads);
      if (profile) profiles.push(profile);
    }
  }
  // Per thread: the median over the runs of its CPU ms per frame.
  const threads = Object.fromEntries(FRAME_CONFIGS.map((config) => {
    const names = new Set(threadRuns[config].flat().map((t) => t.thread));
    const rows = [...names].map((thread) => ({
      thread,
      ms_per_frame: spread(threadRuns[config].map((run) => run.find((t) => t.thread === thread)?.ms_per_frame ?? 0)),
    }));
    return [config, rows.sort((a, b) => b.ms_per_frame.median - a.ms_per_frame.median).slice(0, 8)];
  }));
  return { results, threads, profile: profiles[0] ?? null };
}

// --- Main ---------------------------------------------------------------------

async function main() {
  const summary = {
    web_dir: webDir,
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model },
    viewport: { ...VIEWPORT, device_scale_factor: 1 },
    runs: RUNS,
  };
  console.log(`dashboard bench: ${webDir}, ${RUNS} runs per figure, viewport ${VIEWPORT.width}x${VIEWPORT.height} @1x`);

  if (PARTS.has('size')) {
    const size = measureSize();
    summary.size = size;
    printTable('Size (gzip -9 and brotli q11 by Node zlib)',
      ['file', 'raw bytes', 'gzip -9', 'brotli 11'],
      [...size.files.map((f) => [f.file, f.raw, f.gzip9, f.brotli11]),
        ['total', size.totals.raw, size.totals.gzip9, size.totals.brotli11]]);
    console.log(`gzip total ${(size.totals.gzip9 / 1048576).toFixed(2)} MiB vs target 3 MiB: ${size.met ? 'met' : 'NOT met'}`);
    if (size.others.length > 0) console.log(`not counted (the page does not load them): ${size.others.join(' ')}`);
  }

  const server = await startDashboardServer();
  const browser = await launchChromium();
  summary.chromium = browser.version();
  console.log(`Chromium ${summary.chromium} headless, software GL (SwiftShader; --disable-gpu)`);
  try {
    if (PARTS.has('first')) {
      const load = { before: loadavg() };
      const runs = await measureFirstFrame(browser, server.url);
      load.after = loadavg();
      const pick = (kind, key) => spread(runs.map((r) => r[kind][key]));
      const figure = (kind) => ({
        ready_ms: pick(kind, 'ready'), first_frame_ms: pick(kind, 'first_frame'),
        wasm_response_end_ms: pick(kind, 'wasm_response_end'), first_contentful_paint_ms: pick(kind, 'first_contentful_paint'),
        served_bytes: runs[0][kind].served_bytes,
      });
      summary.first_frame = { load, cold: figure('cold'), warm: figure('warm') };
      printTable(`First frame, default page (demo + simulated stream); ms from navigation start, median (range) of ${RUNS}; load ${load.before} -> ${load.after}`,
        ['', 'wasm fetched', 'lf.ready', 'first frame', 'FCP (loading text)'],
        ['cold', 'warm'].map((kind) => [kind,
          showSpread(summary.first_frame[kind].wasm_response_end_ms), showSpread(summary.first_frame[kind].ready_ms),
          showSpread(summary.first_frame[kind].first_frame_ms), showSpread(summary.first_frame[kind].first_contentful_paint_ms)]));
      console.log(`bytes lf serve sent for the page (encoded bodies, resource timing): ${summary.first_frame.cold.served_bytes}`);
    }

    if (PARTS.has('csv')) {
      const load = { before: loadavg() };
      const csv = await measureCsv(browser, server.url);
      load.after = loadavg();
      const pick = (key) => spread(csv.runs.map((r) => r[key]));
      summary.csv = {
        load, file: csv.file, bytes: csv.bytes, rows: csv.rows, poll_ms: csv.poll_ms, alerts: csv.runs[0].alerts,
        total_ms: pick('total_ms'), read_ms: pick('read_ms'), open_file_ms: pick('open_file_ms'),
        until_open_file_returned_ms: pick('until_open_file_returned_ms'), until_next_frame_ms: pick('until_next_frame_ms'),
        node_wall_ms: pick('node_wall_ms'), state_call_ms: pick('state_call_ms'),
      };
      printTable(`1,000,000-row CSV (${(csv.bytes / 1e6).toFixed(1)} MB) via the file input; ms from the change event, median (range) of ${RUNS}; poll every ${CSV_POLL_MS} ms; load ${load.before} -> ${load.after}`,
        ['step', 'ms'],
        [['file read (Blob.text, JS)', showSpread(summary.csv.read_ms)],
          ['openFile: parse + analyse (wasm)', showSpread(summary.csv.open_file_ms)],
          ['change -> openFile returned', showSpread(summary.csv.until_open_file_returned_ms)],
          ['change -> next frame drawn', showSpread(summary.csv.until_next_frame_ms)],
          ['change -> state() shows 1M + detection', showSpread(summary.csv.total_ms)],
          ['setInputFiles -> seen (Node wall)', showSpread(summary.csv.node_wall_ms)],
          ['one lf.state() call afterwards', showSpread(summary.csv.state_call_ms, 2)]]);
      console.log(`target <= 2000 ms (change -> analysed): ${summary.csv.total_ms.median <= 2000 ? 'met' : 'NOT met'}`);
      if (csv.profile) {
        summary.csv.profile = csv.profile;
        printProfile('CPU profile of the main thread from setInputFiles to the analysed series (one extra run)', csv.profile);
      }
    }

    if (PARTS.has('frames')) {
      const load = { before: loadavg() };
      const { results, threads, profile } = await measureFrames(browser, server.url);
      load.after = loadavg();
      summary.frames = { load, settle_ms: SETTLE_MS, window_ms: WINDOW_MS };
      for (const [config, runs] of Object.entries(results)) {
        const pick = (key) => spread(runs.map((r) => r[key]));
        summary.frames[config] = Object.fromEntries(Object.keys(runs[0]).map((key) => [key, pick(key)]));
      }
      printTable(`Frames over ${WINDOW_MS / 1000} s after ${SETTLE_MS / 1000} s settling; median (range) of ${RUNS}; load ${load.before} -> ${load.after}`,
        ['series x points', 'alerts', 'frame ms p50', 'frame ms p95', 'mean fps', 'app fps', 'app callback ms p50', 'p95', 'state() ms', 'load+analyse s'],
        FRAME_CONFIGS.map((c) => {
          const f = summary.frames[c];
          return [c, f.alerts.median, showSpread(f.interval_median_ms), showSpread(f.interval_p95_ms), showSpread(f.mean_fps),
            showSpread(f.app_fps), showSpread(f.app_callback_median_ms), showSpread(f.app_callback_p95_ms),
            fixed(f.state_call_ms.median, 1), fixed(f.load_ms.median / 1000, 1)];
        }));
      summary.frames.threads = threads;
      for (const config of FRAME_CONFIGS) {
        printTable(`CPU ms per frame by thread (process type/thread; /proc ticks of ${TICK_MS} ms), ${config}`,
          ['thread', 'ms per frame'], threads[config].map((t) => [t.thread, showSpread(t.ms_per_frame)]));
      }
      if (profile) {
        summary.frames.profile = profile;
        printProfile(`CPU profile of the main thread while ${FRAME_CONFIGS[0]} is drawn (${WINDOW_MS / 1000} s after the timed window)`, profile);
      }
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  console.log(`\nsummary: ${JSON.stringify(summary)}`);
}

await main();

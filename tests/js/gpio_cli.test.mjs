// `lf gpio` as an operator runs it: a daemon on simulated lines driven over
// its control socket (press, refused reset, release, reset, resume, SIGTERM),
// the audit log it leaves (checked with `lf audit verify`), and `lf gpio run`
// on a machine without a GPIO chip. The expected modes and LEDs are the
// rules of docs/GPIO.md.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { cliPath as cli, runCli } from './cli_support.mjs';


const lf = (...args) => runCli(args);

const scratchRoot = mkdtempSync(join(tmpdir(), 'lf-gpio-'));
after(() => rmSync(scratchRoot, { recursive: true, force: true }));

// A fresh socket and audit log path per test.
function scratch() {
  const dir = mkdtempSync(join(scratchRoot, 'case-'));
  return { socket: join(dir, 'control.sock'), audit: join(dir, 'audit.log') };
}

function auditEntries(path) {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line).data);
}

// Polls `lf gpio status --json` until `done(status)`; the daemon may still be
// starting. The cap only keeps a broken build from hanging the run.
async function waitForStatus(socket, done, daemon) {
  const giveUp = Date.now() + 60_000;
  for (;;) {
    const run = lf('gpio', 'status', '--socket', socket, '--json');
    if (run.code === 0) {
      const status = JSON.parse(run.out);
      if (done(status)) return status;
    }
    assert.equal(daemon.exitCode, null, 'the daemon exited early');
    assert.ok(Date.now() < giveUp, `gave up waiting; last: ${run.out}${run.err}`);
    await sleep(20);
  }
}

function exited(child) {
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
}

test('gpio --help lists the daemon and the control commands', () => {
  const run = lf('gpio', '--help');
  assert.equal(run.code, 0);
  for (const command of ['run', 'status', 'reset', 'transition', 'heartbeat', 'simulate']) {
    assert.match(run.out, new RegExp(`\\b${command}\\b`));
  }
});

test('gpio run without a GPIO chip fails cleanly and records the trip', () => {
  const { socket, audit } = scratch();
  const run = lf('gpio', 'run', '--chip', 'lf-test-absent-chip', '--socket', socket, '--audit-log', audit);
  assert.equal(run.code, 1);
  assert.match(run.err, /cannot open GPIO chip 'lf-test-absent-chip'/);
  assert.match(run.err, /\[device_error\]/);
  const entries = auditEntries(audit);
  assert.equal(entries.length, 1);
  assert.equal(entries[0].cause, 'backend_error');
  assert.equal(entries[0].to, 'emergency');
  assert.equal(lf('audit', 'verify', audit).code, 0);
});

test('control commands without a daemon say so', () => {
  const { socket } = scratch();
  const run = lf('gpio', 'status', '--socket', socket);
  assert.equal(run.code, 1);
  assert.match(run.err, /no lf gpio daemon is listening on '.*control\.sock'/);
  assert.match(run.err, /lf gpio run/);
});

test('bad options: a usage error, a config the daemon refuses', () => {
  const { socket, audit } = scratch();
  assert.equal(lf('gpio', 'reset', '--socket', socket, '--reason', 'no actor').code, 2);
  const clash = lf('gpio', 'run', '--backend', 'simulated', '--red-line', '17', '--socket', socket, '--audit-log', audit);
  assert.equal(clash.code, 1);
  assert.match(clash.err, /four different lines.*\[invalid_argument\]/);
  const drive = lf('gpio', 'run', '--backend', 'simulated', '--sim-drive', '17=sideways', '--socket', socket, '--audit-log', audit);
  assert.equal(drive.code, 1);
  assert.match(drive.err, /level 'sideways'/);
});

test('a simulated daemon: press, latch, refused reset, release, reset, resume, SIGTERM', async () => {
  const { socket, audit } = scratch();
  const daemon = spawn(cli, ['gpio', 'run', '--backend', 'simulated', '--sim-drive', '17=low',
    '--debounce-ms', '20', '--socket', socket, '--audit-log', audit], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  daemon.stderr.on('data', (chunk) => { log += chunk; });
  const done = exited(daemon);
  try {
    const normal = await waitForStatus(socket, (s) => s.mode === 'normal', daemon);
    assert.deepEqual(normal.leds, { green: true, yellow: false, red: false });
    assert.equal(normal.backend, 'simulated');

    assert.equal(lf('gpio', 'simulate', '--socket', socket, '--line', '17', '--drive', 'high').code, 0);
    const latched = await waitForStatus(socket, (s) => s.mode === 'emergency', daemon);
    assert.equal(latched.latched, true);
    assert.equal(latched.last_transition.cause, 'kill_switch');
    assert.deepEqual(latched.leds, { green: false, yellow: false, red: true });

    const refused = lf('gpio', 'reset', '--socket', socket, '--actor', 'ops', '--reason', 'drill');
    assert.equal(refused.code, 1);
    assert.match(refused.err, /reads open.*\[transition_refused\]/);

    assert.equal(lf('gpio', 'simulate', '--socket', socket, '--line', '17', '--drive', 'low').code, 0);
    await waitForStatus(socket, (s) => s.switch.state === 'closed', daemon);
    const reset = lf('gpio', 'reset', '--socket', socket, '--actor', 'ops', '--reason', 'drill over');
    assert.equal(reset.code, 0, reset.err);
    assert.match(reset.out, /^mode: paused/);
    assert.match(reset.out, /leds: yellow/);

    const resume = lf('gpio', 'transition', 'normal', '--socket', socket, '--actor', 'ops',
      '--reason', 'checks done', '--json');
    assert.equal(resume.code, 0, resume.err);
    assert.equal(JSON.parse(resume.out).mode, 'normal');
  } finally {
    daemon.kill('SIGTERM');
  }
  assert.deepEqual(await done, { code: 0, signal: null });
  assert.match(log, /SIGTERM received/);

  const entries = auditEntries(audit);
  assert.deepEqual(entries.map((e) => [e.from, e.to, e.cause ?? e.actor]), [
    ['normal', 'emergency', 'kill_switch'],
    ['emergency', 'paused', 'ops'],
    ['paused', 'normal', 'ops'],
    ['normal', 'emergency', 'shutdown'],
  ]);
  const verified = lf('audit', 'verify', audit);
  assert.equal(verified.code, 0, verified.err);
  assert.match(verified.out, /intact: 4 records/);
});

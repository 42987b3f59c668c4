// Starts the edge worker (edge/) under a local workerd for the HTTP suites:
// a generated config on a free loopback port, Durable Object storage in a
// temp directory, the tenants as the LF_TENANTS binding.
//
//   const edge = await startEdge();            // tests/http/tenants.json
//   await fetch(`${edge.url}/v1/health`);
//   await edge.stop();
//
// `wasmBuild` is the CMake wasm build whose js-package/ the worker loads
// (LF_EDGE_BUILD, default build/wasm). Pass `storageDir` to keep the Durable
// Objects' storage across a stop and a new start (it is then not deleted),
// `requestTimeoutMs` to shorten the worker's request time limit.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { REPO_ROOT, workerdBinary, workerdConfig } from '../../edge/workerd_config.mjs';

const START_TIMEOUT_MS = 30_000;

function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

function tenantsText(tenants) {
  if (typeof tenants === 'string') return readFileSync(resolve(REPO_ROOT, tenants), 'utf8');
  return JSON.stringify(tenants);
}

async function waitForHealth(url, child, stderr) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let exited = null;
  child.once('exit', (code, signal) => {
    exited = signal ?? code;
  });
  while (Date.now() < deadline) {
    if (exited !== null) break;
    try {
      const response = await fetch(`${url}/v1/health`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  const why =
    exited !== null ? `workerd exited (${exited})` : `no healthy answer in ${START_TIMEOUT_MS} ms`;
  throw new Error(`edge server failed to start: ${why}\nworkerd stderr:\n${stderr.join('')}`);
}

export async function startEdge({
  tenants = 'tests/http/tenants.json',
  wasmBuild = process.env.LF_EDGE_BUILD ?? 'build/wasm',
  storageDir,
  requestTimeoutMs,
} = {}) {
  const packageDir = resolve(REPO_ROOT, wasmBuild, 'js-package');
  if (!existsSync(join(packageDir, 'lf_core.wasm'))) {
    throw new Error(`no wasm package in ${packageDir}: build it (cmake --build ${wasmBuild})`);
  }
  const configDir = mkdtempSync(join(tmpdir(), 'lf-edge-'));
  const storage = storageDir ?? join(configDir, 'durable-objects');
  const port = await freePort();
  const configFile = join(configDir, 'config.capnp');
  writeFileSync(configFile, workerdConfig({ configDir, wasmBuild, storageDir: storage, port }));
  // workerd does not create the storage directory itself.
  mkdirSync(storage, { recursive: true });

  const child = spawn(await workerdBinary(), ['serve', configFile], {
    env: {
      ...process.env,
      LF_TENANTS: tenantsText(tenants),
      ...(requestTimeoutMs === undefined ? {} : { LF_REQUEST_TIMEOUT_MS: String(requestTimeoutMs) }),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // A test process that dies without stop() must not leave workerd behind.
  const killChild = () => child.kill('SIGKILL');
  process.once('exit', killChild);
  child.once('exit', () => process.removeListener('exit', killChild));
  const stderr = [];
  child.stderr.on('data', (chunk) => stderr.push(chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url, child, stderr);
  } catch (error) {
    rmSync(configDir, { recursive: true, force: true });
    throw error;
  }

  async function stop() {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(configDir, { recursive: true, force: true });
  }

  return { url, stop, process: child };
}

// Starts `lf serve` for the HTTP suites (native_*.test.mjs and the shared
// contract suite) on a free loopback port, and stops it with SIGTERM.
//
//   const server = await startNative();             // tenants.json, a fresh --data-dir
//   await fetch(`${server.url}/v1/health`);
//   const exitCode = await server.stop();            // 0 after a graceful shutdown
//
// The binary is $LF_CLI (default build/native/native/lf); relative paths are
// taken from the repository root, which is also the server's working
// directory. `tenants` is a file path or an object (handed over as the
// LF_TENANTS environment variable, as a deployment would). Unless `args`
// names a --data-dir, the server gets a fresh temporary one, removed by
// stop(), so no test leaves PCS stores behind in the tree.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

const STARTUP_TIMEOUT_MS = 30_000;

export function cliPath() {
  return path.resolve(repoRoot, process.env.LF_CLI ?? 'build/native/native/lf');
}

export async function startNative({
  tenants = 'tests/http/tenants.json',
  noAuth = false,
  args = [],
  env = {},
} = {}) {
  const argv = ['serve', '--port', '0'];
  const childEnv = { ...process.env, ...env };
  delete childEnv.LF_TENANTS;
  if (noAuth) {
    argv.push('--no-auth');
  } else if (typeof tenants === 'string') {
    argv.push('--tenants', path.resolve(repoRoot, tenants));
  } else if (tenants) {
    childEnv.LF_TENANTS = JSON.stringify(tenants);
  }
  if ('LF_TENANTS' in env) childEnv.LF_TENANTS = env.LF_TENANTS;
  let scratch = null;
  if (!args.includes('--data-dir') && !('LF_DATA_DIR' in env)) {
    scratch = mkdtempSync(path.join(tmpdir(), 'lf-serve-'));
    argv.push('--data-dir', scratch);
  }
  argv.push(...args);

  const child = spawn(cliPath(), argv, { cwd: repoRoot, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? signal));
  });
  const cleanUp = () => { if (scratch) rmSync(scratch, { recursive: true, force: true }); };

  const fail = async (why) => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
    cleanUp();
    throw new Error(`lf serve ${why}\ncommand: ${cliPath()} ${argv.join(' ')}\nstderr:\n${stderr}`);
  };

  const url = await new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), STARTUP_TIMEOUT_MS);
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const line = stdout.split('\n');
      if (line.length > 1) {
        const match = /^listening on (http:\/\/\S+)$/.exec(line[0]);
        clearTimeout(timer);
        resolve(match ? match[1] : null);
      }
    });
    exited.then(() => { clearTimeout(timer); resolve(null); });
  });
  if (!url) return fail(`did not print "listening on <url>" (stdout: ${JSON.stringify(stdout)})`);

  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  for (;;) {
    try {
      const response = await fetch(`${url}/v1/health`);
      await response.arrayBuffer();
      if (response.status === 200) break;
    } catch {
      // not accepting yet
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      return fail(`at ${url} did not answer GET /v1/health with 200`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  return {
    url,
    process: child,
    dataDir: scratch,
    // Everything the server wrote to stderr so far (its JSON log lines).
    stderr: () => stderr,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const code = await exited;
      cleanUp();
      return code;
    },
  };
}

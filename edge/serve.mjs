// Serves the edge worker locally with workerd (edge/README.md):
//
//   node edge/serve.mjs [--port 8787] [--host 127.0.0.1] [--build build/wasm]
//                       [--tenants FILE] [--storage DIR]
//
// Tenants come from --tenants or the LF_TENANTS environment variable (the
// JSON text), as the secret binding does on Workers. Durable Object storage
// goes to --storage (kept) or a temporary directory (removed on exit).
// SIGINT and SIGTERM stop workerd and clean up.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { workerdBinary, workerdConfig } from './workerd_config.mjs';

const { values: options } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    build: { type: 'string', default: process.env.LF_EDGE_BUILD ?? 'build/wasm' },
    tenants: { type: 'string' },
    storage: { type: 'string' },
  },
});

const configDir = mkdtempSync(join(tmpdir(), 'lf-edge-'));
const storageDir =
  options.storage === undefined ? join(configDir, 'durable-objects') : resolve(options.storage);
mkdirSync(storageDir, { recursive: true });
const configFile = join(configDir, 'config.capnp');
const { build: wasmBuild, host } = options;
writeFileSync(
  configFile,
  workerdConfig({ configDir, wasmBuild, storageDir, port: Number(options.port), host }),
);

const env = { ...process.env };
if (options.tenants !== undefined) env.LF_TENANTS = readFileSync(options.tenants, 'utf8');
if (env.LF_TENANTS === undefined) {
  console.error('serve: no --tenants FILE nor LF_TENANTS: authenticated routes answer 401');
}

const workerd = spawn(await workerdBinary(), ['serve', configFile], { env, stdio: 'inherit' });
console.error(`serve: http://${options.host}:${options.port} (workerd pid ${workerd.pid})`);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => workerd.kill('SIGTERM'));
}
workerd.on('exit', (code, signal) => {
  rmSync(configDir, { recursive: true, force: true });
  process.exit(code ?? (signal === 'SIGTERM' ? 0 : 1));
});

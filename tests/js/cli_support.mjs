// The `lf` CLI run as a user runs it, for the Node suites that test it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const cliPath =
  process.env.LF_CLI ?? fileURLToPath(new URL('../../build/native/native/lf', import.meta.url));

// Runs `lf args...` to completion: {code, out, err}.
export function runCli(args, { maxBuffer = 1 << 20 } = {}) {
  const run = spawnSync(cliPath, args, { encoding: 'utf8', maxBuffer });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

// A fresh scratch folder; the returned function writes one file into it (a
// string as it is, anything else as JSON) and returns the file's path.
export function scratchFiles(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return (name, content) => {
    const path = join(dir, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };
}

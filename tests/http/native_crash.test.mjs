// The durable PCS intake under crashes: PCS submissions flow into `lf serve`
// while it is killed with SIGKILL at random moments (a fixed seed) and
// restarted on the same --data-dir. Afterwards every submission that was
// answered 200 or 202 is still there (a resubmission gets the stored answer,
// byte for byte, even when its unsigned fields now say otherwise), and the
// stores hold each one once. Loopback only, bounded to 45 s of killing.
//
// LF_CLI=build/<dir>/native/lf node --test tests/http/native_crash.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot, startNative } from './native_server.mjs';
import { post } from './native_client.mjs';
import { uniformSource } from '../js/helpers.mjs';

const SEED = 20261122;
const RECORDS = 150;
const ROUNDS = 25;
const BUDGET_MS = 45_000;
const WORKERS = 4;
const REGIMES = ['sticky', 'non_sticky', 'mixed'];

// Distinct records signed with the golden vectors' key (acme's pcs_key):
// one per epoch; every third one claims a regime it does not have, which
// verifies (the regime is not signed) and is escalated, 202.
async function buildRecords(url) {
  const csv = readFileSync(path.join(repoRoot, 'tests/data/fractal-lba/tiny_case_1.csv'), 'utf8');
  const records = [];
  for (let epoch = 1; epoch <= RECORDS; epoch++) {
    const built = await post(url, 'pcs/build', {
      csv, shard_id: 'crash-shard', epoch, seed: 42, sent_at: '2025-01-19T12:00:00Z',
      key: { algorithm: 'hmac-sha256', secret: 'testsecret' },
    });
    assert.equal(built.status, 200, built.text);
    const { pcs } = JSON.parse(built.text);
    if (epoch % 3 === 0) pcs.regime = REGIMES.find((r) => r !== pcs.regime);
    records.push(pcs);
  }
  return records;
}

// The frames of a RecordLog file (native/storage/record_log.hpp):
// "LFR1" | u32 length LE | u32 CRC-32 | payload; a torn tail is ignored.
function readFrames(file) {
  const bytes = readFileSync(file);
  const frames = [];
  for (let at = 0; at + 12 <= bytes.length;) {
    assert.equal(bytes.subarray(at, at + 4).toString('latin1'), 'LFR1', `${file} at ${at}`);
    const length = bytes.readUInt32LE(at + 4);
    if (at + 12 + length > bytes.length) break;
    frames.push(bytes.subarray(at + 12, at + 12 + length));
    at += 12 + length;
  }
  return frames;
}

// A dedup record: i64 expiry LE | u32 key length LE | key | "<status> <body>".
function dedupEntries(file) {
  return readFrames(file).map((frame) => {
    const keyLength = frame.readUInt32LE(8);
    return {
      key: frame.subarray(12, 12 + keyLength).toString('utf8'),
      value: frame.subarray(12 + keyLength).toString('utf8'),
    };
  });
}

test('every acknowledged PCS submission survives SIGKILLs, once', async () => {
  const uniform = uniformSource(SEED);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lf-crash-'));
  const builder = await startNative();
  const records = await buildRecords(builder.url);
  assert.equal(await builder.stop(), 0);
  const bodies = records.map((record) => JSON.stringify(record));

  const acknowledged = new Map(); // record index -> {status, text}
  let next = 0;
  let kills = 0;
  let unanswered = 0;
  const started = Date.now();
  try {
    for (let round = 0; round < ROUNDS && Date.now() - started < BUDGET_MS; round++) {
      const server = await startNative({ args: ['--data-dir', dataDir] });
      const killAfter = 20 + Math.floor(uniform() * 200);
      const choices = Array.from({ length: 400 }, () => uniform());
      let choice = 0;
      let alive = true;
      const killer = new Promise((resolve) => setTimeout(() => {
        alive = false;
        server.process.kill('SIGKILL');
        resolve();
      }, killAfter));
      const worker = async () => {
        while (alive && choice < choices.length) {
          const roll = choices[choice++];
          // Mostly new records; a quarter of the time one already sent.
          const index = roll < 0.25 && next > 0
            ? Math.floor((roll / 0.25) * Math.min(next, RECORDS)) : next++ % RECORDS;
          let answer;
          try {
            answer = await post(server.url, 'pcs/submit', bodies[index]);
          } catch {
            unanswered++; // killed before it answered: not acknowledged
            continue;
          }
          assert.ok([200, 202].includes(answer.status), `${answer.status} ${answer.text}`);
          const first = acknowledged.get(index);
          if (first) {
            assert.equal(answer.status, first.status);
            assert.equal(answer.text, first.text);
          } else {
            acknowledged.set(index, { status: answer.status, text: answer.text });
          }
        }
      };
      await Promise.all([killer, ...Array.from({ length: WORKERS }, worker)]);
      const code = await server.stop();
      assert.equal(code, 'SIGKILL');
      kills++;
    }
    assert.ok(kills >= 3, `only ${kills} kills`);
    assert.ok(acknowledged.size >= 20, `only ${acknowledged.size} acknowledged`);
    assert.ok([...acknowledged.values()].some((a) => a.status === 202));

    // After the last crash: each acknowledged record, resubmitted with
    // another (unsigned) regime, is answered with the stored result.
    const server = await startNative({ args: ['--data-dir', dataDir] });
    for (const [index, first] of acknowledged) {
      const changed = { ...records[index] };
      changed.regime = REGIMES.find((r) => r !== records[index].regime);
      const again = await post(server.url, 'pcs/submit', JSON.stringify(changed));
      assert.equal(again.status, first.status, `record ${index}`);
      assert.equal(again.text, first.text, `record ${index}`);
    }
    assert.equal(await server.stop(), 0);

    // The stores: one dedup entry per record, holding the first answer; every
    // acknowledged body is in the write-ahead log.
    const entries = dedupEntries(path.join(dataDir, 'pcs-dedup.lfr'));
    const keys = entries.map((e) => e.key);
    assert.equal(new Set(keys).size, keys.length, 'a record was stored twice');
    const byKey = new Map(entries.map((e) => [e.key, e.value]));
    for (const [index, first] of acknowledged) {
      const key = `acme/${records[index].pcs_id}`;
      assert.equal(byKey.get(key), `${first.status} ${first.text}`, key);
    }
    const logged = new Set(readFrames(path.join(dataDir, 'pcs-wal.lfr')).map((f) => f.toString('utf8')));
    for (const index of acknowledged.keys()) assert.ok(logged.has(bodies[index]), `record ${index}`);
    console.log(`${kills} kills, ${acknowledged.size} records acknowledged, ` +
      `${unanswered} requests cut off, ${entries.length} dedup entries`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

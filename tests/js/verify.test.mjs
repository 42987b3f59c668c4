// Verification through the JS package (wasm), against the reference agent's
// golden vectors and against the native CLI: the same bytes on both sides.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, describe, test } from 'node:test';

import { dataUrl, importPackage } from './helpers.mjs';

const { createLatticeForge, LatticeForgeError } = await importPackage();

const cli =
  process.env.LF_CLI ?? fileURLToPath(new URL('../../build/native/native/lf', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'lf-verify-'));
const SENT_AT = '2025-01-19T12:00:00Z';
const SIGNED_FIELDS = [
  'pcs_id', 'merkle_root', 'epoch', 'shard_id', 'D_hat', 'coh_star', 'r', 'budget',
];
const HMAC_KEY = { algorithm: 'hmac-sha256', secret: 'testsecret' };

function golden(name) {
  const read = (file) => readFileSync(new URL(`fractal-lba/${file}`, dataUrl), 'utf8');
  return { csv: read(`${name}.csv`), pcs: JSON.parse(read(`pcs_${name}.json`)) };
}

function lfCli(...args) {
  const run = spawnSync(cli, args, { encoding: 'utf8' });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

function scratchFile(name, text) {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
}

// The signed bytes of the golden records (the reference agent's payloads).
const PAYLOADS = {
  tiny_case_1:
    '{"D_hat":0.528320834,"budget":0.317807017,"coh_star":0.066666667,"epoch":1,' +
    '"merkle_root":"e966b52c992aefad3c3d0196db02554f30d10d55e8a6e5e3038f88e79e414112",' +
    '"pcs_id":"c50bb25a7aff94164147b73c846f0e5e10890d75df204875ca70c448f52c6edf",' +
    '"r":0.318421053,"shard_id":"test-shard-001"}',
  tiny_case_2:
    '{"D_hat":1.0,"budget":0.349073359,"coh_star":0.2,"epoch":1,' +
    '"merkle_root":"96875c47a824f4cd6203f87da38c3b903550d1db574ce279ad65f787be37c359",' +
    '"pcs_id":"ee69f7b2dd5ad8e1f3a4c407aca789ae0d74b47d1d34c09b28a2fc3b5148ed6e",' +
    '"r":0.303088803,"shard_id":"test-shard-001"}',
};

// A deterministic Ed25519 seed (base64 of 32 bytes).
const SEED = Buffer.alloc(32, 7).toString('base64');

let lf;
before(async () => {
  lf = await createLatticeForge();
});

describe('PCS golden vectors through wasm', () => {
  for (const name of ['tiny_case_1', 'tiny_case_2']) {
    test(`${name}: every signed field, payload, pcs_id, merkle_root and signature`, () => {
      const { csv, pcs: expected } = golden(name);
      const built = lf.pcsBuild({
        csv,
        shard_id: 'test-shard-001',
        epoch: 1,
        seed: 42,
        sent_at: SENT_AT,
        key: HMAC_KEY,
      });
      const fields = [...SIGNED_FIELDS, 'sig', 'regime', 'N_j', 'scales', 'schema', 'version'];
      for (const field of fields) {
        assert.deepEqual(built.pcs[field], expected[field], field);
      }
      assert.equal(built.pcs.sig, expected.sig);
      expected.v_star.forEach((v, i) => assert.ok(Math.abs(built.pcs.v_star[i] - v) <= 1e-12));
      assert.equal(built.signature_algorithm, 'hmac-sha256');
      // The payload, byte for byte (keys sorted, Python float repr: "1.0", not "1").
      assert.equal(built.payload, PAYLOADS[name]);
    });
  }

  test('the native CLI builds the same record and payload signature', () => {
    const { csv } = golden('tiny_case_2');
    const path = scratchFile('case2.csv', csv);
    const run = lfCli('pcs', 'build', path, '--shard', 'test-shard-001', '--epoch', '1',
      '--seed', '42', '--hmac-key', 'testsecret', '--sent-at', SENT_AT);
    assert.equal(run.code, 0, run.err);
    const native = JSON.parse(run.out);
    const request = { csv, shard_id: 'test-shard-001', epoch: 1, seed: 42, sent_at: SENT_AT };
    const wasm = lf.pcsBuild({ ...request, key: HMAC_KEY }).pcs;
    assert.deepEqual(native, wasm);
  });
});

describe('pcsVerify', () => {
  const key = HMAC_KEY;

  test('the golden record is accepted (200), with the recomputed values', () => {
    const { pcs } = golden('tiny_case_1');
    const verdict = lf.pcsVerify({ pcs, key });
    assert.equal(verdict.status, 200);
    assert.equal(verdict.accepted, true);
    assert.equal(verdict.escalated, false);
    assert.equal(verdict.reason, 'ok');
    assert.equal(verdict.signature, 'valid');
    assert.equal(verdict.pcs_id, pcs.pcs_id);
    assert.equal(verdict.recomputed_D_hat, pcs.D_hat);
    assert.equal(verdict.recomputed_budget, pcs.budget);
  });

  test('a changed signed field is a 401 verdict, an unsigned one is not', () => {
    const { pcs } = golden('tiny_case_1');
    for (const field of ['D_hat', 'coh_star', 'r', 'budget', 'epoch']) {
      const verdict = lf.pcsVerify({ pcs: { ...pcs, [field]: pcs[field] + 1 }, key });
      assert.equal(verdict.status, 401, field);
      assert.equal(verdict.reason, 'signature_invalid');
    }
    const regime = lf.pcsVerify({ pcs: { ...pcs, regime: 'sticky' }, key });
    assert.equal(regime.status, 202);
    assert.equal(regime.reason, 'regime_mismatch');
  });

  test('Ed25519: signed in wasm, verified in wasm by public key', () => {
    const { csv } = golden('tiny_case_1');
    const ed25519 = { algorithm: 'ed25519', seed: SEED };
    const built = lf.pcsBuild({ csv, shard_id: 's', epoch: 3, key: ed25519 });
    const publicKey = (key) => ({ algorithm: 'ed25519', public_key: key });
    const verdict = lf.pcsVerify({ pcs: built.pcs, key: publicKey(built.public_key) });
    assert.equal(verdict.status, 200);
    const otherKey = Buffer.alloc(32, 1).toString('base64');
    const wrong = lf.pcsVerify({ pcs: built.pcs, key: publicKey(otherKey) });
    assert.equal(wrong.status, 401);
  });

  test('malformed input throws; compat answers come raw through dispatch', () => {
    assert.throws(
      () => lf.pcsVerify({ pcs: '{"pcs_id": 1}' }),
      (e) => e instanceof LatticeForgeError && e.code === 'pcs_invalid' && e.status === 400,
    );
    assert.throws(() => lf.pcsVerify({ pcs: 'nope' }), (e) => e.code === 'json_parse_error');
    const { pcs } = golden('tiny_case_1');
    const raw = lf.dispatch('pcs/verify', { pcs, key, mode: 'compat' });
    assert.equal(raw.status, 200);
    assert.equal(
      raw.body,
      '{"accepted":true,"recomputed_D_hat":0.528320834,"recomputed_budget":0.317807017,' +
        '"escalated":false}\n',
    );
    const wrongKey = { algorithm: 'hmac-sha256', secret: 'x' };
    const unauthorised = lf.dispatch('pcs/verify', { pcs, key: wrongKey, mode: 'compat' });
    assert.deepEqual(unauthorised, { status: 401, body: 'Signature verification failed\n' });
  });

  test('pcs/submit replays the first stored result', () => {
    const { pcs } = golden('tiny_case_1');
    const request = { tenant: 'js-test', keys: { 'js-test': key }, now_ms: 1000 };
    const first = lf.dispatch('pcs/submit', { ...request, body: JSON.stringify(pcs) });
    assert.equal(first.status, 200);
    const changed = JSON.stringify({ ...pcs, regime: 'sticky' });
    const again = lf.dispatch('pcs/submit', { ...request, body: changed });
    assert.deepEqual(again, first);
    const body = JSON.stringify(pcs);
    const unknown = lf.dispatch('pcs/submit', { ...request, tenant: 'nobody', body });
    assert.equal(unknown.status, 401);
    assert.equal(JSON.parse(unknown.body).error.code, 'unknown_tenant');
  });
});

describe('receipts across native and wasm', () => {
  const alert = { detector: 'variance_compression', index: 28, kind: 'expansion', score: 2.449 };
  const input = { series: { values: [1, 2, 3.5] } };

  test('a receipt signed by the native CLI verifies in wasm, and back', () => {
    const keyFile = scratchFile('receipt.key', `${SEED}\n`);
    const run = lfCli('receipt', 'sign', scratchFile('alert.json', JSON.stringify(alert)),
      '--algorithm', 'variance_compression', '--algorithm-version', '1.0.0',
      '--input', scratchFile('input.json', JSON.stringify(input)), '--key', keyFile,
      '--issued-at', SENT_AT);
    assert.equal(run.code, 0, run.err);
    const nativeReceipt = run.out.trim();
    const check = lf.receiptVerify({ receipt: nativeReceipt });
    assert.equal(check.valid, true);
    // Signing the same content in wasm gives the very same bytes.
    const wasmReceipt = lf.receiptSign({
      subject: alert, algorithm: { name: 'variance_compression', version: '1.0.0' },
      input, issued_at: SENT_AT, seed: SEED,
    });
    assert.deepEqual(wasmReceipt, JSON.parse(nativeReceipt));
    const pinned = lf.receiptVerify({ receipt: wasmReceipt, public_key: check.public_key });
    assert.equal(pinned.key_pinned, true);
    assert.equal(pinned.valid, true);
    const pretty = scratchFile('wasm-receipt.json', JSON.stringify(wasmReceipt, null, 2));
    const back = lfCli('receipt', 'verify', pretty, '--public-key', check.public_key);
    assert.equal(back.code, 0, back.out + back.err);
  });

  test('a changed receipt fails, a wrong pinned key is named', () => {
    const algorithm = { name: 'a', version: '1' };
    const receipt = lf.receiptSign({ subject: alert, algorithm, input, seed: SEED });
    const changed = structuredClone(receipt);
    changed.receipt.subject.index = 29;
    assert.deepEqual(
      [lf.receiptVerify({ receipt: changed }).valid, lf.receiptVerify({ receipt: changed }).reason],
      [false, 'signature_invalid'],
    );
    const other = lf.receiptVerify({ receipt, public_key: Buffer.alloc(32, 2).toString('base64') });
    assert.equal(other.reason, 'key_mismatch');
  });
});

describe('audit log across native and wasm', () => {
  test('a log written by the CLI verifies in wasm; tampering names the line', () => {
    const log = join(scratch, 'audit.log');
    const keyFile = scratchFile('audit.key', SEED);
    for (let i = 0; i < 5; i += 1) {
      const args = ['audit', 'append', log, JSON.stringify({ event: 'pcs', n: i })];
      if (i === 2) args.push('--checkpoint-key', keyFile);
      const run = lfCli(...args);
      assert.equal(run.code, 0, run.err);
    }
    const text = readFileSync(log, 'utf8');
    const report = lf.auditVerify({ log: text, expected_records: 6 });
    assert.equal(report.intact, true);
    assert.equal(report.records, 6);
    assert.equal(report.checkpoints, 1);
    assert.equal(lfCli('audit', 'verify', log).code, 0);

    const lines = text.split('\n');
    lines[2] = lines[2].replace('"n":2', '"n":9');
    const tampered = lf.auditVerify({ log: lines.join('\n') });
    assert.equal(tampered.intact, false);
    assert.deepEqual([tampered.first_bad.line, tampered.first_bad.reason], [3, 'hash_mismatch']);
    const firstFour = `${text.split('\n').slice(0, 4).join('\n')}\n`;
    const cut = lf.auditVerify({ log: firstFour, expected_records: 6 });
    assert.equal(cut.first_bad.reason, 'truncated');
    const tamperedFile = scratchFile('tampered.log', lines.join('\n'));
    assert.equal(lfCli('audit', 'verify', tamperedFile).code, 1);
  });
});

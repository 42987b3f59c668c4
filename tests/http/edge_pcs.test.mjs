// The Fractal LBA submit endpoint at the edge (docs/HTTP.md, docs/VERIFY.md):
// the reference agent's golden records (tests/data/fractal-lba, signed with
// acme's PCS key `testsecret`) submitted over HTTP, dedup that answers a
// replayed pcs_id with the first stored reply, and that reply still answered
// by a new workerd on the same Durable Object storage.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startEdge } from './edge_server.mjs';
import { ACME, ACME_KEY, GLOBEX_KEY, bearer } from './edge_support.mjs';

const GOLDEN_DIR = new URL('../data/fractal-lba/', import.meta.url);

function golden(name) {
  return readFileSync(new URL(`pcs_${name}.json`, GOLDEN_DIR), 'utf8');
}

function submit(edge, body, key = ACME_KEY) {
  return fetch(`${edge.url}/v1/pcs/submit`, { method: 'POST', headers: bearer(key), body });
}

// The golden record with its unsigned `regime` claim changed: the signature
// still verifies, but a fresh check finds the regime inconsistent (202).
function withWrongRegime(text) {
  return JSON.stringify({ ...JSON.parse(text), regime: 'sticky' });
}

const storageDir = mkdtempSync(join(tmpdir(), 'lf-edge-pcs-'));
let edge;
before(async () => {
  edge = await startEdge({ storageDir });
});
after(async () => {
  await edge?.stop();
  rmSync(storageDir, { recursive: true, force: true });
});

describe('golden vectors over HTTP', () => {
  for (const name of ['tiny_case_1', 'tiny_case_2']) {
    it(`${name}: accepted (200) with the agent's own D_hat and budget`, async () => {
      const record = JSON.parse(golden(name));
      const response = await submit(edge, golden(name));
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'application/json');
      const verdict = JSON.parse(await response.text());
      assert.deepEqual(verdict, {
        accepted: true,
        detail: '',
        escalated: false,
        pcs_id: record.pcs_id,
        reason: 'ok',
        recomputed_D_hat: record.D_hat,
        recomputed_budget: record.budget,
        signature: 'valid',
        status: 200,
      });
    });
  }

  it("another tenant's key does not verify acme's record: 401 verdict", async () => {
    const response = await submit(edge, golden('tiny_case_1'), GLOBEX_KEY);
    assert.equal(response.status, 401);
    const verdict = JSON.parse(await response.text());
    assert.equal(verdict.reason, 'signature_invalid');
    assert.equal(verdict.signature, 'invalid');
  });

  it('a body that is not a PCS: 400 json_parse_error; no credentials: 401', async () => {
    const response = await submit(edge, 'not json');
    assert.equal(response.status, 400);
    assert.equal(JSON.parse(await response.text()).error.code, 'json_parse_error');
    const anonymous = await fetch(`${edge.url}/v1/pcs/submit`, {
      method: 'POST',
      body: golden('tiny_case_1'),
    });
    assert.equal(anonymous.status, 401);
  });
});

describe('dedup', () => {
  it('the changed record checked afresh is escalated (202)', async () => {
    const request = JSON.stringify({ pcs: withWrongRegime(golden('tiny_case_1')), key: ACME.pcs_key });
    const response = await fetch(`${edge.url}/v1/pcs/verify`, {
      method: 'POST',
      headers: bearer(ACME_KEY),
      body: request,
    });
    assert.equal(response.status, 202);
    assert.equal(JSON.parse(await response.text()).reason, 'regime_mismatch');
  });

  it('a replayed pcs_id gets the first stored reply, byte for byte', async () => {
    const first = await submit(edge, golden('tiny_case_1'));
    const firstBody = await first.text();
    const replay = await submit(edge, withWrongRegime(golden('tiny_case_1')));
    assert.equal(replay.status, first.status);
    assert.equal(await replay.text(), firstBody);
    assert.equal(JSON.parse(firstBody).reason, 'ok');
  });

  it('after a workerd restart on the same storage the replay is still answered', async () => {
    const before = await submit(edge, golden('tiny_case_2'));
    const beforeBody = await before.text();
    assert.equal(before.status, 200);
    await edge.stop();
    edge = await startEdge({ storageDir });
    // A new process: the core's in-memory store is empty, so only the
    // Durable Object's storage can answer 200 for the changed record.
    const replay = await submit(edge, withWrongRegime(golden('tiny_case_2')));
    assert.equal(replay.status, 200);
    assert.equal(await replay.text(), beforeBody);
  });
});

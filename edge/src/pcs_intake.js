// PcsIntake: one Durable Object per tenant that runs the Fractal LBA intake
// (the core's `pcs/submit` route, docs/VERIFY.md) and makes its dedup
// promise global and durable.
//
// The core keeps the results it has answered in memory (one store per wasm
// instance, i.e. per isolate), after parsing and the signature check and
// before the checks. That store dies with the isolate, so this object keeps
// every stored result (200 accepted, 202 escalated, 422 rejected; the core
// never stores 400 or 401) in its own storage under the core's dedup
// identity, tenant (this object) / pcs_id, for the core's TTL of 14 days.
// The core answers first, so parsing (400) and the signature (401) are
// always checked before a stored result is returned, as in the core; then a
// live stored result wins over whatever the core answered (after a restart
// the core would check a replay afresh). Requests to one object run one at a
// time between storage calls (the input gate), so the first result stored is
// the one every later submission gets.
import { DurableObject } from 'cloudflare:workers';
import { loadCore } from './core.js';
import { errorBody } from './http.js';
import { ExpiringStorage } from './expiring_storage.js';

// The reference server's TTL, as the core's kDefaultDedupTtl.
const DEDUP_TTL_MS = 14 * 24 * 60 * 60 * 1000;
const STORED_STATUSES = new Set([200, 202, 422]);

export class PcsIntake extends DurableObject {
  #results = new ExpiringStorage(this.ctx.storage, 'pcs:');

  // `body` is the raw submission text; `pcsKey` the tenant's verification key
  // (undefined: none configured, which the core answers 401 unknown_tenant).
  // -> {status, body} as the HTTP response carries them.
  async submit({ tenant, pcsKey, body }) {
    const core = await loadCore();
    const nowMs = Date.now();
    const keys = pcsKey === undefined ? {} : { [tenant]: pcsKey };
    const { status, body: answer } = core.dispatch(
      'pcs/submit',
      JSON.stringify({ body, tenant, keys, now_ms: nowMs }),
    );
    if (!STORED_STATUSES.has(status)) return { status, body: answer };

    const pcsId = JSON.parse(answer).pcs_id;
    try {
      const stored = await this.#results.get(pcsId, nowMs);
      if (stored !== undefined) return { status: stored.status, body: stored.body };
      await this.#results.put(pcsId, { status, body: answer, expiresAtMs: nowMs + DEDUP_TTL_MS });
    } catch (error) {
      // As the native intake: no answer rather than a first result that may
      // not be the one kept.
      console.error('pcs intake storage failed:', String(error));
      return { status: 500, body: errorBody('storage_error', 'the dedup store failed') };
    }
    return { status, body: answer };
  }

  async alarm() {
    await this.#results.sweep(Date.now());
  }
}

// TenantGate: one Durable Object per tenant, global, answering "may this
// authenticated request run?" in one round trip: the replay check of signed
// requests (401) and then the tenant's token bucket (429), in the contract's
// order, so a replay never spends the tenant's rate.
//
// The bucket lives in the object's memory: if the object is evicted while
// idle it comes back full, which is what an idle bucket refills to anyway
// unless burst / requests_per_second exceeds the idle time before eviction.
// Seen signatures are stored (they must outlive the object) until their
// timestamp leaves the ±300 s window.
import { DurableObject } from 'cloudflare:workers';
import { ExpiringStorage } from './expiring_storage.js';
import { TokenBucket } from './rate_limit.js';

export class TenantGate extends DurableObject {
  #bucket = null;
  #signatures = new ExpiringStorage(this.ctx.storage, 'signature:');

  // `signature` is null (API key) or a verified {key, expiresAt} (unix
  // seconds). -> {outcome: 'admitted'} | {outcome: 'replayed'} |
  //              {outcome: 'rate_limited', retryAfter: seconds}
  // A signature is used up once it has been seen, whatever the rate says (a
  // request refused with 429 is signed anew, as natively). Storage calls
  // hold the object's input gate, so no other request runs between the
  // replay lookup and recording the signature.
  async admit({ rateLimit, signature }) {
    const nowMs = Date.now();
    if (signature !== null) {
      if ((await this.#signatures.get(signature.key, nowMs)) !== undefined) {
        return { outcome: 'replayed' };
      }
      await this.#signatures.put(signature.key, { expiresAtMs: signature.expiresAt * 1000 });
    }
    if (this.#bucket === null || !this.#bucket.hasLimit(rateLimit)) {
      this.#bucket = new TokenBucket(rateLimit, nowMs);
    }
    const retryAfter = this.#bucket.take(nowMs);
    return retryAfter > 0 ? { outcome: 'rate_limited', retryAfter } : { outcome: 'admitted' };
  }

  async alarm() {
    await this.#signatures.sweep(Date.now());
  }
}

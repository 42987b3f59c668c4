// A token bucket (docs/HTTP.md, "Rate limits"): `burst` tokens, refilled at
// `requests_per_second`; a request takes one token or is told how long to
// wait. Pure and clock-free (the caller passes the time), so the tenant's
// TenantGate object owns one per tenant and keeps it global.

export class TokenBucket {
  #perSecond;
  #burst;
  #tokens;
  #updatedMs;

  constructor({ requests_per_second: perSecond, burst }, nowMs) {
    this.#perSecond = perSecond;
    this.#burst = burst;
    this.#tokens = burst;
    this.#updatedMs = nowMs;
  }

  // Whether the bucket was made for this limit (a redeployed LF_TENANTS may
  // change it).
  hasLimit({ requests_per_second: perSecond, burst }) {
    return perSecond === this.#perSecond && burst === this.#burst;
  }

  // 0 when a token was taken; otherwise the whole seconds until one is
  // available, at least 1 (the Retry-After value).
  take(nowMs) {
    const elapsed = Math.max(0, nowMs - this.#updatedMs) / 1000;
    this.#tokens = Math.min(this.#burst, this.#tokens + elapsed * this.#perSecond);
    this.#updatedMs = Math.max(this.#updatedMs, nowMs);
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - this.#tokens) / this.#perSecond));
  }
}

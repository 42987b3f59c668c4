// Shared pieces of the edge suites: the fixture tenants' credentials
// (tests/http/tenants.json) and request signing as docs/HTTP.md defines it,
// computed here with Node's crypto, independently of the worker's WebCrypto.
import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';

export const TENANTS = JSON.parse(readFileSync(new URL('./tenants.json', import.meta.url), 'utf8'));
export const ACME = TENANTS.tenants.acme;
export const GLOBEX = TENANTS.tenants.globex;
export const ACME_KEY = ACME.api_keys[0];
export const GLOBEX_KEY = GLOBEX.api_keys[0];

export function bearer(key) {
  return { Authorization: `Bearer ${key}` };
}

// X-LF-* headers for a request signed with `secret` at `timestamp` (unix
// seconds): hex HMAC-SHA256 over timestamp \n METHOD \n path \n hex(SHA-256(body)).
export function signedHeaders({ tenant, secret, method, path, body, timestamp }) {
  const digest = createHash('sha256').update(body).digest('hex');
  const message = `${timestamp}\n${method}\n${path}\n${digest}`;
  return {
    'X-LF-Tenant': tenant,
    'X-LF-Timestamp': String(timestamp),
    'X-LF-Signature': createHmac('sha256', secret).update(message).digest('hex'),
  };
}

export function nowSeconds() {
  return Math.floor(Date.now() / 1000);
}

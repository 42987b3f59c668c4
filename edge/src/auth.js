// Who is calling (docs/HTTP.md, "Tenants and auth"): an API key
// (`Authorization: Bearer <key>`) or a signed request (X-LF-Tenant,
// X-LF-Timestamp, X-LF-Signature = hex HMAC-SHA256(hmac_secret,
// timestamp \n METHOD \n path \n hex(SHA-256(body)))), with WebCrypto. The
// replay check is not here: it needs state that outlives the request and the
// isolate, so it sits in the tenant's TenantGate object (tenant_gate.js).
import { sha256 } from './tenants.js';

export const SIGNATURE_WINDOW_SECONDS = 300;

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;
const TIMESTAMP = /^[0-9]{1,12}$/;
const SIGNATURE = /^[0-9a-fA-F]{64}$/;

const encoder = new TextEncoder();

function hex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function fromHex(text) {
  const bytes = new Uint8Array(text.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(text.substr(2 * i, 2), 16);
  return bytes;
}

async function byApiKey(authorization, tenants) {
  const match = BEARER.exec(authorization);
  if (match === null) return null;
  const tenant = await tenants.byApiKey(match[1]);
  return tenant === null ? null : { tenant, signature: null };
}

// `body` is the request's bytes, or null when it is over the size limit:
// then only the headers can be checked, and the caller answers 413 without
// running the request or spending the tenant's rate (docs/HTTP.md).
async function bySignature(request, path, body, tenants, nowSeconds) {
  const timestamp = request.headers.get('X-LF-Timestamp') ?? '';
  const signature = request.headers.get('X-LF-Signature') ?? '';
  const tenant = tenants.byName(request.headers.get('X-LF-Tenant') ?? '');
  if (!TIMESTAMP.test(timestamp) || !SIGNATURE.test(signature)) return null;
  const seconds = Number(timestamp);
  if (Math.abs(nowSeconds - seconds) > SIGNATURE_WINDOW_SECONDS) return null;
  if (tenant === null || tenant.hmacSecret === undefined) return null;

  // Replays are recognised by the signature until its timestamp leaves the
  // window; after that the timestamp check above refuses it anyway.
  const seen = { key: signature.toLowerCase(), expiresAt: seconds + SIGNATURE_WINDOW_SECONDS };
  if (body === null) return { tenant, signature: seen };

  const message = `${timestamp}\n${request.method}\n${path}\n${hex(await sha256(body))}`;
  // WebCrypto's verify compares the tags in constant time.
  const valid = await crypto.subtle.verify(
    'HMAC',
    await tenants.hmacKey(tenant),
    fromHex(signature),
    encoder.encode(message),
  );
  return valid ? { tenant, signature: seen } : null;
}

// -> {tenant, signature: null | {key, expiresAt}} or null
// (401). An Authorization header means API-key auth; otherwise the request
// must be signed.
export async function authenticate(request, path, body, tenants, nowSeconds) {
  const authorization = request.headers.get('Authorization');
  if (authorization !== null) return byApiKey(authorization, tenants);
  if (request.headers.has('X-LF-Signature')) {
    return bySignature(request, path, body, tenants, nowSeconds);
  }
  return null;
}

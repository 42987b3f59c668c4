// Tenants from the LF_TENANTS secret (docs/HTTP.md, "Tenants and auth"),
// parsed and checked once per isolate. API keys are kept only as SHA-256
// digests, so finding a key compares equal-length digests in constant time.

const DEFAULT_RATE_LIMIT = { requests_per_second: 50, burst: 100 };
const TENANT_FIELDS = ['api_keys', 'hmac_secret', 'pcs_key', 'rate_limit'];
const PCS_KEY_FIELDS = {
  'hmac-sha256': 'secret',
  ed25519: 'public_key',
  none: null,
};

// LF_TENANTS is set but not a valid tenants document: a deployment mistake,
// answered 500 internal_error (the details go to the log, never to clients).
export class TenantConfigError extends Error {
  constructor(message) {
    super(`LF_TENANTS: ${message}`);
    this.name = 'TenantConfigError';
  }
}

const encoder = new TextEncoder();

export async function sha256(bytes) {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
}

function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value) {
  return typeof value === 'string' && value.length > 0;
}

function checkPcsKey(name, key) {
  if (!isObject(key) || !Object.hasOwn(PCS_KEY_FIELDS, key.algorithm)) {
    const algorithms = Object.keys(PCS_KEY_FIELDS).join(', ');
    throw new TenantConfigError(`tenant '${name}': pcs_key.algorithm must be one of ${algorithms}`);
  }
  const field = PCS_KEY_FIELDS[key.algorithm];
  if (field !== null && !isNonEmptyString(key[field])) {
    throw new TenantConfigError(`tenant '${name}': pcs_key.${field} must be a non-empty string`);
  }
}

function rateLimit(name, limit) {
  if (limit === undefined) return DEFAULT_RATE_LIMIT;
  const { requests_per_second: perSecond, burst } = isObject(limit) ? limit : {};
  if (!(typeof perSecond === 'number' && perSecond > 0 && Number.isFinite(perSecond))) {
    throw new TenantConfigError(`tenant '${name}': rate_limit.requests_per_second must be > 0`);
  }
  if (!(Number.isInteger(burst) && burst >= 1)) {
    throw new TenantConfigError(`tenant '${name}': rate_limit.burst must be an integer >= 1`);
  }
  return { requests_per_second: perSecond, burst };
}

function checkTenant(name, tenant) {
  if (!isObject(tenant)) throw new TenantConfigError(`tenant '${name}' must be an object`);
  for (const field of Object.keys(tenant)) {
    if (!TENANT_FIELDS.includes(field)) {
      throw new TenantConfigError(`tenant '${name}' has no field '${field}'`);
    }
  }
  const { api_keys: apiKeys = [], hmac_secret: hmacSecret } = tenant;
  if (!Array.isArray(apiKeys) || !apiKeys.every(isNonEmptyString)) {
    throw new TenantConfigError(`tenant '${name}': api_keys must be non-empty strings`);
  }
  if (hmacSecret !== undefined && !isNonEmptyString(hmacSecret)) {
    throw new TenantConfigError(`tenant '${name}': hmac_secret must be a non-empty string`);
  }
  if (apiKeys.length === 0 && hmacSecret === undefined) {
    throw new TenantConfigError(`tenant '${name}' needs api_keys or hmac_secret`);
  }
  if (tenant.pcs_key !== undefined) checkPcsKey(name, tenant.pcs_key);
  return {
    name,
    apiKeys,
    hmacSecret,
    pcsKey: tenant.pcs_key,
    rateLimit: rateLimit(name, tenant.rate_limit),
  };
}

class Tenants {
  #byName;
  #keyDigests; // [{digest, tenant}], every configured API key
  #hmacKeys = new Map(); // tenant name -> CryptoKey, imported on first use

  constructor(byName, keyDigests) {
    this.#byName = byName;
    this.#keyDigests = keyDigests;
  }

  byName(name) {
    return this.#byName.get(name) ?? null;
  }

  // The tenant owning `apiKey`, or null. Every configured key is compared,
  // whichever matches, so the time taken does not depend on the match.
  async byApiKey(apiKey) {
    const digest = await sha256(encoder.encode(apiKey));
    let found = null;
    for (const entry of this.#keyDigests) {
      if (crypto.subtle.timingSafeEqual(digest, entry.digest)) found = entry.tenant;
    }
    return found;
  }

  async hmacKey(tenant) {
    let key = this.#hmacKeys.get(tenant.name);
    if (key === undefined) {
      key = await crypto.subtle.importKey(
        'raw',
        encoder.encode(tenant.hmacSecret),
        { name: 'HMAC', hash: 'SHA-256' },
        false,
        ['verify'],
      );
      this.#hmacKeys.set(tenant.name, key);
    }
    return key;
  }
}

async function parseTenants(text) {
  let document;
  try {
    document = JSON.parse(text);
  } catch {
    throw new TenantConfigError('not JSON');
  }
  if (!isObject(document) || !isObject(document.tenants)) {
    throw new TenantConfigError('must be {"tenants": {name: tenant, ...}}');
  }
  const byName = new Map();
  const keyDigests = [];
  const seenKeys = new Set();
  for (const [name, value] of Object.entries(document.tenants)) {
    if (name.length === 0) throw new TenantConfigError('a tenant name is empty');
    const tenant = checkTenant(name, value);
    for (const apiKey of tenant.apiKeys) {
      if (seenKeys.has(apiKey)) {
        throw new TenantConfigError(`an API key of '${name}' is not unique`);
      }
      seenKeys.add(apiKey);
      keyDigests.push({ digest: await sha256(encoder.encode(apiKey)), tenant });
    }
    byName.set(name, tenant);
  }
  return new Tenants(byName, keyDigests);
}

const NO_TENANTS = new Tenants(new Map(), []);
let cached = { text: null, tenants: null };

// The tenants of this deployment; none when LF_TENANTS is absent or empty
// (then every authenticated route answers 401).
export async function tenantsFrom(env) {
  const text = env.LF_TENANTS;
  if (typeof text !== 'string' || text.trim() === '') return NO_TENANTS;
  if (cached.text !== text) cached = { text, tenants: await parseTenants(text) };
  return cached.tenants;
}

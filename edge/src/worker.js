// LatticeForge's HTTP API as a Workers module worker (docs/HTTP.md): a thin
// router over the core's dispatch. Checks run in the contract's order: path
// and method (404, 405) -> auth (401) -> rate limit (429) -> body size (413)
// -> the core. Anything unexpected is a 500 `internal error` with no details.
import { authenticate } from './auth.js';
import { bodyText, readBody } from './body.js';
import { NOT_JSON, loadCore } from './core.js';
import { BODY_LIMIT, jsonResponse, requestId, shellError } from './http.js';
import { METRICS_TYPE, Metrics } from './metrics.js';
import { route } from './router.js';
import { tenantsFrom } from './tenants.js';

export { PcsIntake } from './pcs_intake.js';
export { TenantGate } from './tenant_gate.js';

// Reading the body and the Durable Object calls must finish within this
// (LF_REQUEST_TIMEOUT_MS overrides it); the core itself runs synchronously
// and is bounded by the platform's CPU limit instead.
const DEFAULT_TIMEOUT_MS = 10_000;

function requestTimeoutMs(env) {
  const ms = Number(env.LF_REQUEST_TIMEOUT_MS);
  return Number.isInteger(ms) && ms > 0 ? ms : DEFAULT_TIMEOUT_MS;
}

const metrics = new Metrics();

class RequestTimeout extends Error {}

function withTimeout(promise, ms) {
  let timer;
  const expired = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new RequestTimeout()), ms);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

function health(core) {
  const body = JSON.stringify({ status: 'ok', version: core.version, shell: 'edge' });
  return jsonResponse(200, body);
}

function metricsText(core) {
  const state = core.dispatch('breaker/state', JSON.stringify({ now_ms: Date.now() }));
  const breakers = state.status === 200 ? JSON.parse(state.body) : null;
  return new Response(metrics.render(breakers), { headers: { 'Content-Type': METRICS_TYPE } });
}

// One round trip to the tenant's gate: the replay check, then its rate.
async function admit(env, auth) {
  const gate = env.TENANT_GATE.get(env.TENANT_GATE.idFromName(auth.tenant.name));
  return gate.admit({ rateLimit: auth.tenant.rateLimit, signature: auth.signature });
}

async function runCore(env, core, target, tenant, text) {
  if (target.kind === 'pcs_submit') {
    const intake = env.PCS_INTAKE.get(env.PCS_INTAKE.idFromName(tenant.name));
    return intake.submit({ tenant: tenant.name, pcsKey: tenant.pcsKey, body: text });
  }
  const answer = core.dispatch(target.route, text);
  metrics.recordAnswer(target.route, answer.status, answer.body);
  return answer;
}

// `label` receives the metrics route label as soon as the router knows it.
async function handle(request, env, label) {
  const core = await loadCore();
  const path = new URL(request.url).pathname;
  const target = route(request.method, path, core);
  label.route = target.route;
  if (target.response !== undefined) return target.response;
  if (target.kind === 'health') return health(core);
  if (target.kind === 'metrics') return metricsText(core);

  const tenants = await tenantsFrom(env);
  const { bytes } = await readBody(request, BODY_LIMIT);
  const auth = await authenticate(request, path, bytes, tenants, Math.floor(Date.now() / 1000));
  if (auth === null) return shellError('unauthorized', { 'WWW-Authenticate': 'Bearer' });
  // A signed body over the limit could not be verified: 413 before the gate.
  if (bytes === null && auth.signature !== null) return shellError('payload_too_large');

  const admission = await admit(env, auth);
  if (admission.outcome === 'replayed') {
    return shellError('unauthorized', { 'WWW-Authenticate': 'Bearer' });
  }
  if (admission.outcome === 'rate_limited') {
    return shellError('rate_limited', { 'Retry-After': String(admission.retryAfter) });
  }
  if (bytes === null) return shellError('payload_too_large');

  const answer = await runCore(env, core, target, auth.tenant, bodyText(bytes) ?? NOT_JSON);
  return jsonResponse(answer.status, answer.body);
}

export default {
  async fetch(request, env) {
    const startedMs = Date.now();
    const id = requestId(request);
    const label = { route: 'unknown' };
    let response;
    try {
      response = await withTimeout(handle(request, env, label), requestTimeoutMs(env));
    } catch (error) {
      if (error instanceof RequestTimeout) {
        response = shellError('request_timeout');
      } else {
        // For the operator's log only; never the client's (and never a key:
        // no error raised here carries request headers).
        console.error(`request ${id}: internal error:`, String(error?.stack ?? error));
        response = shellError('internal_error');
      }
    }
    response.headers.set('X-Request-Id', id);
    metrics.recordRequest(label.route, response.status, (Date.now() - startedMs) / 1000);
    return request.method === 'HEAD' ? new Response(null, response) : response;
  },
};

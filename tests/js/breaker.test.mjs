// Circuit breakers, the signal validator and the bias guard through the JS
// package. Expected states follow by hand from the configs (as in
// tests/core/circuit_breaker_test.cpp); the validator's sample figures are
// scipy's (tests/core/signal_validator_test.cpp).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importPackage } from './helpers.mjs';

const { createLatticeForge, LatticeForgeError } = await importPackage();
const lf = await createLatticeForge();

// Window 4, minimum 4, 50%: two failures in four calls open the breaker.
const config = { window_size: 4, minimum_calls: 4, wait_in_open_ms: 1000,
                 permitted_calls_in_half_open: 1 };

function expectCode(fn, code) {
  assert.throws(fn, (error) => {
    assert.ok(error instanceof LatticeForgeError);
    assert.equal(error.code, code);
    return true;
  });
}

test('breaker: failures open it, the wait and a passing probe close it', () => {
  const record = (outcome, now_ms, extra = {}) =>
    lf.breakerRecord({ component: 'js-exchange', outcome, duration_ms: 1, now_ms, config, ...extra });
  record('success', 10);
  record('failure', 11);
  record('success', 12);
  const opened = record('failure', 13);
  assert.equal(opened.breaker.state, 'open');
  assert.equal(opened.breaker.failure_rate, 50);
  assert.equal(opened.breaker.open_until_ms, 1013);
  assert.deepEqual(opened.events.map((e) => e.type), ['failure_rate_exceeded', 'state_transition']);

  const refused = lf.breakerAcquire({ component: 'js-exchange', now_ms: 1012 });
  assert.equal(refused.permitted, false);
  assert.equal(refused.events[0].type, 'call_not_permitted');

  const probe = lf.breakerAcquire({ component: 'js-exchange', now_ms: 1013 });
  assert.equal(probe.permitted, true);
  assert.equal(probe.breaker.state, 'half_open');
  assert.equal(lf.breakerAcquire({ component: 'js-exchange', now_ms: 1014 }).permitted, false);
  const closed = record('success', 1020, { permit: probe.permit });
  assert.equal(closed.result, 'recorded');
  assert.equal(closed.breaker.state, 'closed');
  assert.equal(closed.events[0].cause, 'probes_passed');
});

test('breaker: operator transitions need an actor and a reason; cascades trip dependants', () => {
  // Two more closed components keep the global state closed (2 of 5 open).
  for (const component of ['js-pad-1', 'js-pad-2', 'js-db']) lf.breakerAcquire({ component, now_ms: 1 });
  lf.breakerAcquire({ component: 'js-orders', now_ms: 1 });
  assert.deepEqual(lf.breakerCascade({ source: 'js-db', dependants: ['js-orders'] }).dependants,
                   ['js-orders']);
  const forced = lf.breakerTransition({ component: 'js-db', to: 'forced_open', actor: 'ops',
                                        reason: 'drill', now_ms: 2 });
  assert.equal(forced.from, 'closed');
  assert.equal(forced.breaker.state, 'forced_open');
  const cascaded = forced.events.find((e) => e.breaker === 'js-orders');
  assert.equal(cascaded.cause, 'cascade');

  const state = lf.breakerState();  // now_ms: this runtime's clock
  const names = state.breakers.map((b) => b.name);
  assert.deepEqual(names, [...names].sort());
  assert.equal(state.breakers.find((b) => b.name === 'js-orders').state, 'open');
  assert.equal(state.global.components, names.length);
  assert.equal(state.global.state, 'closed');

  expectCode(() => lf.breakerTransition({ component: 'js-db', to: 'open', actor: '', reason: 'x' }),
             'invalid_argument');
  expectCode(() => lf.breakerTransition({ component: 'js-nobody', to: 'open', actor: 'ops',
                                          reason: 'x' }), 'unknown_breaker');
  expectCode(() => lf.breakerTransition({ component: 'js-exchange', to: 'half_open', actor: 'ops',
                                          reason: 'x' }), 'transition_refused');
  expectCode(() => lf.breakerAcquire({ component: 'js-new', config: { window_size: 0 } }),
             'invalid_parameter');
  expectCode(() => lf.breakerAcquire('js-db'), 'invalid_argument');
});

test('breaker: a global opening (2 of 3 open) pauses this instance\'s trading state', async () => {
  const fresh = await createLatticeForge();  // its own registry and trading state
  const open = (component, now_ms) => {
    let last;
    for (let i = 0; i < 4; i++) {
      last = fresh.breakerRecord({ component, outcome: 'failure', duration_ms: 1, now_ms, config });
    }
    return last;
  };
  for (const component of ['a', 'b', 'c']) fresh.breakerAcquire({ component, now_ms: 1000, config });
  const first = open('a', 2000);
  assert.equal(first.global.state, 'closed');
  assert.deepEqual(first.audit_lines, []);
  const second = open('b', 3000);
  assert.equal(second.global.state, 'open');
  const types = second.events.map((e) => e.type);
  assert.deepEqual(types.slice(-2), ['global_state_change', 'trading_state_trip']);
  assert.equal(second.events.at(-1).mode, 'paused');
  assert.equal(second.audit_lines.length, 1);
  const entry = JSON.parse(second.audit_lines[0]);
  assert.equal(entry.data.cause, 'breaker_cascade');
  assert.equal(entry.data.detail, '2 of 3 circuit breakers open (last: b)');
  assert.equal(entry.data.timestamp, 3);
  assert.equal(fresh.riskState().mode, 'paused');
  assert.equal(lf.riskState().mode, 'normal');  // another instance is untouched
});

test('riskValidate: the scipy-checked sample passes; each threshold has its code', () => {
  const sample = lf.riskValidate({
    returns: [0.012, -0.004, 0.008, 0.015, -0.002, 0.007, 0.011, -0.006, 0.009, 0.004],
    confidence: 0.8,
  });
  assert.equal(sample.accepted, true);
  assert.ok(Math.abs(sample.statistics.p_value - 0.020708075243131393) < 1e-12);
  assert.ok(Math.abs(sample.statistics.sharpe - 11.933536874103224) < 1e-9);

  const rejected = lf.riskValidate({
    statistics: { p_value: 0.2, expected_value: -0.001, sharpe: 1, confidence: 0.5 },
  });
  assert.deepEqual(rejected.rejections.map((r) => r.code), [
    'p_value_too_high', 'expected_value_not_positive', 'sharpe_too_low', 'confidence_too_low',
  ]);
  expectCode(() => lf.riskValidate({ returns: [0.1], confidence: 0.9 }), 'insufficient_data');
});

test('riskBias: FOMO blocks, and a revenge cooldown travels in the state', () => {
  const context = {
    now_ms: 3_600_000, instrument: 'BTC-PERP', side: 'buy', size: 1, baseline_size: 1,
    prices: [{ at_ms: 1_000_000, price: 100 }, { at_ms: 3_600_000, price: 106 }],
    sentiment: 0.9, signal_sources: ['momentum', 'order-flow'],
  };
  const fomo = lf.riskBias({ context });
  assert.equal(fomo.allowed, false);
  assert.deepEqual(fomo.findings.map((f) => [f.bias, f.action]), [['fomo', 'block']]);

  const calm = { ...context, sentiment: 0.5, last_loss_at_ms: 3_000_000 };
  const revenge = lf.riskBias({ context: calm });
  assert.equal(revenge.findings[0].bias, 'revenge_trading');
  assert.equal(revenge.state.cooldown_until_ms, 7_200_000);
  const { last_loss_at_ms, ...later } = calm;
  const prices = [context.prices[0], { at_ms: 7_200_000, price: 106 }];
  assert.equal(lf.riskBias({ context: { ...later, now_ms: 7_199_999,
                                        prices: [context.prices[0], { at_ms: 7_199_999, price: 106 }] },
                             state: revenge.state }).allowed, false);
  assert.equal(lf.riskBias({ context: { ...later, now_ms: 7_200_000, prices },
                             state: revenge.state }).allowed, true);
  expectCode(() => lf.riskBias({ context: { ...context, side: 'hold' } }), 'schema_error');
});

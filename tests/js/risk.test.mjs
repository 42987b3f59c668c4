// The pre-trade risk engine and the trading state through the JS package:
// the seed's liquidation example, a rule's both sides, fail-closed cases,
// the instance's trading state with its audit chain, and typed errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importPackage } from './helpers.mjs';

const { createLatticeForge } = await importPackage();
const lf = await createLatticeForge();

// 1 BTC at 1000 with a 5% stop, 2x, against a flat 100,000 account at its peak.
function request(overrides = {}) {
  return {
    order: { instrument: 'BTC', side: 'buy', quantity: 1, price: 1000, stop_loss: 950,
             take_profit: 1100, leverage: 2, ...overrides.order },
    portfolio: { equity: 100000, cash: 50000, positions: [], prices: { BTC: [980, 1010, 1000] },
                 equity_curve: [90000, 100000], ...overrides.portfolio },
    now: 10,
    ...overrides.top,
  };
}

test('riskCheck: the seed liquidation example, 65000 at 10x with 0.5% maintenance', () => {
  const long = lf.riskCheck(request({
    order: { quantity: 0.03, price: 65000, stop_loss: 63000, take_profit: undefined, leverage: 10 },
    portfolio: { prices: { BTC: [64000, 65000] } },
    top: { mode: 'normal' },
  }));
  assert.equal(long.decision, 'approved', long.message);
  assert.ok(Math.abs(long.figures.liquidation_price - 58825) < 1e-9);
  const short = lf.riskCheck(request({
    order: { side: 'sell', quantity: 0.03, price: 65000, stop_loss: 67000, take_profit: undefined,
             leverage: 10 },
    portfolio: { prices: { BTC: [64000, 65000] } },
    top: { mode: 'normal' },
  }));
  assert.equal(short.decision, 'approved', short.message);
  assert.ok(Math.abs(short.figures.liquidation_price - 71175) < 1e-9);
});

test('riskCheck: position size at 2% of equity passes, above it is rejected with a size', () => {
  const atLimit = lf.riskCheck(request({ order: { quantity: 2 }, top: { mode: 'normal' } }));
  assert.equal(atLimit.decision, 'approved');
  assert.equal(atLimit.figures.position_notional, 2000);
  assert.equal(atLimit.risk_score, 1);
  const over = lf.riskCheck(request({ order: { quantity: 2.5 }, top: { mode: 'normal' } }));
  assert.equal(over.decision, 'rejected');
  assert.equal(over.reason, 'position_size_exceeded');
  assert.equal(over.suggested_quantity, 2);
});

test('riskCheck fails closed and gates by mode', () => {
  const noEquity = lf.riskCheck(request({ portfolio: { equity: null }, top: { mode: 'normal' } }));
  assert.equal(noEquity.reason, 'missing_account_data');
  const unknown = lf.riskCheck(request({ order: { instrument: 'DOGE' }, top: { mode: 'normal' } }));
  assert.equal(unknown.reason, 'unknown_instrument');
  const noPrice = lf.riskCheck(request({ portfolio: { prices: { BTC: [] } }, top: { mode: 'normal' } }));
  assert.equal(noPrice.reason, 'missing_price');
  const noStop = lf.riskCheck(request({ order: { stop_loss: undefined }, top: { mode: 'normal' } }));
  assert.equal(noStop.reason, 'stop_loss_missing');
  assert.equal(lf.riskCheck(request({ top: { mode: 'paused' } })).reason, 'trading_paused');
  // Emergency lets only a reduce-only market order closing the whole position through.
  const liquidation = lf.riskCheck(request({
    order: { side: 'sell', price: undefined, stop_loss: undefined, take_profit: undefined,
             reduce_only: true },
    portfolio: { positions: [{ instrument: 'BTC', quantity: 1, entry_price: 900 }] },
    top: { mode: 'emergency' },
  }));
  assert.equal(liquidation.decision, 'approved', liquidation.message);
  assert.equal(liquidation.intent, 'liquidate');
});

test("riskState: this instance's state, a drawdown trip and the audited reset", () => {
  assert.equal(lf.riskState().mode, 'normal');
  const tripped = lf.riskCheck(request({ portfolio: { equity: 85000 } }));
  assert.equal(tripped.reason, 'drawdown_limit');
  assert.equal(tripped.kill_switch_tripped, true);
  assert.equal(tripped.audit_lines.length, 1);
  const state = lf.riskState();
  assert.equal(state.mode, 'emergency');
  assert.equal(state.transitions.at(-1).cause, 'drawdown');

  assert.throws(
    () => lf.riskState({ to: 'normal', actor: 'ops', reason: 'done', timestamp: 20 }),
    (e) => e.code === 'transition_refused' && e.status === 409,
  );
  const reset = lf.riskState({ to: 'paused', actor: 'ops', reason: 'drawdown reviewed', timestamp: 20 });
  const resumed = lf.riskState({ to: 'normal', actor: 'ops', reason: 'limits reset', timestamp: 21 });
  assert.equal(resumed.mode, 'normal');
  assert.equal(resumed.transitions.at(-1).actor, 'ops');
  // The three lines are this instance's whole chain so far: it verifies.
  const log = [...tripped.audit_lines, ...reset.audit_lines, ...resumed.audit_lines].join('');
  const report = lf.auditVerify({ log });
  assert.equal(report.intact, true);
  assert.equal(report.records, 3);
  assert.equal(report.head, resumed.audit_head);
});

test('risk routes: bad input throws typed errors', () => {
  const throwsCode = (fn, code, status) =>
    assert.throws(fn, (e) => e.code === code && (status === undefined || e.status === status));
  throwsCode(() => lf.riskCheck(request({ order: { quantity: -1 } })), 'invalid_argument', 400);
  throwsCode(() => lf.riskCheck(request({ order: { leverage: 0 } })), 'invalid_argument', 400);
  throwsCode(() => lf.riskCheck(request({ order: { price: '1000' } })), 'schema_error', 400);
  throwsCode(() => lf.riskCheck(request({ top: { limits: { max_correlation: 2 } } })),
             'invalid_parameter', 400);
  throwsCode(() => lf.riskCheck(request({ top: { mode: 'halted' } })), 'invalid_argument');
  throwsCode(() => lf.riskState({ to: 'paused', actor: '', reason: 'r', timestamp: 1 }),
             'invalid_argument');
  throwsCode(() => lf.riskState({ actor: 'ops' }), 'schema_error');
  throwsCode(() => lf.riskCheck('not an object'), 'invalid_argument');
});

// `lf risk check` as a user runs it: the readable decision, --json (the
// API's response), exit codes 0 / 3 / 1 / 2 and typed messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, scratchFiles } from './cli_support.mjs';


const lf = (...args) => runCli(args);

const requestFile = scratchFiles('lf-risk-');

// The seed's example: 65000 at 10x with 0.5% maintenance margin is
// liquidated at 58825; 0.03 BTC is 1,950 of a 100,000 account (2% = 2,000).
function request(order = {}, portfolio = {}) {
  return {
    order: { instrument: 'BTC', side: 'buy', quantity: 0.03, price: 65000, stop_loss: 63000,
             leverage: 10, ...order },
    portfolio: { equity: 100000, cash: 20000, positions: [], prices: { BTC: [64000, 65000] },
                 equity_curve: [100000], ...portfolio },
    now: 1,
  };
}

test('risk check --help documents the file and --json', () => {
  const run = lf('risk', 'check', '--help');
  assert.equal(run.code, 0);
  assert.match(run.out, /Usage:/);
  assert.match(run.out, /--json/);
});

test('an approved order: exit 0, the decision and its figures', () => {
  const run = lf('risk', 'check', requestFile('ok.json', request()));
  assert.equal(run.code, 0, run.err);
  assert.match(run.out, /^APPROVED {2}buy 0\.03 BTC @ 65000 \(open, mode normal\)/);
  assert.match(run.out, /stop-loss 63000/);
  assert.match(run.out, /liquidation 58825,/);
  const json = JSON.parse(lf('risk', 'check', requestFile('ok.json', request()), '--json').out);
  assert.equal(json.decision, 'approved');
  assert.equal(json.figures.liquidation_price, 58825);
});

test('a rejected order: exit 3, the reason code and the suggested size', () => {
  const run = lf('risk', 'check', requestFile('big.json', request({ quantity: 0.05 })));
  assert.equal(run.code, 3, run.err);
  assert.match(run.out, /^REJECTED/);
  assert.match(run.out, /position_size_exceeded: position notional 3250 > 0\.02 x equity = 2000/);
  assert.match(run.out, /suggested quantity 0\.030769/);
  const modify = lf('risk', 'check', requestFile('far.json', request({ stop_loss: 50000 })), '--json');
  assert.equal(modify.code, 3);
  assert.equal(JSON.parse(modify.out).reason, 'stop_loss_too_far');
  const tripped = lf('risk', 'check', requestFile('dd.json', request({}, { equity: 85000 })));
  assert.equal(tripped.code, 3);
  assert.match(tripped.out, /KILL SWITCH TRIPPED: the trading state is now emergency/);
  assert.match(tripped.out, /drawdown_limit/);
});

test('bad requests exit non-zero with a clear, typed message', () => {
  const cases = [
    [[requestFile('neg.json', request({ quantity: -1 }))], 1, /order\.quantity = -1 must be > 0.*\[invalid_argument\]/],
    [[requestFile('lev.json', request({ leverage: 0 }))], 1, /order\.leverage.*\[invalid_argument\]/],
    [[requestFile('broken.json', '{"order": ')], 1, /\[json_parse_error\]/],
    [[requestFile('shape.json', { order: {} })], 1, /\[schema_error\]/],
    [[join(tmpdir(), 'lf-test-missing-request.json')], 2, /does not exist/i],
  ];
  for (const [args, code, message] of cases) {
    const run = lf('risk', 'check', ...args);
    assert.equal(run.code, code, `${args.join(' ')}: ${run.err}`);
    assert.match(run.err, message, args.join(' '));
    assert.equal(run.out, '', `${args.join(' ')} printed to stdout`);
  }
});

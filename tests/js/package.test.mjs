// The latticeforge JS package as users load it: the assembled package
// directory (index.js + lf_core.mjs + lf_core.wasm), under Node's test runner.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  BURST_START,
  importPackage,
  readTcpdText,
  readWasmBytes,
  squeezeThenBurst,
} from './helpers.mjs';

const { createLatticeForge, LatticeForgeError } = await importPackage();

// Asserts `action` throws a LatticeForgeError with this code (and status).
function assertFails(action, code, status) {
  assert.throws(action, (error) => {
    assert.ok(error instanceof LatticeForgeError, `not a LatticeForgeError: ${error}`);
    assert.ok(error instanceof Error);
    assert.equal(error.code, code, error.message);
    if (status !== undefined) assert.equal(error.status, status);
    assert.ok(error.message.length > 0);
    return true;
  });
}

// Runs `action` with fetch() replaced by a trap: the glue must never fetch.
async function withoutFetch(action) {
  const realFetch = globalThis.fetch;
  globalThis.fetch = () => Promise.reject(new Error('fetch() was called'));
  try {
    return await action();
  } finally {
    globalThis.fetch = realFetch;
  }
}

function kindsAndIndices(alerts) {
  return alerts.map(({ kind, index }) => [kind, index]);
}

const NILE_VARIANCE_COMPRESSION = {
  short_window: 5,
  baseline_window: 15,
  low_ratio: 0.25,
  high_ratio: 2,
  min_duration: 3,
};
const NILE_PHASE_TRANSITION = {
  short_window: 5,
  baseline_window: 10,
  threshold: 3,
  trend_window: 2,
};

let lf;
before(async () => {
  lf = await withoutFetch(() => createLatticeForge());
});

describe('loading', () => {
  test('loads in Node from the package directory without fetching', () => {
    assert.equal(lf.version, '0.1.0');
    assert.equal(typeof lf.createDetector, 'function');
  });

  test('loads from a precompiled WebAssembly.Module (the workerd path)', async () => {
    const wasmModule = await WebAssembly.compile(await readWasmBytes());
    const fromModule = await withoutFetch(() => createLatticeForge({ wasmModule }));
    assert.equal(fromModule.version, lf.version);
    const detector = fromModule.createDetector('variance_compression');
    const reference = lf.createDetector('variance_compression');
    assert.deepEqual(detector.push(squeezeThenBurst()), reference.push(squeezeThenBurst()));
    detector.delete();
    reference.delete();
  });

  test('loads from the wasm bytes', async () => {
    const bytes = await readWasmBytes();
    const wasmBinary = new Uint8Array(bytes);
    const fromBytes = await withoutFetch(() => createLatticeForge({ wasmBinary }));
    assert.deepEqual(fromBytes.detectors(), lf.detectors());
  });

  test('rejects bad load options', async () => {
    const badOptions = [
      { wasmModule: new Uint8Array(8) },
      { wasmBinary: 'lf_core.wasm' },
      { wasmUrl: 'x' },
      null,
    ];
    for (const options of badOptions) {
      await assert.rejects(createLatticeForge(options), (error) => {
        assert.ok(error instanceof LatticeForgeError);
        assert.equal(error.code, 'invalid_argument');
        return true;
      });
    }
  });

  test('a module that is not the core rejects instead of hanging', async () => {
    const notTheCore = await WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
    const loaded = await createLatticeForge({ wasmModule: notTheCore }).then(
      () => 'loaded',
      () => 'rejected',
    );
    assert.equal(loaded, 'rejected');
  });
});

describe('catalog', () => {
  test('lists every detector with its parameter specs', () => {
    const catalog = lf.detectors();
    // Alphabetical, the order of the catalog everywhere.
    assert.deepEqual(
      catalog.map((d) => d.name),
      [
        'autocorrelation_pattern',
        'bocpd',
        'consensus',
        'cusum',
        'early_warning',
        'hmm_regime',
        'micro_grokking',
        'page_hinkley',
        'phase_transition',
        'variance_compression',
      ],
    );
    for (const info of catalog) {
      assert.match(info.version, /^\d+\.\d+\.\d+$/);
      assert.ok(info.summary.length > 0);
      assert.ok(info.parameters.length > 0);
      for (const spec of info.parameters) {
        const keys = ['default', 'description', 'integer', 'max', 'min', 'name'];
        assert.deepEqual(Object.keys(spec).sort(), keys);
        assert.ok(spec.min <= spec.default && spec.default <= spec.max, spec.name);
      }
    }
    const specs = catalog.find((d) => d.name === 'variance_compression').parameters;
    const names = specs.map((p) => p.name);
    for (const name of Object.keys(NILE_VARIANCE_COMPRESSION)) {
      assert.ok(names.includes(name), name);
    }
  });

  test('a detector reports its name, version and resolved parameters', () => {
    const info = lf.detectors().find((d) => d.name === 'phase_transition');
    const detector = lf.createDetector('phase_transition', { threshold: 5 });
    assert.equal(detector.name, 'phase_transition');
    assert.equal(detector.version, info.version);
    const expected = Object.fromEntries(info.parameters.map((p) => [p.name, p.default]));
    assert.deepEqual({ ...detector.parameters }, { ...expected, threshold: 5 });
    assert.equal(detector.samplesSeen, 0);
    detector.delete();
  });
});

describe('streaming detector', () => {
  test('a squeeze then a burst raises compression, then expansion at the burst', () => {
    const detector = lf.createDetector('variance_compression');
    const alerts = detector.push(squeezeThenBurst());
    assert.equal(detector.samplesSeen, 500);
    const compression = alerts.findIndex((a) => a.kind === 'compression');
    const expansion = alerts.findIndex((a) => a.kind === 'expansion');
    assert.ok(compression >= 0, JSON.stringify(alerts));
    assert.ok(expansion > compression, JSON.stringify(alerts));
    assert.ok(alerts[compression].index >= 300 && alerts[compression].index < BURST_START);
    assert.equal(alerts[compression].severity, 'warning');
    const burst = alerts[expansion];
    assert.ok(burst.index >= BURST_START && burst.index <= BURST_START + 3, `at ${burst.index}`);
    const keys = ['detector', 'index', 'kind', 'score', 'severity', 'timestamp', 'version'];
    assert.deepEqual(Object.keys(burst).sort(), keys);
    assert.equal(burst.detector, 'variance_compression');
    assert.equal(burst.version, detector.version);
    assert.equal(burst.severity, 'critical');
    assert.equal(burst.timestamp, burst.index);
    assert.ok(burst.score > detector.parameters.high_ratio);
    detector.delete();
  });

  test('one batch push equals many small pushes, and number[] equals Float64Array', () => {
    const series = squeezeThenBurst();
    for (const name of ['variance_compression', 'phase_transition']) {
      const batch = lf.createDetector(name);
      const expected = batch.push(series);
      assert.ok(expected.length > 0);

      const streamed = lf.createDetector(name);
      const alerts = [];
      const chunkSizes = [1, 7, 0, 13, 64, 2, 100];
      for (let start = 0, k = 0; start < series.length; k++) {
        const size = chunkSizes[k % chunkSizes.length];
        alerts.push(...streamed.push(series.subarray(start, start + size)));
        start += size;
      }
      assert.deepEqual(alerts, expected);
      assert.equal(streamed.samplesSeen, series.length);

      const fromArray = lf.createDetector(name);
      assert.deepEqual(fromArray.push(Array.from(series)), expected);
      for (const detector of [batch, streamed, fromArray]) detector.delete();
    }
  });

  test('reset() starts over with the same results', () => {
    const detector = lf.createDetector('variance_compression');
    const first = detector.push(squeezeThenBurst());
    detector.reset();
    assert.equal(detector.samplesSeen, 0);
    assert.deepEqual(detector.push(squeezeThenBurst()), first);
    detector.delete();
  });

  test('timestamps are carried into the alerts', () => {
    const series = squeezeThenBurst();
    const timestamps = Float64Array.from(series, (_, i) => 1.7e9 + 0.25 * i);
    const detector = lf.createDetector('variance_compression');
    const half = 250;
    const alerts = [
      ...detector.push(series.subarray(0, half), timestamps.subarray(0, half)),
      ...detector.push(Array.from(series.subarray(half)), Array.from(timestamps.subarray(half))),
    ];
    assert.ok(alerts.length >= 2);
    for (const alert of alerts) assert.equal(alert.timestamp, timestamps[alert.index]);
    detector.delete();
  });

  test('delete() frees the detector; using it afterwards throws', () => {
    const detector = lf.createDetector('phase_transition');
    detector.delete();
    detector.delete();
    assert.equal(detector.name, 'phase_transition');
    assertFails(() => detector.push([1, 2, 3]), 'invalid_argument', 400);
    assertFails(() => detector.samplesSeen, 'invalid_argument');
    assertFails(() => detector.reset(), 'invalid_argument');
  });
});

describe('detect route', () => {
  const series = squeezeThenBurst();
  const request = {
    series: { values: Array.from(series), name: 'synthetic' },
    detectors: [
      { name: 'variance_compression' },
      { name: 'phase_transition', parameters: { threshold: 3 } },
    ],
  };

  test('detect() equals the raw dispatch output', () => {
    const response = lf.detect(request);
    const raw = lf.dispatch('detect', JSON.stringify(request));
    assert.equal(raw.status, 200);
    assert.deepEqual(response, JSON.parse(raw.body));
    assert.equal(response.samples, series.length);
    assert.equal(response.accepted, series.length);
    assert.deepEqual(
      response.detectors.map((d) => d.name),
      ['variance_compression', 'phase_transition'],
    );
  });

  test('detect() agrees with the streaming detectors and accepts typed arrays', () => {
    const response = lf.detect({ ...request, series: { values: series } });
    const streamed = request.detectors.flatMap(({ name, parameters }) => {
      const detector = lf.createDetector(name, parameters);
      const alerts = detector.push(series);
      detector.delete();
      return alerts;
    });
    const requestOrder = request.detectors.map((d) => d.name);
    const position = (alert) => requestOrder.indexOf(alert.detector);
    streamed.sort((a, b) => a.index - b.index || position(a) - position(b));
    assert.deepEqual(response.alerts, streamed);
  });

  test('detect() carries timestamps', () => {
    const timestamps = Float64Array.from(series, (_, i) => 100 + 2 * i);
    const response = lf.detect({
      series: { values: series, timestamps },
      detectors: [{ name: 'variance_compression' }],
    });
    assert.ok(response.alerts.length > 0);
    for (const alert of response.alerts) assert.equal(alert.timestamp, timestamps[alert.index]);
  });
});

describe('table readers', () => {
  test('readTcpd reads the Nile series', async () => {
    const nile = lf.readTcpd(await readTcpdText('nile'));
    assert.equal(nile.name, 'nile');
    assert.equal(nile.longname, 'Nile Volume at Aswan');
    assert.equal(nile.columnNames.length, 1);
    assert.equal(nile.columns.length, 1);
    const [values] = nile.columns;
    assert.ok(values instanceof Float64Array);
    assert.ok(nile.timestamps instanceof Float64Array);
    assert.equal(values.length, 100);
    assert.equal(values[0], 1120);
    assert.equal(values[99], 740);
    assert.deepEqual(Array.from(nile.timestamps.subarray(0, 3)), [0, 1, 2]);
  });

  test('readCsv reads chosen columns, a time column and missing cells', () => {
    const text = 'time;load;temp;note\n10;1.5;20;a\n11;;21;b\n12;2.5;NA;c\n';
    const options = { columns: ['temp', 'load'], timeColumn: 'time', delimiter: ';' };
    const table = lf.readCsv(text, options);
    assert.deepEqual(table.columnNames, ['temp', 'load']);
    assert.deepEqual(Array.from(table.timestamps), [10, 11, 12]);
    assert.ok(table.columns.every((c) => c instanceof Float64Array));
    assert.deepEqual(Array.from(table.columns[0]), [20, 21, NaN]);
    assert.deepEqual(Array.from(table.columns[1]), [1.5, NaN, 2.5]);

    const defaults = lf.readCsv('a,b\n1,2\n3,4\n');
    assert.deepEqual(defaults.columnNames, ['a', 'b']);
    assert.deepEqual(Array.from(defaults.timestamps), [0, 1]);
    assert.deepEqual(defaults.columns.map((c) => Array.from(c)), [[1, 3], [2, 4]]);
  });

  test('reader errors carry the core codes', () => {
    assertFails(() => lf.readCsv('a,b\n1,2\n', { columns: ['c'] }), 'missing_column', 400);
    assertFails(() => lf.readCsv('a,b\n1,x\n'), 'csv_parse_error', 400);
    assertFails(() => lf.readCsv('a,b\n'), 'empty_input', 422);
    assertFails(() => lf.readCsv('a:b\n1:2\n', { delimiter: ':' }), 'invalid_argument', 400);
    assertFails(() => lf.readCsv('a,b\n1,2\n', { delimiter: ',,' }), 'invalid_argument');
    assertFails(() => lf.readCsv('a,b\n1,2\n', { timecolumn: 'a' }), 'invalid_argument');
    assertFails(() => lf.readCsv(42), 'invalid_argument');
    assertFails(() => lf.readTcpd('{"name": '), 'json_parse_error', 400);
    assertFails(() => lf.readTcpd('{"name": "x"}'), 'schema_error', 400);
  });
});

describe('Nile (real data, annotated change at index 28)', () => {
  let values;
  before(async () => {
    values = lf.readTcpd(await readTcpdText('nile')).columns[0];
  });

  test('variance_compression raises an expansion near the change', () => {
    const detector = lf.createDetector('variance_compression', NILE_VARIANCE_COMPRESSION);
    const alerts = detector.push(values);
    detector.delete();
    assert.ok(
      alerts.some((a) => a.kind === 'expansion' && a.index >= 23 && a.index <= 33),
      JSON.stringify(kindsAndIndices(alerts)),
    );
  });

  test('phase_transition raises an alert near the change', () => {
    const detector = lf.createDetector('phase_transition', NILE_PHASE_TRANSITION);
    const alerts = detector.push(values);
    detector.delete();
    assert.ok(
      alerts.some((a) => a.index >= 23 && a.index <= 33),
      JSON.stringify(kindsAndIndices(alerts)),
    );
  });
});

describe('errors', () => {
  let detector;
  before(() => {
    detector = lf.createDetector('variance_compression');
  });
  after(() => detector.delete());

  test('unknown detector', () => {
    assertFails(() => lf.createDetector('no_such_detector'), 'unknown_detector', 400);
    assertFails(() => lf.createDetector(7), 'invalid_argument', 400);
  });

  test('bad parameters', () => {
    const create = (parameters) => () => lf.createDetector('variance_compression', parameters);
    assertFails(create({ short_window: 0 }), 'invalid_parameter', 400);
    assertFails(create({ short_window: 2.5 }), 'invalid_parameter', 400);
    assertFails(create({ low_ratio: NaN }), 'invalid_parameter', 400);
    assertFails(create({ low_ratio: '0.1' }), 'invalid_parameter', 400);
    assertFails(create({ low_ratio: 4, high_ratio: 3 }), 'invalid_parameter', 400);
    assertFails(create({ no_such_parameter: 1 }), 'unknown_parameter', 400);
    assertFails(create(null), 'invalid_argument', 400);
    assertFails(create([1, 2]), 'invalid_argument', 400);
  });

  test('non-finite values are rejected and nothing is consumed', () => {
    detector.push([1, 2, 3]);
    assertFails(() => detector.push([4, NaN, 6]), 'non_finite_value', 422);
    assertFails(() => detector.push(Float64Array.of(4, 5, Infinity)), 'non_finite_value', 422);
    assertFails(() => detector.push([4, 5], [10, NaN]), 'non_finite_value', 422);
    assert.equal(detector.samplesSeen, 3);
  });

  test('non-number samples are rejected, null included', () => {
    const before = detector.samplesSeen;
    assertFails(() => detector.push([1, null, 3]), 'invalid_argument', 400);
    assertFails(() => detector.push(['1']), 'invalid_argument');
    assertFails(() => detector.push('123'), 'invalid_argument');
    assertFails(() => detector.push(new BigInt64Array(2)), 'invalid_argument');
    assertFails(() => detector.push([1], [{}]), 'invalid_argument');
    assert.equal(detector.samplesSeen, before);
  });

  test('timestamps must increase, within a push and across pushes', () => {
    const timed = lf.createDetector('phase_transition');
    assertFails(() => timed.push([1, 2, 3], [0, 2, 2]), 'non_increasing_timestamp', 422);
    assert.equal(timed.samplesSeen, 0);
    timed.push([1, 2], [10, 11]);
    assertFails(() => timed.push([3], [11]), 'non_increasing_timestamp', 422);
    assertFails(() => timed.push([3]), 'non_increasing_timestamp', 422);
    assert.equal(timed.samplesSeen, 2);
    timed.delete();
  });

  test('values and timestamps of different lengths', () => {
    const before = detector.samplesSeen;
    assertFails(() => detector.push([1, 2, 3], [10, 11]), 'length_mismatch', 422);
    assertFails(() => detector.push([1, 2, 3], []), 'length_mismatch', 422);
    assertFails(() => detector.push([], [1]), 'length_mismatch', 422);
    assert.equal(detector.samplesSeen, before);
  });

  test('malformed JSON through dispatch', () => {
    const response = lf.dispatch('detect', '{"series": {"values": [1, 2,');
    assert.equal(response.status, 400);
    assert.equal(JSON.parse(response.body).error.code, 'json_parse_error');
  });

  test('unknown route', () => {
    const response = lf.dispatch('no_such_route', {});
    assert.equal(response.status, 404);
    assert.equal(JSON.parse(response.body).error.code, 'unknown_route');
  });

  test('detect() throws the route errors', () => {
    assertFails(() => lf.detect({ series: { values: [1, NaN, 3] } }), 'non_finite_value', 422);
    assertFails(() => lf.detect({ series: { values: [] } }), 'empty_input', 422);
    const mismatched = { series: { values: [1, 2], timestamps: [1] } };
    assertFails(() => lf.detect(mismatched), 'length_mismatch', 422);
    const unknown = { series: { values: [1, 2] }, detectors: [{ name: 'x' }] };
    assertFails(() => lf.detect(unknown), 'unknown_detector', 400);
    assertFails(() => lf.detect({ values: [1, 2] }), 'schema_error', 400);
    assertFails(() => lf.detect('{}'), 'invalid_argument', 400);
  });

  test('dispatch() argument errors', () => {
    assertFails(() => lf.dispatch(42, {}), 'invalid_argument');
    assertFails(() => lf.dispatch('detect', 42), 'invalid_argument');
  });
});

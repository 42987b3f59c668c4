// LatticeForge for JavaScript: the C++ core (lf_core.wasm, through its embind
// glue lf_core.mjs) behind a small, throwing API. The glue's own bindings
// never throw; they return {ok, value} / {ok: false, error}, and this file
// turns every failure into a LatticeForgeError carrying the core's stable code.
import createLatticeForgeModule from './lf_core.mjs';

const INVALID_ARGUMENT = { code: 'invalid_argument', status: 400 };

export class LatticeForgeError extends Error {
  constructor({ code, message, status }) {
    super(message);
    this.name = 'LatticeForgeError';
    this.code = code;
    this.status = status;
  }
}

function invalidArgument(message) {
  return new LatticeForgeError({ ...INVALID_ARGUMENT, message });
}

function unwrap(result) {
  if (!result.ok) throw new LatticeForgeError(result.error);
  return result.value;
}

function isPlainObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkObject(value, what, allowedKeys) {
  if (!isPlainObject(value)) throw invalidArgument(`${what} must be an object`);
  if (allowedKeys === undefined) return;
  for (const key of Object.keys(value)) {
    if (!allowedKeys.includes(key)) {
      throw invalidArgument(`${what} has no option '${key}' (options: ${allowedKeys.join(', ')})`);
    }
  }
}

function checkString(value, what) {
  if (typeof value !== 'string') throw invalidArgument(`${what} must be a string`);
}

function isNumericTypedArray(value) {
  return (
    ArrayBuffer.isView(value) &&
    !(value instanceof DataView) &&
    !(value instanceof BigInt64Array) &&
    !(value instanceof BigUint64Array)
  );
}

// Typed arrays are copied into wasm memory as they are. Arrays are checked
// element by element first: the bulk copy would silently read null as 0.
function checkSamples(samples, what) {
  if (isNumericTypedArray(samples)) return;
  if (!Array.isArray(samples)) {
    throw invalidArgument(`${what} must be an array of numbers or a Float64Array`);
  }
  for (let i = 0; i < samples.length; i++) {
    if (typeof samples[i] !== 'number') throw invalidArgument(`${what}[${i}] is not a number`);
  }
}

// JSON.stringify writes a typed array as {"0": ..., "1": ...}.
function typedArraysAsArrays(key, value) {
  return isNumericTypedArray(value) ? Array.from(value) : value;
}

// Breaker requests carry the caller's clock; this runtime's is the default.
function withNow(request) {
  return request.now_ms === undefined ? { ...request, now_ms: Date.now() } : request;
}

function requestText(request, what) {
  if (request === undefined) return '';
  if (typeof request === 'string') return request;
  checkObject(request, what);
  return JSON.stringify(request, typedArraysAsArrays);
}

// Consensus members: [{name, parameters?, weight?}], checked here so the core
// only ever reads well-typed values.
function checkMembers(members) {
  if (!Array.isArray(members) || members.length === 0) {
    throw invalidArgument('options.members must be a non-empty array');
  }
  members.forEach((member, i) => {
    const what = `options.members[${i}]`;
    checkObject(member, what, ['name', 'parameters', 'weight']);
    checkString(member.name, `${what}.name`);
    if (member.parameters !== undefined) checkObject(member.parameters, `${what}.parameters`);
    if (member.weight !== undefined && typeof member.weight !== 'number') {
      throw invalidArgument(`${what}.weight must be a number`);
    }
  });
}

// Memory a forgotten Detector or GrokMonitor holds is released when it is garbage collected,
// where the runtime supports that; delete() does it deterministically.
const handleFinalizer =
  typeof FinalizationRegistry === 'function'
    ? new FinalizationRegistry((handle) => handle.delete())
    : null;

// Module-private: the live embind handle of a wrapper, or a typed error once
// the wrapper has been deleted.
const liveHandle = Symbol('liveHandle');

// A C++ object owned by a JS wrapper, freed by delete() or, failing that,
// when the wrapper is garbage collected.
class OwnedHandle {
  #handle;
  #what;

  constructor(handle, what) {
    this.#handle = handle;
    this.#what = what;
    handleFinalizer?.register(this, handle, this);
  }

  reset() {
    this[liveHandle]().reset();
  }

  delete() {
    if (this.#handle === null) return;
    handleFinalizer?.unregister(this);
    this.#handle.delete();
    this.#handle = null;
  }

  [liveHandle]() {
    if (this.#handle === null) throw invalidArgument(`${this.#what} has been deleted`);
    return this.#handle;
  }
}

class Detector extends OwnedHandle {
  constructor(handle) {
    super(handle, `detector '${handle.name}'`);
    // Fixed for the detector's lifetime, so read once and still readable
    // after delete().
    this.name = handle.name;
    this.version = handle.version;
    this.parameters = Object.freeze(handle.parameters);
    this.members = Object.freeze(
      handle.members.map((m) => Object.freeze({ ...m, parameters: Object.freeze(m.parameters) })),
    );
    Object.freeze(this);
  }

  get samplesSeen() {
    return this[liveHandle]().samplesSeen;
  }

  push(values, timestamps) {
    const handle = this[liveHandle]();
    checkSamples(values, 'values');
    if (timestamps === undefined || timestamps === null) {
      return unwrap(handle.push(values, undefined));
    }
    checkSamples(timestamps, 'timestamps');
    return unwrap(handle.push(values, timestamps));
  }
}

// A micro-grokking monitor for one LLM generation, fed token by token.
class GrokMonitor extends OwnedHandle {
  constructor(handle) {
    super(handle, 'the grok monitor');
    this.parameters = Object.freeze(handle.parameters);
    Object.freeze(this);
  }

  get tokens() {
    return this[liveHandle]().tokens;
  }

  get vocabSize() {
    return this[liveHandle]().vocabSize;
  }

  get state() {
    return this[liveHandle]().state;
  }

  onToken(logits) {
    const handle = this[liveHandle]();
    checkSamples(logits, 'logits');
    return unwrap(handle.onToken(logits));
  }

  shouldEarlyStop() {
    return this[liveHandle]().shouldEarlyStop();
  }
}

// Only Node-like runtimes (file: URLs) reach this import. It is not a string
// literal so that bundlers for browsers and Workers (webpack, esbuild/wrangler)
// do not try to resolve a Node built-in they cannot provide.
const NODE_FS_PROMISES = 'node:fs/promises';

async function instantiateFetched(url, imports) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`fetching ${url} failed: HTTP ${response.status}`);
  try {
    return await WebAssembly.instantiateStreaming(response.clone(), imports);
  } catch {
    // Streaming compilation needs the server to send application/wasm.
    return WebAssembly.instantiate(await response.arrayBuffer(), imports);
  }
}

// {instance, module} from whichever source the options name.
async function instantiate(imports, { wasmModule, wasmBinary }) {
  if (wasmModule !== undefined) {
    return { instance: await WebAssembly.instantiate(wasmModule, imports), module: wasmModule };
  }
  if (wasmBinary !== undefined) return WebAssembly.instantiate(wasmBinary, imports);
  const url = new URL('./lf_core.wasm', import.meta.url);
  if (url.protocol === 'file:') {
    const { readFile } = await import(NODE_FS_PROMISES);
    return WebAssembly.instantiate(await readFile(url), imports);
  }
  return instantiateFetched(url, imports);
}

function checkLoadOptions(options) {
  checkObject(options, 'options', ['wasmModule', 'wasmBinary']);
  const { wasmModule, wasmBinary } = options;
  if (wasmModule !== undefined && wasmBinary !== undefined) {
    throw invalidArgument('give options.wasmModule or options.wasmBinary, not both');
  }
  if (wasmModule !== undefined && !(wasmModule instanceof WebAssembly.Module)) {
    throw invalidArgument('options.wasmModule must be a WebAssembly.Module');
  }
  const isBytes = wasmBinary instanceof ArrayBuffer || ArrayBuffer.isView(wasmBinary);
  if (wasmBinary !== undefined && !isBytes) {
    throw invalidArgument('options.wasmBinary must be an ArrayBuffer or a Uint8Array');
  }
}

// The emscripten glue is always handed the instantiated module and a
// locateFile, so it never fetches or resolves a URL itself: its own fetch of
// a file path fails under Node 18+, and workerd has neither import.meta.url
// nor runtime compilation from bytes.
async function loadCore(options) {
  let failLoading;
  const loadingFailed = new Promise((resolve, reject) => {
    failLoading = reject;
  });
  const ready = createLatticeForgeModule({
    locateFile: (path) => path,
    instantiateWasm(imports, receiveInstance) {
      instantiate(imports, options)
        .then(({ instance, module }) => receiveInstance(instance, module))
        .catch(failLoading);
      return {};
    },
  });
  return Promise.race([ready, loadingFailed]);
}

export async function createLatticeForge(options = {}) {
  checkLoadOptions(options);
  const core = await loadCore(options);

  function dispatch(route, request) {
    checkString(route, 'route');
    return core.dispatch(route, requestText(request, 'request'));
  }

  function dispatchJson(route, request) {
    const { status, body } = dispatch(route, request);
    const response = JSON.parse(body);
    if (status !== 200) throw new LatticeForgeError({ ...response.error, status });
    return response;
  }

  // Verification routes answer a verdict also with 202, 401 or 422; only an
  // error body ({"error": ...}) throws.
  function dispatchVerdict(route, request) {
    const { status, body } = dispatch(route, request);
    const response = JSON.parse(body);
    if (response.error !== undefined) throw new LatticeForgeError({ ...response.error, status });
    return response;
  }

  return Object.freeze({
    version: core.version(),

    detectors() {
      return dispatchJson('detectors').detectors;
    },

    createDetector(name, parameters = {}, options = {}) {
      checkString(name, 'detector name');
      checkObject(parameters, 'parameters');
      checkObject(options, 'options', ['members']);
      if (options.members !== undefined) checkMembers(options.members);
      return new Detector(unwrap(core.DetectorHandle.create(name, parameters, options.members)));
    },

    detect(request) {
      checkObject(request, 'request');
      return dispatchJson('detect', request);
    },

    earlyWarning(values, options = {}) {
      checkSamples(values, 'values');
      checkObject(options, 'options', ['rolling_window', 'detrend']);
      return dispatchJson('ews', { ...options, values });
    },

    microGrokking(request) {
      checkObject(request, 'request');
      return dispatchJson('grok', request);
    },

    createGrokMonitor(parameters = {}) {
      checkObject(parameters, 'parameters');
      return new GrokMonitor(unwrap(core.GrokMonitorHandle.create(parameters)));
    },

    transferEntropy(request) {
      checkObject(request, 'request');
      return dispatchJson('te', request);
    },

    causalGraph(request) {
      checkObject(request, 'request');
      return dispatchJson('graph', request);
    },

    emergence(request) {
      checkObject(request, 'request');
      return dispatchJson('emergence', request);
    },

    hmm(request) {
      checkObject(request, 'request');
      return dispatchJson('hmm', request);
    },

    score(request) {
      checkObject(request, 'request');
      return dispatchJson('score', request);
    },

    fuse(request) {
      checkObject(request, 'request');
      return dispatchJson('fuse', request);
    },

    vote(request) {
      checkObject(request, 'request');
      return dispatchJson('vote', request);
    },

    gate(request) {
      checkObject(request, 'request');
      return dispatchJson('gate', request);
    },

    dispatch,

    readCsv(text, options = {}) {
      checkString(text, 'CSV text');
      checkObject(options, 'CSV options', ['columns', 'timeColumn', 'delimiter']);
      const { columns = [], timeColumn = null, delimiter = '' } = options;
      if (!Array.isArray(columns) || !columns.every((c) => typeof c === 'string')) {
        throw invalidArgument('CSV options.columns must be an array of column names');
      }
      if (timeColumn !== null) checkString(timeColumn, 'CSV options.timeColumn');
      if (typeof delimiter !== 'string' || delimiter.length > 1) {
        throw invalidArgument('CSV options.delimiter must be a single character');
      }
      return unwrap(core.readCsv(text, { columns, timeColumn, delimiter }));
    },

    pcsBuild(request) {
      checkObject(request, 'request');
      // The core reads no clock: the send time defaults to this runtime's.
      const sentAt = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
      return dispatchJson('pcs/build', { sent_at: sentAt, ...request });
    },

    pcsVerify(request) {
      checkObject(request, 'request');
      if (request.mode === 'compat') {
        throw invalidArgument(
          "pcsVerify answers LatticeForge's contract; the reference server's raw answers " +
            "(mode 'compat') come from dispatch('pcs/verify', ...)",
        );
      }
      return dispatchVerdict('pcs/verify', request);
    },

    receiptSign(request) {
      checkObject(request, 'request');
      return dispatchJson('receipt/sign', request);
    },

    receiptVerify(request) {
      checkObject(request, 'request');
      return dispatchVerdict('receipt/verify', request);
    },

    auditVerify(request) {
      checkObject(request, 'request');
      return dispatchVerdict('audit/verify', request);
    },

    readTcpd(text) {
      checkString(text, 'TCPD JSON text');
      return unwrap(core.readTcpd(text));
    },

    // Circuit breakers: one registry per loaded core (per wasm instance).
    // The core reads no clock: now_ms defaults to this runtime's Date.now().
    breakerAcquire(request) {
      checkObject(request, 'request');
      return dispatchJson('breaker/acquire', withNow(request));
    },

    breakerRecord(request) {
      checkObject(request, 'request');
      return dispatchJson('breaker/record', withNow(request));
    },

    breakerRelease(request) {
      checkObject(request, 'request');
      return dispatchJson('breaker/release', withNow(request));
    },

    breakerTransition(request) {
      checkObject(request, 'request');
      return dispatchJson('breaker/transition', withNow(request));
    },

    breakerCascade(request) {
      checkObject(request, 'request');
      return dispatchJson('breaker/cascade', request);
    },

    breakerState(request = {}) {
      checkObject(request, 'request');
      return dispatchJson('breaker/state', withNow(request));
    },

    riskValidate(request) {
      checkObject(request, 'request');
      return dispatchJson('risk/validate', request);
    },

    riskBias(request) {
      checkObject(request, 'request');
      return dispatchJson('risk/bias', request);
    },

    // Pre-trade checks and the trading state: one TradingState per loaded
    // core (per wasm instance). riskCheck with `mode` changes nothing here;
    // without it a drawdown at the limit trips this instance's state.
    riskCheck(request) {
      checkObject(request, 'request');
      return dispatchJson('risk/check', request);
    },

    riskState(request = {}) {
      checkObject(request, 'request');
      return dispatchJson('risk/state', request);
    },
  });
}

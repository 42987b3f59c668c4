// The LatticeForge core in this isolate: the wasm package (wasm/package,
// built into build/<preset>/js-package/) loaded once from the compiled module
// the runtime hands us. Workers cannot compile wasm from bytes at request
// time, so the module is imported (workerd: a `wasm` module; wrangler: the
// CompiledWasm rule) and given to the package, which instantiates it.
import { createLatticeForge } from 'latticeforge';
import wasmModule from 'latticeforge/lf_core.wasm';

// A body no JSON parser accepts. dispatch() looks a route up before it parses
// the body (core/src/api/dispatch.cpp), so for a known route this answers a
// parse error without running anything and for an unknown one the core's own
// 404: the shell tells routes apart before auth without a route list of its
// own. A request body that is not UTF-8 is handed on as this, so its answer
// is the core's own parse error, as natively.
export const NOT_JSON = '\u0000';

let loading = null;

function wrap(lf) {
  const knownRoutes = new Set();
  return Object.freeze({
    version: lf.version,

    // {status, body}: the core's answer, unchanged.
    dispatch(route, bodyText) {
      return lf.dispatch(route, bodyText);
    },

    // The core's 404 answer for `route`, or null when the core serves it.
    unknownRoute(route) {
      if (knownRoutes.has(route)) return null;
      const probe = lf.dispatch(route, NOT_JSON);
      if (probe.status === 404) return probe;
      knownRoutes.add(route);
      return null;
    },
  });
}

// The core, loaded on first use. A failed load is not cached, so the next
// request tries again.
export function loadCore() {
  loading ??= createLatticeForge({ wasmModule })
    .then(wrap)
    .catch((error) => {
      loading = null;
      throw error;
    });
  return loading;
}

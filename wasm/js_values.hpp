// Conversions between core values and plain JavaScript values, and the result
// envelope every fallible binding returns. The core is built without
// exceptions and so are the bindings: a failure crosses into JS as
//   {ok: false, error: {code, message, status}}
// and index.js turns it into a thrown LatticeForgeError; a success is
//   {ok: true, value}.
#pragma once

#include <emscripten/val.h>

#include <span>
#include <vector>

#include "lf/common/error.hpp"
#include "lf/common/result.hpp"
#include "lf/detect/alert.hpp"
#include "lf/detect/parameters.hpp"

namespace lf::wasm {

emscripten::val success(const emscripten::val& value);
// `status` is the HTTP-style status lf::api::http_status gives the code.
emscripten::val failure(const Error& error);

// A Float64Array owning a copy of `values` (never a view into wasm memory,
// which memory growth would detach).
emscripten::val float64_array(std::span<const double> values);

// {name: number, ...} from JS, in the object's key order; a value that is
// not a number is invalid_parameter.
Result<detect::ParameterList> parameters_from_object(const emscripten::val& parameters);

// {name: value, ...} in the list's order.
emscripten::val parameters_object(const detect::ParameterList& parameters);

// [{detector, version, index, timestamp, kind, severity, score, detail?, members?}, ...]
emscripten::val alert_array(const std::vector<detect::Alert>& alerts);

}  // namespace lf::wasm

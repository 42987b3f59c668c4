// One streaming detector owned by JavaScript (index.js wraps it in the public
// Detector class). Samples arrive as whole arrays copied into wasm memory in
// one bulk copy per array, so pushing millions of samples costs a memcpy, not
// a call per element.
#pragma once

#include <emscripten/val.h>

#include <memory>
#include <string>

#include "lf/detect/detector.hpp"

namespace lf::wasm {

class DetectorHandle {
 public:
  // {ok, value: DetectorHandle} or {ok: false, error}. `parameters` is a plain
  // object {name: number}; a non-number value is an invalid_parameter.
  // `members` (meta-detectors such as consensus) is undefined or an array of
  // {name, parameters?, weight?}, shapes checked by index.js.
  static emscripten::val create(const std::string& name, const emscripten::val& parameters,
                                const emscripten::val& members);

  // `values` is an Array of numbers or a numeric typed array; `timestamps` the
  // same or undefined (then each sample's timestamp is its stream index).
  // {ok, value: the alerts raised by these samples} or {ok: false, error}, in
  // which case nothing was consumed.
  emscripten::val push(const emscripten::val& values, const emscripten::val& timestamps);
  void reset();

  double samples_seen() const;
  std::string name() const;
  std::string version() const;
  emscripten::val parameters() const;
  // [{name, version, parameters, weight}] for a meta-detector, else [].
  emscripten::val members() const;

 private:
  explicit DetectorHandle(std::unique_ptr<detect::Detector> detector);

  std::unique_ptr<detect::Detector> detector_;
};

}  // namespace lf::wasm

// One micro-grokking monitor owned by JavaScript (index.js wraps it in the
// public GrokMonitor class): the per-token shape of lf::detect's
// MicroGrokkingMonitor, for generations that stream token by token. Each
// token's logits arrive as one array, copied into wasm memory in one go.
#pragma once

#include <emscripten/val.h>

#include <string>

#include "lf/detect/micro_grokking.hpp"

namespace lf::wasm {

class GrokMonitorHandle {
 public:
  // {ok, value: GrokMonitorHandle} or {ok: false, error}. `parameters` is a
  // plain object {name: number} of micro_grokking parameters.
  static emscripten::val create(const emscripten::val& parameters);

  // `logits` is an Array of numbers or a numeric typed array (logits or
  // log-probabilities). {ok, value: {index, entropy, smoothedEntropy,
  // curvature, state, alert}} or {ok: false, error}, in which case the
  // monitor is unchanged. curvature is NaN for the first two tokens; alert is
  // null or {detector, version, index, timestamp, kind, severity, score}.
  emscripten::val on_token(const emscripten::val& logits);
  bool should_early_stop() const;
  std::string state() const;
  double tokens() const;
  double vocab_size() const;
  emscripten::val parameters() const;
  void reset();

 private:
  explicit GrokMonitorHandle(const detect::GrokParams& params);

  detect::MicroGrokkingMonitor monitor_;
};

}  // namespace lf::wasm

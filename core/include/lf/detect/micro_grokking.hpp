// The micro-grokking monitor in its two shapes (the logic is GrokTracker's):
//   - MicroGrokkingMonitor consumes an LLM generation token by token, as the
//     logits (or log-probabilities) of each position, and reports the token's
//     metrics: on_token(logits) -> {entropy, smoothed entropy, curvature,
//     state}, with should_early_stop() for adaptive compute;
//   - MicroGrokkingDetector is the catalog detector `micro_grokking`: its
//     samples are per-token entropies (nats), so it runs through `detect`
//     like any other detector and raises `grokked` (info) and `stuck`
//     (warning) alerts. Scores: grokked, the onset's curvature relative to the
//     exploration peak (-c/P); stuck, the smoothed entropy it is stuck at.
// Both take the same parameters (kParameters). Warm-up: no grokked before
// min_exploration tokens, no stuck before stuck_window tokens.
#pragma once

#include <array>
#include <cstddef>
#include <span>

#include "lf/detect/detector.hpp"
#include "lf/detect/grok_tracker.hpp"

namespace lf::detect {

class MicroGrokkingDetector final : public Detector {
 public:
  static constexpr std::string_view kName = "micro_grokking";
  static constexpr std::string_view kVersion = "1.0.0";
  static const std::array<ParameterSpec, 9> kParameters;
  using Params = GrokParams;

  static Result<Params> params_from(std::span<const double> values);

  explicit MicroGrokkingDetector(const Params& params);

  std::string_view name() const noexcept override { return kName; }
  std::string_view version() const noexcept override { return kVersion; }
  ParameterList parameters() const override;

  GrokState state() const noexcept { return tracker_.state(); }
  bool should_early_stop() const noexcept { return tracker_.should_early_stop(); }

 private:
  void process(std::span<const double> values, std::size_t first_index) override;
  void clear_state() override;

  GrokTracker tracker_;
};

// GrokParams from overrides of MicroGrokkingDetector::kParameters' defaults
// (unknown_parameter / invalid_parameter as for every detector).
Result<GrokParams> grok_params(const ParameterList& overrides = {});

// The parameters as a named list, in kParameters order.
ParameterList grok_parameter_list(const GrokParams& params);

class MicroGrokkingMonitor {
 public:
  explicit MicroGrokkingMonitor(const GrokParams& params = {});

  // One generated token: its logits over the vocabulary, or its
  // log-probabilities (the entropy is the same; see token_entropy). -inf
  // entries are masked tokens. Errors change nothing: empty_input for no
  // logits, non_finite_value for NaN or +inf (or all -inf), length_mismatch
  // when the vocabulary size differs from the first token's.
  Result<TokenMetrics> on_token(std::span<const double> logits);

  bool should_early_stop() const noexcept { return tracker_.should_early_stop(); }
  GrokState state() const noexcept { return tracker_.state(); }
  // The event the last accepted token raised, if any.
  const std::optional<GrokEvent>& event() const noexcept { return tracker_.event(); }
  std::size_t tokens() const noexcept { return tracker_.tokens(); }
  // The vocabulary size fixed by the first token; 0 before it.
  std::size_t vocab_size() const noexcept { return vocab_size_; }
  const GrokParams& params() const noexcept { return tracker_.params(); }
  void reset();

 private:
  GrokTracker tracker_;
  std::size_t vocab_size_ = 0;
};

}  // namespace lf::detect

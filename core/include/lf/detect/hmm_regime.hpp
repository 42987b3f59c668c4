// HMM regime detector (design seed 002 REGIME_001): a Gaussian hidden Markov
// model of the signal's regimes, fitted once, then filtered online.
//
//   1. Warm-up: the first `warmup` samples are collected and a K-state
//      Gaussian HMM is fitted to them by Baum-Welch (hmm_fit.hpp: `restarts`
//      seeded restarts, `max_iterations`, `tolerance`). States are labelled
//      in ascending order of their means (state 0 the lowest), so labels are
//      stable across restarts and seeds. If the warm-up span is constant (no
//      Gaussian states exist), it is discarded and the next `warmup` samples
//      are tried.
//   2. Filtering: the forward filter (hmm_filter.hpp) runs over the warm-up
//      samples and then every new one; the regime is the filtered MAP state
//      at the end of the warm-up.
//   3. A `regime_change` alert fires when the filtered MAP state differs from
//      the current regime with posterior >= `min_posterior` for `persistence`
//      consecutive samples (the same new state each time); the regime then
//      becomes that state. Both guards stop flicker: a state that is merely
//      the most probable of two nearly equal ones, or that wins for a single
//      outlying sample, does not switch the regime.
//
// The model is not refitted: reset() forgets it and the next warm-up fits a
// new one. Score: the new state's filtered posterior. Severity: warning.
// Detail: "state i -> j (mean a -> b)". Warm-up: no alert before `warmup`
// samples + `persistence`. Cost: the fit, once, O(restarts x iterations x
// warmup x K^2) time and O(warmup x K) memory; then O(K^2) per sample.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "lf/detect/detector.hpp"
#include "lf/detect/hmm_filter.hpp"
#include "lf/detect/hmm_fit.hpp"

namespace lf::detect {

class HmmRegimeDetector final : public Detector {
 public:
  static constexpr std::string_view kName = "hmm_regime";
  static constexpr std::string_view kVersion = "1.0.0";
  static const std::array<ParameterSpec, 8> kParameters;

  struct Params {
    std::size_t states = 2;
    std::size_t warmup = 250;
    std::size_t restarts = 4;
    std::uint64_t seed = 0;
    std::size_t max_iterations = 100;
    double tolerance = 1e-4;
    double min_posterior = 0.9;
    std::size_t persistence = 3;
  };

  // Values in kParameters order, range-checked; warmup must hold at least
  // 10 samples per state (a cross-parameter rule).
  static Result<Params> params_from(std::span<const double> values);

  explicit HmmRegimeDetector(const Params& params);

  std::string_view name() const noexcept override { return kName; }
  std::string_view version() const noexcept override { return kVersion; }
  ParameterList parameters() const override;

  // The fitted model (states ordered by mean), once the warm-up is over.
  const hmm::Model* model() const noexcept { return filter_ ? &filter_->model() : nullptr; }
  // The current regime (a state label), once the warm-up is over.
  std::optional<std::size_t> regime() const noexcept;

 private:
  void process(std::span<const double> values, std::size_t first_index) override;
  void clear_state() override;
  void fit_warmup();
  void step(std::size_t index, double x);

  Params params_;
  std::vector<double> warmup_;  // samples until the model is fitted
  std::optional<hmm::ForwardFilter> filter_;
  std::size_t regime_ = 0;
  std::size_t candidate_ = 0;      // the state challenging the regime
  std::size_t candidate_run_ = 0;  // consecutive samples it has qualified
};

}  // namespace lf::detect

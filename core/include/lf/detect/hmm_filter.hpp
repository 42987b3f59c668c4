// Online forward filtering: P(state at t | x_0..x_t) one observation at a
// time, O(K^2) per observation, with the same scaled recursion as the batch
// forward pass (hmm.hpp), so filtering a sequence sample by sample gives the
// forward pass's alpha rows exactly.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "lf/common/result.hpp"
#include "lf/detect/hmm.hpp"

namespace lf::detect::hmm {

class ForwardFilter {
 public:
  // invalid_parameter for a model validate() rejects.
  static Result<ForwardFilter> create(Model model);

  // Folds in one observation (finite; for categorical models an integer
  // symbol below M, else invalid_argument). An observation impossible from
  // the current posterior (probability 0) is skipped: the posterior stays as
  // it was and update() returns false.
  Result<bool> update(double x);

  // P(state k | the observations so far); before any, the initial
  // distribution.
  std::span<const double> posterior() const noexcept { return posterior_; }
  // The most probable state (ties: the lower index).
  std::size_t map_state() const noexcept;
  std::size_t observations() const noexcept { return observations_; }
  const Model& model() const noexcept { return model_; }

  // Back to the state after create().
  void reset();

 private:
  explicit ForwardFilter(Model model);

  Model model_;
  std::vector<double> posterior_;
  std::vector<double> next_;       // scratch
  std::vector<double> emissions_;  // scratch
  std::size_t observations_ = 0;
};

}  // namespace lf::detect::hmm

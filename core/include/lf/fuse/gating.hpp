// Expert gating (design seed 003, mixture of experts): N experts each report
// a confidence in [0, 1] and, optionally, evidence features (named numbers).
// An expert's score is its confidence plus the configured weight of each
// feature it reports:  score = confidence + Σ_f weight_f · value_f.
//
// Each decision ranks the reporting experts by score (ties: the baseline
// first, then configuration order) and selects k of them:
//   baseline_best  the baseline ranks first: the top k;
//   baseline_kept  a challenger scores higher, but by less than `margin`: the
//                  baseline, then the k − 1 best others (switching experts on
//                  a small gap costs more than it gains: seed 003);
//   challenger     the best challenger beats the baseline by at least
//                  `margin`: the top k;
//   no_baseline    the baseline did not report: the top k.
// Fewer than k reporting experts: all of them.
//
// The configuration is validated and copied at construction and never read
// from anywhere else afterwards (seed 003's lesson: a gate that reads its
// environment at call time behaves differently in every process). The gate
// counts how often each expert was selected, for monitoring.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lf/common/result.hpp"

namespace lf::fuse {

struct FeatureValue {
  std::string name;
  double value;
};

struct GateConfig {
  std::vector<std::string> experts;           // distinct, non-empty names
  std::string baseline;                       // one of `experts`; empty: the first expert
  std::size_t top_k = 1;                      // 1..experts.size()
  double margin = 0.05;                       // >= 0, on the score scale
  std::vector<FeatureValue> feature_weights;  // distinct names, finite weights
};

struct ExpertReport {
  std::string expert;
  double confidence;                   // in [0, 1]
  std::vector<FeatureValue> features;  // each a configured feature, at most once
};

enum class GateReason { baseline_best, baseline_kept, challenger, no_baseline };
std::string_view to_string(GateReason reason) noexcept;

struct ExpertScore {
  std::string expert;
  double score;
};

struct GateDecision {
  std::vector<std::string> selected;  // in selection order
  GateReason reason;
  std::string baseline;
  std::optional<std::string> challenger;  // the best-ranked non-baseline expert
  // challenger score − baseline score, when both reported.
  std::optional<double> margin;
  std::vector<ExpertScore> ranking;  // every report, best first
};

class Gate {
 public:
  // invalid_parameter for a configuration that breaks a rule above (no
  // experts: empty_input).
  static Result<Gate> create(GateConfig config);

  const GateConfig& config() const noexcept { return config_; }

  // All or nothing: on error nothing is counted. Errors: no reports:
  // empty_input; an unknown or repeated expert, a confidence outside [0, 1],
  // a non-finite feature value, an unknown or repeated feature:
  // invalid_argument.
  Result<GateDecision> select(std::span<const ExpertReport> reports);

  // Selections per expert, in configuration order, since construction.
  std::span<const std::uint64_t> selection_counts() const noexcept { return counts_; }
  std::uint64_t decisions() const noexcept { return decisions_; }

 private:
  Gate(GateConfig config, std::size_t baseline);

  GateConfig config_;
  std::size_t baseline_;
  std::vector<std::uint64_t> counts_;
  std::uint64_t decisions_ = 0;
};

}  // namespace lf::fuse

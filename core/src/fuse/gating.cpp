#include "lf/fuse/gating.hpp"

#include <algorithm>
#include <cmath>

#include "format.hpp"

namespace lf::fuse {
namespace {

std::string list(std::span<const std::string> names) {
  std::string text;
  for (const auto& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

Error bad_config(const std::string& what) {
  return make_error(ErrorCode::invalid_parameter, what);
}

Error bad_report(std::size_t index, const std::string& what) {
  return make_error(ErrorCode::invalid_argument, "report " + std::to_string(index) + ": " + what);
}

struct Ranked {
  std::size_t expert;  // configuration index
  double score;
};

}  // namespace

std::string_view to_string(GateReason reason) noexcept {
  switch (reason) {
    case GateReason::baseline_best: return "baseline_best";
    case GateReason::baseline_kept: return "baseline_kept";
    case GateReason::challenger: return "challenger";
    case GateReason::no_baseline: return "no_baseline";
  }
  return "unknown";
}

Result<Gate> Gate::create(GateConfig config) {
  const auto& experts = config.experts;
  if (experts.empty()) return make_error(ErrorCode::empty_input, "the gate has no experts");
  for (std::size_t i = 0; i < experts.size(); ++i) {
    if (experts[i].empty()) return bad_config("expert " + std::to_string(i) + " has no name");
    if (std::find(experts.begin(), experts.begin() + i, experts[i]) != experts.begin() + i) {
      return bad_config("expert '" + experts[i] + "' is configured twice");
    }
  }
  if (config.baseline.empty()) config.baseline = experts.front();
  const auto baseline = std::find(experts.begin(), experts.end(), config.baseline);
  if (baseline == experts.end()) {
    return bad_config("baseline '" + config.baseline +
                      "' is not an expert (experts: " + list(experts) + ")");
  }
  if (config.top_k < 1 || config.top_k > experts.size()) {
    return bad_config("top_k must be in [1, " + std::to_string(experts.size()) + "], got " +
                      std::to_string(config.top_k));
  }
  if (!(config.margin >= 0.0) || !std::isfinite(config.margin)) {
    return bad_config("margin must be finite and >= 0, got " + format_number(config.margin));
  }
  const auto& weights = config.feature_weights;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (weights[i].name.empty()) return bad_config("feature " + std::to_string(i) + " has no name");
    if (!std::isfinite(weights[i].value)) {
      return bad_config("feature '" + weights[i].name + "' must have a finite weight");
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (weights[j].name == weights[i].name) {
        return bad_config("feature '" + weights[i].name + "' is weighted twice");
      }
    }
  }
  const auto baseline_index = static_cast<std::size_t>(baseline - experts.begin());
  return Gate(std::move(config), baseline_index);
}

Gate::Gate(GateConfig config, std::size_t baseline)
    : config_(std::move(config)), baseline_(baseline), counts_(config_.experts.size(), 0) {}

Result<GateDecision> Gate::select(std::span<const ExpertReport> reports) {
  if (reports.empty()) return make_error(ErrorCode::empty_input, "no expert reports");
  const auto& experts = config_.experts;
  const auto& weights = config_.feature_weights;
  std::vector<Ranked> ranked;
  std::vector<bool> reported(experts.size(), false);
  for (std::size_t r = 0; r < reports.size(); ++r) {
    const auto& report = reports[r];
    const auto it = std::find(experts.begin(), experts.end(), report.expert);
    if (it == experts.end()) {
      return bad_report(r,
                        "unknown expert '" + report.expert + "' (experts: " + list(experts) + ")");
    }
    const auto expert = static_cast<std::size_t>(it - experts.begin());
    if (reported[expert]) return bad_report(r, "expert '" + report.expert + "' reported twice");
    reported[expert] = true;
    if (!(report.confidence >= 0.0 && report.confidence <= 1.0)) {
      return bad_report(r, "confidence must be in [0, 1], got " + format_number(report.confidence));
    }
    double score = report.confidence;
    std::vector<bool> seen(weights.size(), false);
    for (const auto& feature : report.features) {
      std::size_t f = 0;
      while (f < weights.size() && weights[f].name != feature.name) ++f;
      if (f == weights.size()) {
        std::string known;
        for (const auto& w : weights) known += (known.empty() ? "" : ", ") + w.name;
        return bad_report(r, "unknown feature '" + feature.name + "' (features: " +
                                 (known.empty() ? "none configured" : known) + ")");
      }
      if (seen[f]) return bad_report(r, "feature '" + feature.name + "' given twice");
      seen[f] = true;
      if (!std::isfinite(feature.value)) {
        return bad_report(r, "feature '" + feature.name + "' must be finite");
      }
      score += weights[f].value * feature.value;
    }
    if (!std::isfinite(score)) return bad_report(r, "the score overflows");
    ranked.push_back({expert, score});
  }
  // Best score first; on a tie the baseline, then configuration order.
  const std::size_t baseline = baseline_;
  std::sort(ranked.begin(), ranked.end(), [baseline](const Ranked& a, const Ranked& b) {
    if (a.score != b.score) return a.score > b.score;
    if ((a.expert == baseline) != (b.expert == baseline)) return a.expert == baseline;
    return a.expert < b.expert;
  });

  GateDecision decision;
  decision.baseline = experts[baseline];
  const auto baseline_at = std::find_if(
      ranked.begin(), ranked.end(), [baseline](const Ranked& e) { return e.expert == baseline; });
  const auto challenger_at = std::find_if(
      ranked.begin(), ranked.end(), [baseline](const Ranked& e) { return e.expert != baseline; });
  if (challenger_at != ranked.end()) decision.challenger = experts[challenger_at->expert];
  if (baseline_at != ranked.end() && challenger_at != ranked.end()) {
    decision.margin = challenger_at->score - baseline_at->score;
  }

  const std::size_t k = std::min(config_.top_k, ranked.size());
  std::vector<std::size_t> chosen;
  if (baseline_at == ranked.end()) {
    decision.reason = GateReason::no_baseline;
  } else if (baseline_at == ranked.begin()) {
    decision.reason = GateReason::baseline_best;
  } else if (*decision.margin < config_.margin) {
    decision.reason = GateReason::baseline_kept;
    chosen.push_back(baseline);
  } else {
    decision.reason = GateReason::challenger;
  }
  for (const auto& entry : ranked) {
    if (chosen.size() == k) break;
    if (std::find(chosen.begin(), chosen.end(), entry.expert) == chosen.end()) {
      chosen.push_back(entry.expert);
    }
  }

  for (std::size_t expert : chosen) {
    decision.selected.push_back(experts[expert]);
    ++counts_[expert];
  }
  ++decisions_;
  for (const auto& entry : ranked) decision.ranking.push_back({experts[entry.expert], entry.score});
  return decision;
}

}  // namespace lf::fuse

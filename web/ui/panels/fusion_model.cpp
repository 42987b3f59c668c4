#include "ui/panels/fusion_model.hpp"

#include <algorithm>

#include "ui/panels/json_fields.hpp"

namespace lf::ui::fusion {
namespace {

double parameter(const detect::ParameterList& parameters, std::string_view name) {
  for (const auto& p : parameters) {
    if (p.name == name) return p.value;
  }
  return 0.0;
}

std::size_t samples(double count) {
  return count > 0.0 ? static_cast<std::size_t>(count) : 0;
}

// Warm-ups as docs/DETECTORS.md ("Warm-up") and docs/API.md state them.
std::size_t warm_up_of(std::string_view name, const detect::ParameterList& p) {
  if (name == "phase_transition") {
    // short_window + baseline_window first differences need one more sample.
    return samples(parameter(p, "short_window") + parameter(p, "baseline_window") + 1.0);
  }
  if (name == "variance_compression") {
    return samples(parameter(p, "short_window") + parameter(p, "baseline_window"));
  }
  if (name == "hmm_regime") return samples(parameter(p, "warmup") + parameter(p, "persistence"));
  if (name == "autocorrelation_pattern") return samples(parameter(p, "window") + 1.0);
  if (name == "early_warning") {
    return samples(parameter(p, "window") + parameter(p, "trend_span") - 1.0);
  }
  if (name == "micro_grokking") {
    return samples(std::min(parameter(p, "min_exploration"), parameter(p, "stuck_window")));
  }
  if (name == "cusum") return samples(parameter(p, "warmup"));
  if (name == "page_hinkley") return samples(parameter(p, "min_instances"));
  return 0;  // bocpd (none), and detectors without a documented warm-up
}

// Stronger first: severity, then score, then the later alert.
bool stronger(const detect::Alert& a, const detect::Alert& b) {
  if (a.severity != b.severity) return a.severity > b.severity;
  if (a.score != b.score) return a.score > b.score;
  return a.index > b.index;
}

nlohmann::json focal(std::string_view hypothesis, double mass) {
  return {{"set", nlohmann::json::array({std::string(hypothesis)})}, {"mass", mass}};
}

}  // namespace

std::optional<SampleWindow> window_ending_at(std::size_t samples, std::size_t last,
                                             std::size_t length) {
  if (samples == 0) return std::nullopt;
  last = std::min(last, samples - 1);
  length = std::clamp<std::size_t>(length, 1, last + 1);
  return SampleWindow{last + 1 - length, last};
}

std::string_view hypothesis_for(std::string_view kind) {
  return kind == "pattern_stable" || kind == "stuck" ? kStable : kRegimeChange;
}

double alert_commitment(detect::Severity severity) {
  switch (severity) {
    case detect::Severity::info: return 1.0 / 3.0;
    case detect::Severity::warning: return 2.0 / 3.0;
    case detect::Severity::critical: return 1.0;
  }
  return 0.0;
}

std::size_t warm_up_samples(const detect::DetectorDescription& detector) {
  if (detector.members.empty()) return warm_up_of(detector.name, detector.parameters);
  // A meta-detector (consensus) can confirm only once its members can call:
  // its silence means something once every member is past its warm-up.
  std::size_t longest = 0;
  for (const auto& m : detector.members) {
    longest = std::max(longest, warm_up_of(m.name, m.parameters));
  }
  return longest;
}

std::vector<Evidence> gather_evidence(const Series& series, SampleWindow window) {
  std::vector<Evidence> out;
  for (const auto& description : series.detector_descriptions) {
    const std::size_t warm_up = warm_up_samples(description);
    auto same = std::find_if(out.begin(), out.end(),
                             [&](const Evidence& e) { return e.detector == description.name; });
    if (same != out.end()) {
      same->warm_up = std::max(same->warm_up, warm_up);
      continue;
    }
    out.push_back({description.name, std::nullopt, warm_up, 0, kStable, 0.0});
  }
  for (Evidence& e : out) {
    // Sample index warm_up - 1 is the first the detector can alert at.
    const std::size_t first_seen = e.warm_up > 0 ? e.warm_up - 1 : 0;
    e.watched = first_seen > window.last ? 0 : window.last + 1 - std::max(first_seen, window.first);
    for (const auto& alert : series.alerts) {
      if (alert.detector != e.detector || alert.index < window.first || alert.index > window.last) {
        continue;
      }
      if (!e.alert || stronger(alert, *e.alert)) e.alert = alert;
    }
    if (e.alert) {
      e.hypothesis = hypothesis_for(e.alert->kind);
      e.commitment = alert_commitment(e.alert->severity);
    } else {
      e.hypothesis = kStable;
      e.commitment =
          kSilenceCommitment * static_cast<double>(e.watched) / static_cast<double>(window.size());
    }
  }
  return out;
}

nlohmann::json fuse_request(std::span<const Evidence> evidence,
                            std::span<const double> reliabilities, const FuseSettings& settings) {
  const nlohmann::json frame = {std::string(kRegimeChange), std::string(kStable)};
  nlohmann::json sources = nlohmann::json::array();
  for (std::size_t i = 0; i < evidence.size(); ++i) {
    const Evidence& e = evidence[i];
    nlohmann::json masses = nlohmann::json::array();
    if (e.commitment > 0.0) masses.push_back(focal(e.hypothesis, e.commitment));
    if (e.commitment < 1.0) masses.push_back({{"set", frame}, {"mass", 1.0 - e.commitment}});
    sources.push_back(
        {{"name", e.detector},
         {"reliability", i < reliabilities.size() ? reliabilities[i] : kDefaultReliability},
         {"masses", std::move(masses)}});
  }
  return {{"hypotheses", frame},
          {"sources", std::move(sources)},
          {"rule", settings.rule},
          {"contested_threshold", settings.contested_threshold},
          {"measures", {"belief", "plausibility", "pignistic"}}};
}

Masses read_masses(const nlohmann::json& focal_sets) {
  Masses out;
  if (!focal_sets.is_array()) return out;
  for (const auto& entry : focal_sets) {
    const nlohmann::json* set = json_field(entry, "set");
    const std::optional<double> mass = json_number(entry, "mass");
    if (set == nullptr || !set->is_array() || !mass) continue;
    bool change = false, stable = false;
    for (const auto& name : *set) {
      change = change || (name.is_string() && name.get<std::string>() == kRegimeChange);
      stable = stable || (name.is_string() && name.get<std::string>() == kStable);
    }
    double& slot = change && stable ? out.either
                   : change         ? out.regime_change
                   : stable         ? out.stable
                                    : out.none;
    slot += *mass;
  }
  return out;
}

}  // namespace lf::ui::fusion

#include "lf/detect/registry.hpp"

#include <array>
#include <string>

#include "lf/detect/autocorrelation_pattern.hpp"
#include "lf/detect/bocpd.hpp"
#include "lf/detect/consensus.hpp"
#include "lf/detect/cusum.hpp"
#include "lf/detect/early_warning.hpp"
#include "lf/detect/hmm_regime.hpp"
#include "lf/detect/micro_grokking.hpp"
#include "lf/detect/page_hinkley.hpp"
#include "lf/detect/phase_transition.hpp"
#include "lf/detect/variance_compression.hpp"

namespace lf::detect {
namespace {

// Every detector D provides kName, kVersion, kParameters, a Params struct and
// `static Result<Params> params_from(span)` for its cross-parameter rules.
template <class D>
Result<std::unique_ptr<Detector>> create(std::span<const double> values) {
  auto params = D::params_from(values);
  if (!params) return std::move(params).error();
  return std::unique_ptr<Detector>(std::make_unique<D>(*params));
}

template <class D>
constexpr DetectorInfo entry(std::string_view summary) {
  return {D::kName, D::kVersion, summary, D::kParameters, &create<D>};
}

// Meta-detectors D also provide `static create(const Params&, members)`;
// without members they get their default ones.
template <class D>
Result<std::unique_ptr<Detector>> create_with_members(std::span<const double> values,
                                                      std::span<const MemberRequest> members) {
  auto params = D::params_from(values);
  if (!params) return std::move(params).error();
  return D::create(*params, members);
}

template <class D>
Result<std::unique_ptr<Detector>> create_with_default_members(std::span<const double> values) {
  return create_with_members<D>(values, {});
}

template <class D>
constexpr DetectorInfo meta_entry(std::string_view summary) {
  return {D::kName,
          D::kVersion,
          summary,
          D::kParameters,
          &create_with_default_members<D>,
          &create_with_members<D>};
}

// Alphabetical by name: the order the catalog is listed in everywhere.
const auto kCatalog = std::to_array<DetectorInfo>({
    entry<AutocorrelationPatternDetector>(
        "recurring patterns: windowed autocorrelation, signatures and a screened/free phase"),
    entry<BocpdDetector>("Bayesian online change points (Adams-MacKay): the MAP run length drops"),
    meta_entry<ConsensusDetector>(
        "confirms a change when a weighted quorum of member detectors agree within a tolerance"),
    entry<CusumDetector>("two-sided CUSUM of standardised deviations from a warm-up reference"),
    entry<EarlyWarningDetector>(
        "critical slowing down: variance and lag-1 autocorrelation both trending up"),
    entry<HmmRegimeDetector>(
        "Gaussian hidden Markov model fitted on a warm-up span, then filtered online"),
    entry<MicroGrokkingDetector>(
        "per-token LLM entropy: a sharp fall from exploration (grokked), or no progress (stuck)"),
    entry<PageHinkleyDetector>("Page-Hinkley test of the mean, River's semantics"),
    entry<PhaseTransitionDetector>(
        "variance of first differences vs a lagged baseline, confirmed by a trend reversal"),
    entry<VarianceCompressionDetector>("variance compressing into a narrow band, then expanding"),
});

}  // namespace

std::span<const DetectorInfo> detector_catalog() noexcept {
  return kCatalog;
}

Result<std::unique_ptr<Detector>> make_detector(std::string_view name,
                                                const ParameterList& overrides) {
  return make_detector(name, overrides, {});
}

Result<std::unique_ptr<Detector>> make_detector(std::string_view name,
                                                const ParameterList& overrides,
                                                std::span<const MemberRequest> members) {
  for (const auto& info : kCatalog) {
    if (info.name != name) continue;
    if (!members.empty() && info.create_with_members == nullptr) {
      return make_error(ErrorCode::invalid_parameter,
                        "detector '" + std::string(name) + "' takes no members");
    }
    auto values = resolve_parameters(info.parameters, overrides);
    if (!values) return std::move(values).error();
    return members.empty() ? info.create(*values) : info.create_with_members(*values, members);
  }
  std::string known;
  for (const auto& info : kCatalog) known += (known.empty() ? "" : ", ") + std::string(info.name);
  return make_error(ErrorCode::unknown_detector,
                    "unknown detector '" + std::string(name) + "' (detectors: " + known + ")");
}

}  // namespace lf::detect

#include "lf/detect/registry.hpp"

#include <array>
#include <string>

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

// Alphabetical by name: the order the catalog is listed in everywhere.
const auto kCatalog = std::to_array<DetectorInfo>({
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
  for (const auto& info : kCatalog) {
    if (info.name != name) continue;
    auto values = resolve_parameters(info.parameters, overrides);
    if (!values) return std::move(values).error();
    return info.create(*values);
  }
  std::string known;
  for (const auto& info : kCatalog) known += (known.empty() ? "" : ", ") + std::string(info.name);
  return make_error(ErrorCode::unknown_detector,
                    "unknown detector '" + std::string(name) + "' (detectors: " + known + ")");
}

}  // namespace lf::detect

#include "lf/emerge/regime_validation.hpp"

#include <cmath>
#include <cstdio>

#include "lf/graph/samples.hpp"

namespace lf::emerge {
namespace {

std::string format(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.4g", value);
  return text;
}

}  // namespace

Result<RegimeValidation> validate_regimes(std::span<const double> labels,
                                          std::span<const std::vector<double>> micro,
                                          const EmergenceParams& params, double threshold) {
  if (!std::isfinite(threshold)) {
    return make_error(ErrorCode::invalid_parameter, "threshold must be a finite number");
  }
  RegimeValidation out;
  out.threshold = threshold;
  bool single = !labels.empty();
  for (double label : labels) single = single && label == labels.front();
  if (single) {
    // Still reject malformed micro signals as errors, as emergence() would.
    for (std::size_t j = 0; j < micro.size(); ++j) {
      const std::string what = "micro[" + std::to_string(j) + "]";
      if (micro[j].size() != labels.size()) {
        return make_error(ErrorCode::length_mismatch, what + " and the labels differ in length");
      }
      if (auto s = graph::check_series(micro[j], what); !s) return std::move(s).error();
    }
    out.reasons.push_back("the labelling has a single regime: a constant carries no information");
    return out;
  }
  EmergenceParams as_labels = params;
  as_labels.macro_symbols.binning = graph::Binning::none;
  auto measures = emergence(labels, micro, as_labels);
  if (!measures) return std::move(measures).error();

  const std::string unit(units(params.estimator));
  double micro_sum = 0.0;
  for (double v : measures->micro_to_macro) micro_sum += v;
  if (!(measures->psi >= threshold)) {
    out.reasons.push_back("psi = " + format(measures->psi) + " " + unit +
                          " is below the threshold " + format(threshold) +
                          ": the labels are not causally emergent over the "
                          "micro signals");
    if (measures->macro_information < threshold) {
      out.reasons.push_back("the labels barely predict their own next value (I(V_t; V_t+tau) = " +
                            format(measures->macro_information) + " " + unit + ")");
    }
    if (micro_sum > 0.0 && micro_sum >= 0.5 * measures->macro_information) {
      out.reasons.push_back(
          "the micro signals taken one at a time already predict the next label (sum_j "
          "I(X^j_t; V_t+tau) = " +
          format(micro_sum) + " of " + format(measures->macro_information) + " " + unit + ")");
    }
  }
  out.accepted = out.reasons.empty();
  out.measures = std::move(*measures);
  return out;
}

}  // namespace lf::emerge

// POST emergence: causal emergence measures Ψ, Δ, Γ of a macro signal over
// micro signals, and optionally the regime-labelling validation.
//
// Request:
//   {"macro": [number|null...], "micro": [[number|null...], ...],
//    "estimator"?: "gaussian"|"discrete", "lag"?: integer,
//    "macro_binning"?: {"binning", "bins"}, "micro_binning"?: {"binning", "bins"},
//    "validate"?: {"threshold"?: number}}
// Response:
//   {"psi", "delta", "gamma", "units": "nats"|"bits", "estimator", "lag", "samples",
//    "terms": {"macro_information", "micro_to_macro", "macro_to_micro", "micro_to_micro"},
//    "validation"?: {"accepted", "threshold", "reasons"}}
// Under "validate" the macro series is a regime labelling; a single regime
// is a rejection whose measures are null.
#include "causal_read.hpp"
#include "lf/emerge/regime_validation.hpp"
#include "routes.hpp"

namespace lf::api::routes {
namespace {

using namespace json_read;

Result<emerge::EmergenceParams> emergence_params(const Json& request) {
  emerge::EmergenceParams out;
  if (const Json* v = find(request, "estimator")) {
    auto name = string(*v, "estimator");
    if (!name) return std::move(name).error();
    auto estimator = emerge::parse_estimator(*name);
    if (!estimator) return std::move(estimator).error();
    out.estimator = *estimator;
  }
  if (const Json* v = find(request, "lag")) {
    auto lag = causal_read::integer(*v, "lag", 1, 1000000);
    if (!lag) return std::move(lag).error();
    out.lag = static_cast<std::size_t>(*lag);
  }
  auto macro = causal_read::binning(find(request, "macro_binning"), "macro_binning");
  if (!macro) return std::move(macro).error();
  out.macro_symbols = *macro;
  auto micro = causal_read::binning(find(request, "micro_binning"), "micro_binning");
  if (!micro) return std::move(micro).error();
  out.micro_symbols = *micro;
  return out;
}

Json encode(const emerge::Emergence& e) {
  return {{"macro_information", number_value(e.macro_information)},
          {"micro_to_macro", causal_read::number_list(e.micro_to_macro)},
          {"macro_to_micro", causal_read::number_list(e.macro_to_micro)},
          {"micro_to_micro", causal_read::number_list(e.micro_to_micro)}};
}

}  // namespace

Result<Json> emergence(const Json& request) {
  if (auto s = only_keys(
          request, "request",
          {"macro", "micro", "estimator", "lag", "macro_binning", "micro_binning", "validate"});
      !s) {
    return std::move(s).error();
  }
  auto macro_node = require(request, "macro", "request");
  if (!macro_node) return std::move(macro_node).error();
  auto macro = causal_read::series(**macro_node, "macro");
  if (!macro) return std::move(macro).error();
  auto micro_node = require(request, "micro", "request");
  if (!micro_node) return std::move(micro_node).error();
  auto micro = causal_read::series_list(**micro_node, "micro", 1);
  if (!micro) return std::move(micro).error();
  auto params = emergence_params(request);
  if (!params) return std::move(params).error();

  Json out{{"units", std::string(emerge::units(params->estimator))},
           {"estimator", std::string(emerge::to_string(params->estimator))},
           {"lag", params->lag},
           {"samples", macro->size()}};
  if (params->estimator == emerge::Estimator::discrete) {
    out["macro_binning"] = causal_read::encode(params->macro_symbols);
    out["micro_binning"] = causal_read::encode(params->micro_symbols);
  }
  const auto put = [&out](const emerge::Emergence& e) {
    out["psi"] = number_value(e.psi);
    out["delta"] = number_value(e.delta);
    out["gamma"] = number_value(e.gamma);
    out["terms"] = encode(e);
  };

  const Json* validate = find(request, "validate");
  if (validate == nullptr) {
    auto result = emerge::emergence(*macro, *micro, *params);
    if (!result) return std::move(result).error();
    put(*result);
    return out;
  }
  if (auto s = expect_object(*validate, "validate"); !s) return std::move(s).error();
  if (auto s = only_keys(*validate, "validate", {"threshold"}); !s) return std::move(s).error();
  double threshold = 0.1;
  if (const Json* v = find(*validate, "threshold")) {
    auto t = number(*v, "validate.threshold");
    if (!t) return std::move(t).error();
    threshold = *t;
  }
  auto verdict = emerge::validate_regimes(*macro, *micro, *params, threshold);
  if (!verdict) return std::move(verdict).error();
  if (verdict->measures) {
    put(*verdict->measures);
  } else {
    out["psi"] = nullptr;
    out["delta"] = nullptr;
    out["gamma"] = nullptr;
    out["terms"] = nullptr;
  }
  out["validation"] = {{"accepted", verdict->accepted},
                       {"threshold", number_value(verdict->threshold)},
                       {"reasons", verdict->reasons}};
  return out;
}

}  // namespace lf::api::routes

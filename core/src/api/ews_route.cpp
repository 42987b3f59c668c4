// POST ews: early-warning indicators of critical slowing down over one series
// (lf/detect/early_warning_indicators.hpp, ewstools' definitions).
//
// Request:
//   {"values": [number...], "rolling_window"?: number,
//    "detrend"?: {"method": "none"|"gaussian"|"lowess", "bandwidth"?: number,
//                 "span"?: number, "iterations"?: integer}}
// Response:
//   {"algorithm": "early_warning", "version", "samples", "window",
//    "detrend": {"method", "bandwidth"?, "sigma"?, "span_fraction"?, "iterations"?},
//    "smoothing"?: [...], "residuals"?: [...],
//    "indicators": {"variance", "std", "cv", "ac1", "skew", "kurtosis": [number|null...]},
//    "kendall_tau": {"variance", "std", "cv", "ac1", "skew", "kurtosis": number|null}}
#include <cmath>

#include "lf/detect/early_warning.hpp"
#include "lf/detect/early_warning_indicators.hpp"
#include "routes.hpp"

namespace lf::api::routes {
namespace {

using namespace json_read;

Json number_or_null(double value) {
  return std::isnan(value) ? Json(nullptr) : number_value(value);
}

Json series_or_null(const std::vector<double>& values) {
  Json out = Json::array();
  for (const double v : values) out.push_back(number_or_null(v));
  return out;
}

Result<detect::Detrend> decode_method(const Json& node) {
  auto text = string(node, "detrend.method");
  if (!text) return std::move(text).error();
  if (*text == "none") return detect::Detrend::none;
  if (*text == "gaussian") return detect::Detrend::gaussian;
  if (*text == "lowess") return detect::Detrend::lowess;
  return make_error(
      ErrorCode::schema_error,
      "detrend.method must be \"none\", \"gaussian\" or \"lowess\", got \"" + *text + "\"");
}

Status decode_detrend(const Json& request, detect::EwsOptions& options) {
  const Json* node = find(request, "detrend");
  if (node == nullptr) return {};
  if (auto s = expect_object(*node, "detrend"); !s) return s;
  auto method_node = require(*node, "method", "detrend");
  if (!method_node) return std::move(method_node).error();
  auto method = decode_method(**method_node);
  if (!method) return std::move(method).error();
  options.detrend = *method;
  // Only the method's own options are accepted, so a misplaced one is an error
  // rather than silently ignored.
  switch (options.detrend) {
    case detect::Detrend::none:
      if (auto s = only_keys(*node, "detrend", {"method"}); !s) return s;
      break;
    case detect::Detrend::gaussian:
      if (auto s = only_keys(*node, "detrend", {"method", "bandwidth"}); !s) return s;
      if (const Json* v = find(*node, "bandwidth")) {
        auto bandwidth = number(*v, "detrend.bandwidth");
        if (!bandwidth) return std::move(bandwidth).error();
        options.bandwidth = *bandwidth;
      }
      break;
    case detect::Detrend::lowess:
      if (auto s = only_keys(*node, "detrend", {"method", "span", "iterations"}); !s) return s;
      if (const Json* v = find(*node, "span")) {
        auto span = number(*v, "detrend.span");
        if (!span) return std::move(span).error();
        options.span = *span;
      }
      if (const Json* v = find(*node, "iterations")) {
        auto iterations = number(*v, "detrend.iterations");
        if (!iterations) return std::move(iterations).error();
        if (*iterations != std::floor(*iterations) || *iterations < 0 || *iterations > 100) {
          return make_error(ErrorCode::invalid_parameter,
                            "detrend.iterations must be an integer in [0, 100]");
        }
        options.lowess_iterations = static_cast<std::size_t>(*iterations);
      }
      break;
  }
  return {};
}

Json encode_detrend(const detect::EwsOptions& options, const detect::EwsResult& result) {
  Json out{{"method", std::string(detect::to_string(options.detrend))}};
  if (options.detrend == detect::Detrend::gaussian) {
    out["bandwidth"] = number_value(result.bandwidth);
    out["sigma"] = number_value(result.sigma);
  } else if (options.detrend == detect::Detrend::lowess) {
    out["span_fraction"] = number_value(result.lowess_fraction);
    out["iterations"] = options.lowess_iterations;
  }
  return out;
}

}  // namespace

Result<Json> ews(const Json& request) {
  if (auto s = only_keys(request, "request", {"values", "rolling_window", "detrend"}); !s) {
    return std::move(s).error();
  }
  auto values_node = require(request, "values", "request");
  if (!values_node) return std::move(values_node).error();
  auto values = numbers(**values_node, "values", /*null_as_nan=*/true);
  if (!values) return std::move(values).error();

  detect::EwsOptions options;
  if (const Json* v = find(request, "rolling_window")) {
    auto window = number(*v, "rolling_window");
    if (!window) return std::move(window).error();
    options.rolling_window = *window;
  }
  if (auto s = decode_detrend(request, options); !s) return std::move(s).error();

  auto result = detect::early_warning_indicators(*values, options);
  if (!result) return std::move(result).error();

  const detect::EwsSeries& s = result->indicators;
  const detect::EwsTrends& t = result->kendall_tau;
  Json out{{"algorithm", std::string(detect::EarlyWarningDetector::kName)},
           {"version", std::string(detect::EarlyWarningDetector::kVersion)},
           {"samples", values->size()},
           {"window", result->window},
           {"detrend", encode_detrend(options, *result)},
           {"indicators",
            {{"variance", series_or_null(s.variance)},
             {"std", series_or_null(s.std_dev)},
             {"cv", series_or_null(s.cv)},
             {"ac1", series_or_null(s.ac1)},
             {"skew", series_or_null(s.skew)},
             {"kurtosis", series_or_null(s.kurtosis)}}},
           {"kendall_tau",
            {{"variance", number_or_null(t.variance)},
             {"std", number_or_null(t.std_dev)},
             {"cv", number_or_null(t.cv)},
             {"ac1", number_or_null(t.ac1)},
             {"skew", number_or_null(t.skew)},
             {"kurtosis", number_or_null(t.kurtosis)}}}};
  if (!result->smoothing.empty()) {
    out["smoothing"] = series_or_null(result->smoothing);
    out["residuals"] = series_or_null(result->residuals);
  }
  return out;
}

}  // namespace lf::api::routes

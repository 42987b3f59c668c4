#include "lf/detect/early_warning_indicators.hpp"

#include <cmath>
#include <limits>
#include <sstream>
#include <string>

#include "lf/detect/ews_window.hpp"
#include "lf/detect/kendall_tau.hpp"
#include "lf/signal/gaussian_filter.hpp"
#include "lf/signal/kernels.hpp"
#include "lf/signal/lowess.hpp"
#include "number_text.hpp"

namespace lf::detect {
namespace {

using detail::format_number;

// A size as ewstools reads it: a fraction of n in (0, 1], else samples.
Result<double> samples_of(double size, std::size_t n, std::string_view name) {
  if (!std::isfinite(size) || !(size > 0.0)) {
    return make_error(ErrorCode::invalid_parameter,
                      std::string(name) + " must be a positive number, got " + format_number(size));
  }
  return size <= 1.0 ? size * static_cast<double>(n) : size;
}

Result<std::size_t> resolve_window(double size, std::size_t n) {
  auto samples = samples_of(size, n, "rolling_window");
  if (!samples) return std::move(samples).error();
  if (size > 1.0 && size != std::floor(size)) {
    return make_error(
        ErrorCode::invalid_parameter,
        "rolling_window above 1 counts samples and must be an integer, got " + format_number(size));
  }
  const auto window = static_cast<std::size_t>(std::floor(*samples));
  if (window < 4 || window > n) {
    return make_error(ErrorCode::insufficient_data,
                      "rolling_window resolves to " + std::to_string(window) +
                          " samples; it must be at least 4 (the kurtosis needs 4) and at most "
                          "the series length " +
                          std::to_string(n));
  }
  return window;
}

// A detrending size (bandwidth or span) in samples, at most the series.
Result<double> resolve_extent(double size, std::size_t n, std::string_view name) {
  auto samples = samples_of(size, n, name);
  if (!samples) return std::move(samples).error();
  if (*samples > static_cast<double>(n)) {
    return make_error(ErrorCode::invalid_parameter,
                      std::string(name) + " of " + format_number(*samples) +
                          " samples is longer than the series (" + std::to_string(n) + ")");
  }
  return *samples;
}

Status detrend(std::span<const double> values, const EwsOptions& options, EwsResult& result) {
  const std::size_t n = values.size();
  if (options.detrend == Detrend::gaussian) {
    auto bandwidth = resolve_extent(options.bandwidth, n, "bandwidth");
    if (!bandwidth) return std::move(bandwidth).error();
    result.bandwidth = *bandwidth;
    result.sigma = gaussian_sigma(*bandwidth);
    auto smoothed = signal::gaussian_filter(values, result.sigma);
    if (!smoothed) return std::move(smoothed).error();
    result.smoothing = std::move(*smoothed);
  } else if (options.detrend == Detrend::lowess) {
    auto span = resolve_extent(options.span, n, "span");
    if (!span) return std::move(span).error();
    // ewstools hands statsmodels a fraction: absolute spans are divided by n.
    result.lowess_fraction = options.span <= 1.0 ? options.span : *span / static_cast<double>(n);
    auto smoothed = signal::lowess(values, {result.lowess_fraction, options.lowess_iterations});
    if (!smoothed) return std::move(smoothed).error();
    result.smoothing = std::move(*smoothed);
  }
  result.residuals.assign(values.begin(), values.end());
  if (!result.smoothing.empty()) {
    for (std::size_t i = 0; i < n; ++i) result.residuals[i] = values[i] - result.smoothing[i];
  }
  return {};
}

// Kendall tau over [first, last], skipping NaN.
double trend(const std::vector<double>& indicator, std::size_t first, std::size_t last) {
  std::vector<double> defined;
  defined.reserve(last - first + 1);
  for (std::size_t i = first; i <= last; ++i) {
    if (!std::isnan(indicator[i])) defined.push_back(indicator[i]);
  }
  return kendall_tau(defined);
}

bool all_defined(const EwsSeries& s, std::size_t i) {
  return !std::isnan(s.variance[i]) && !std::isnan(s.std_dev[i]) && !std::isnan(s.cv[i]) &&
         !std::isnan(s.ac1[i]) && !std::isnan(s.skew[i]) && !std::isnan(s.kurtosis[i]);
}

EwsTrends trends(const EwsSeries& s) {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  const std::size_t n = s.variance.size();
  std::size_t first = 0;
  while (first < n && !all_defined(s, first)) ++first;
  if (first == n) return {nan, nan, nan, nan, nan, nan};
  std::size_t last = n - 1;
  while (!all_defined(s, last)) --last;
  return {trend(s.variance, first, last), trend(s.std_dev, first, last),
          trend(s.cv, first, last),       trend(s.ac1, first, last),
          trend(s.skew, first, last),     trend(s.kurtosis, first, last)};
}

}  // namespace

std::string_view to_string(Detrend detrend) noexcept {
  switch (detrend) {
    case Detrend::none: return "none";
    case Detrend::gaussian: return "gaussian";
    case Detrend::lowess: return "lowess";
  }
  return "none";
}

Result<EwsResult> early_warning_indicators(std::span<const double> values,
                                           const EwsOptions& options) {
  const std::size_t n = values.size();
  if (n == 0) return make_error(ErrorCode::empty_input, "the series is empty");
  if (const auto bad = signal::kernels::first_non_finite(values); bad != signal::kernels::npos) {
    return make_error(ErrorCode::non_finite_value,
                      "value at index " + std::to_string(bad) + " is not finite");
  }
  if (options.lowess_iterations > signal::kMaxLowessIterations) {
    return make_error(ErrorCode::invalid_parameter, "lowess_iterations must be at most 100, got " +
                                                        std::to_string(options.lowess_iterations));
  }
  auto window = resolve_window(options.rolling_window, n);
  if (!window) return std::move(window).error();

  EwsResult result{*window, 0.0, 0.0, 0.0, {}, {}, {}, {}};
  if (auto status = detrend(values, options, result); !status) return std::move(status).error();

  EwsSeries& s = result.indicators;
  for (auto* column : {&s.variance, &s.std_dev, &s.cv, &s.ac1, &s.skew, &s.kurtosis}) {
    column->resize(n);
  }
  EwsWindow rolling(*window);
  for (std::size_t i = 0; i < n; ++i) {
    rolling.push(result.residuals[i], values[i]);
    const EwsValues v = rolling.values();
    s.variance[i] = v.variance;
    s.std_dev[i] = v.std_dev;
    s.cv[i] = v.cv;
    s.ac1[i] = v.ac1;
    s.skew[i] = v.skew;
    s.kurtosis[i] = v.kurtosis;
  }
  result.kendall_tau = trends(s);
  return result;
}

}  // namespace lf::detect

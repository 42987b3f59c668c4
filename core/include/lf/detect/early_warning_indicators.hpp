// Early-warning signals of critical slowing down over a whole series, with
// ewstools' definitions (Bury, ewstools.TimeSeries: detrend, compute_var,
// compute_std, compute_cv, compute_auto(lag=1), compute_skew, compute_kurt,
// compute_ktau), which call pandas, scipy and statsmodels:
//   1. optional detrending: a Gaussian kernel smoother (scipy.ndimage
//      gaussian_filter, mode 'reflect', sigma = (0.25/0.675) * bandwidth so
//      that the kernel's quartiles sit at +-bandwidth/4, as R's ksmooth) or
//      LOWESS (statsmodels lowess against the sample index, `frac` = span,
//      3 robustifying iterations by default); residuals = values - smoothing;
//   2. rolling indicators of the residuals over `rolling_window` samples
//      (pandas rolling: NaN until the window fills), see EwsWindow;
//      the coefficient of variation divides by the rolling mean of the raw
//      values, as ewstools does;
//   3. the Kendall tau-b of each indicator against time, over the span from
//      the first to the last sample where all six indicators are defined,
//      skipping that indicator's undefined values inside it (ewstools:
//      ews.dropna() bounds, then pandas corrwith(time, method='kendall')).
// Sizes follow ewstools: a number in (0, 1] is a fraction of the series
// length (the window is floor(fraction * n)), a number above 1 a count of
// samples (the window must then be an integer).
// Cost: O(n) for the indicators, O(n log n) for the taus, plus the smoother:
// O(n * sigma) for the Gaussian, O((iterations + 1) * n^2 * span) for LOWESS.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

#include "lf/common/result.hpp"

namespace lf::detect {

enum class Detrend { none, gaussian, lowess };

std::string_view to_string(Detrend detrend) noexcept;

struct EwsOptions {
  double rolling_window = 0.25;  // ewstools' default
  Detrend detrend = Detrend::none;
  double bandwidth = 0.2;             // Gaussian only; ewstools' default
  double span = 0.2;                  // LOWESS only; ewstools' default
  std::size_t lowess_iterations = 3;  // statsmodels' default, which ewstools keeps
};

// One value per sample; NaN where undefined (before the window fills, or see
// EwsWindow).
struct EwsSeries {
  std::vector<double> variance;
  std::vector<double> std_dev;
  std::vector<double> cv;
  std::vector<double> ac1;
  std::vector<double> skew;
  std::vector<double> kurtosis;
};

// Kendall tau-b of each indicator against time (NaN when undefined).
struct EwsTrends {
  double variance;
  double std_dev;
  double cv;
  double ac1;
  double skew;
  double kurtosis;
};

struct EwsResult {
  std::size_t window;             // the rolling window, in samples
  double bandwidth;               // Gaussian: in samples; else 0
  double sigma;                   // Gaussian: the kernel's standard deviation in samples; else 0
  double lowess_fraction;         // LOWESS: the share of the series per local fit; else 0
  std::vector<double> smoothing;  // the trend; empty without detrending
  std::vector<double> residuals;  // values - smoothing (the values themselves without)
  EwsSeries indicators;
  EwsTrends kendall_tau;
};

// Kernel standard deviation for a bandwidth (both in samples), ewstools'.
inline constexpr double gaussian_sigma(double bandwidth) noexcept {
  return (0.25 / 0.675) * bandwidth;
}

// empty_input for no values, non_finite_value for a NaN or infinity (naming
// its index), invalid_parameter for sizes that are not positive and finite,
// an absolute window that is not an integer, a bandwidth or span longer than
// the series, or lowess_iterations above 100; insufficient_data when the
// window resolves to fewer than 4 samples (the kurtosis needs 4) or more than
// the series holds.
Result<EwsResult> early_warning_indicators(std::span<const double> values,
                                           const EwsOptions& options = {});

}  // namespace lf::detect

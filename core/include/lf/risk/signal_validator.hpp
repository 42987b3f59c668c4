// Statistical validation of a trading signal before it may trade (seed
// BIAS_001's validator). A signal passes only if all four hold:
//
//   check                 rejects when              reason code
//   p-value               p >= 0.05                 p_value_too_high
//   expected value        EV <= 0                   expected_value_not_positive
//   Sharpe ratio          Sharpe < 2.0              sharpe_too_low
//   model confidence      confidence < 0.75         confidence_too_low
//
// How the figures are meant to be computed (return_statistics does the first
// three from a sample of the signal's per-period returns r_1..r_n, n >= 2,
// taken as excess returns, i.e. net of costs and of the risk-free rate):
//   EV       the sample mean  m = (r_1 + ... + r_n) / n, summed in order
//   s        the sample standard deviation, ddof 1 (two-pass)
//   t        m / (s / sqrt(n)), Student's t with n - 1 degrees of freedom
//   p        one-sided p-value of H1 "the mean return is > 0":
//            P(T_{n-1} >= t) = I_x(df/2, 1/2) / 2 for t >= 0 (1 minus that for
//            t < 0), x = df / (df + t^2), I the regularised incomplete beta
//            function (Eigen's betainc) -- scipy.stats.ttest_1samp(r, 0,
//            alternative="greater").pvalue
//   Sharpe   m / s * sqrt(periods_per_year) (annualised; 252 for daily returns)
//   confidence  the model's own probability for the signal, in [0, 1]: not
//            derivable from returns, so always supplied by the caller.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "lf/common/result.hpp"

namespace lf::risk {

struct SignalStatistics {
  double p_value = 1.0;         // [0, 1]
  double expected_value = 0.0;  // finite
  double sharpe = 0.0;          // finite
  double confidence = 0.0;      // [0, 1]
};

struct ValidatorThresholds {
  double max_p_value = 0.05;        // reject p >= this; (0, 1]
  double min_expected_value = 0.0;  // reject EV <= this; finite
  double min_sharpe = 2.0;          // reject Sharpe < this; finite
  double min_confidence = 0.75;     // reject confidence < this; [0, 1]
};

// invalid_parameter naming the first threshold out of its range.
Status validate(const ValidatorThresholds& thresholds);

enum class SignalRejection : std::uint8_t {
  p_value_too_high,
  expected_value_not_positive,
  sharpe_too_low,
  confidence_too_low,
};

// "p_value_too_high", "expected_value_not_positive", "sharpe_too_low",
// "confidence_too_low".
std::string_view to_string(SignalRejection reason) noexcept;

struct SignalVerdict {
  bool accepted = false;
  std::vector<SignalRejection> rejections;  // in the table's order
  SignalStatistics statistics;
};

// The verdict on `statistics`. Errors: non_finite_value (a NaN or infinite
// figure), invalid_argument (p-value or confidence outside [0, 1]),
// invalid_parameter (thresholds).
Result<SignalVerdict> validate_signal(const SignalStatistics& statistics,
                                      const ValidatorThresholds& thresholds = {});

struct ReturnStatistics {
  std::size_t samples = 0;
  double mean = 0.0;                // EV
  double standard_deviation = 0.0;  // ddof 1
  double t_statistic = 0.0;
  double p_value = 0.0;  // one-sided, H1: mean > 0
  double sharpe = 0.0;   // annualised
};

// EV, t, p and Sharpe of a return sample, as described above. Errors:
// insufficient_data (fewer than 2 returns), non_finite_value (the message
// names the index), degenerate_input (every return equal: s = 0, t is
// undefined), invalid_parameter (periods_per_year not finite and > 0).
Result<ReturnStatistics> return_statistics(std::span<const double> returns,
                                           double periods_per_year = 252.0);

// P(T > t) for Student's t with `df` > 0 degrees of freedom (scipy.stats.t.sf).
double student_t_survival(double t, double df);

}  // namespace lf::risk

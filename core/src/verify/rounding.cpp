#include "lf/verify/rounding.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <string>

#include "lf/verify/float_format.hpp"

namespace lf::verify {
namespace {

// Doubles this large are integers: no fractional digit to round.
constexpr double kAllIntegers = 4503599627370496.0;  // 2^52

// Integers of up to 15 digits and powers of ten up to 10^22 are exact doubles.
constexpr std::size_t kExactDigits = 15;
constexpr double kPowersOfTen[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                   1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                   1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

}  // namespace

double python_round(double x, int decimals) {
  if (!std::isfinite(x) || x == 0.0 || std::fabs(x) >= kAllIntegers) return x;
  // printf's %.Nf is the exactly rounded decimal (ties to even), like the
  // dtoa mode-3 conversion CPython's float.__round__ uses.
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, x);
  return std::strtod(text, nullptr);
}

double round_half_up_repr(double x, int decimals) {
  const DecimalDigits d = shortest_digits(x);
  const int fractional = static_cast<int>(d.digits.size()) - d.point;
  if (fractional <= decimals) return x;
  // Digits at or above 10^-decimals are kept; the next one decides.
  const int kept = d.point + decimals;
  std::string digits = kept > 0 ? d.digits.substr(0, static_cast<std::size_t>(kept)) : "0";
  const char next = kept >= 0 ? d.digits[static_cast<std::size_t>(kept)] : '0';
  if (next >= '5') {
    std::size_t i = digits.size();
    while (i > 0 && digits[i - 1] == '9') digits[--i] = '0';
    if (i == 0) {
      digits.insert(digits.begin(), '1');
    } else {
      ++digits[i - 1];
    }
  }
  if (digits.size() <= kExactDigits && decimals < static_cast<int>(std::size(kPowersOfTen))) {
    // m / 10^d with m and 10^d exact doubles is the correctly rounded value
    // of the decimal m * 10^-d, the double strtod would read.
    const double value = static_cast<double>(std::stoll(digits)) / kPowersOfTen[decimals];
    return d.negative ? -value : value;
  }
  const std::string text = (d.negative ? "-" : "") + digits + "e-" + std::to_string(decimals);
  return std::strtod(text.c_str(), nullptr);
}

}  // namespace lf::verify

#include "lf/verify/float_format.hpp"

#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace lf::verify {
namespace {

// Every decimal with at most 15 significant digits reads back to a distinct
// double (DBL_DIG), so a 15-digit string that round-trips, stripped of its
// trailing zeros, is already the shortest one.
constexpr int kUniqueDigits = 15;
constexpr int kMaxDigits = 17;

double read_back(const std::string& digits, int point) {
  const std::string text = digits + "e" + std::to_string(point - static_cast<int>(digits.size()));
  return std::strtod(text.c_str(), nullptr);
}

void strip_trailing_zeros(DecimalDigits& d) {
  while (d.digits.size() > 1 && d.digits.back() == '0') d.digits.pop_back();
}

// |x| rounded to `precision` significant digits (printf rounds exactly).
DecimalDigits rounded_digits(double magnitude, int precision) {
  char text[48];
  std::snprintf(text, sizeof text, "%.*e", precision - 1, magnitude);
  DecimalDigits d;
  d.digits.push_back(text[0]);
  const char* p = text + 1;
  if (*p == '.') {
    for (++p; *p != 'e'; ++p) d.digits.push_back(*p);
  }
  d.point = std::atoi(p + 1) + 1;
  return d;
}

// The next decimal of the same length away from zero (up) or towards it.
DecimalDigits neighbour(DecimalDigits d, bool up) {
  const std::size_t length = d.digits.size();
  if (up) {
    std::size_t i = length;
    while (i > 0 && d.digits[i - 1] == '9') d.digits[--i] = '0';
    if (i == 0) {
      d.digits.insert(d.digits.begin(), '1');
      d.digits.pop_back();
      ++d.point;
    } else {
      ++d.digits[i - 1];
    }
  } else {
    std::size_t i = length;
    while (i > 0 && d.digits[i - 1] == '0') d.digits[--i] = '9';
    --d.digits[i - 1];
    if (d.digits.front() == '0') {
      // 1000 -> 0999: below a power of ten the same length is one place finer.
      d.digits.erase(d.digits.begin());
      d.digits.push_back('9');
      --d.point;
    }
  }
  return d;
}

// 9-decimal values (everything the PCS signs) without printf or strtod: with
// n = |x|*1e9 rounded, the decimal n*10^-9 reads back as n / 1e9 (both
// operands exact, IEEE division correctly rounded: the same double strtod
// gives), so x has that decimal form exactly when n / 1e9 == x.
bool fixed_nine_decimals(double magnitude, DecimalDigits& out) {
  if (!(magnitude >= 1e-9 && magnitude < 1e6)) return false;
  const long long scaled = std::llround(magnitude * 1e9);
  if (static_cast<double>(scaled) / 1e9 != magnitude) return false;
  out.digits = std::to_string(scaled);
  out.point = static_cast<int>(out.digits.size()) - 9;
  strip_trailing_zeros(out);
  return true;
}

// d[.ddd]: the digits with the point after the first.
void append_mantissa(std::string& out, const std::string& digits) {
  out += digits[0];
  if (digits.size() > 1) {
    out += '.';
    out.append(digits, 1);
  }
}

}  // namespace

DecimalDigits shortest_digits(double x) {
  DecimalDigits result;
  result.negative = std::signbit(x);
  const double magnitude = std::fabs(x);
  if (magnitude == 0.0) {
    result.digits = "0";
    result.point = 1;
    return result;
  }
  if (fixed_nine_decimals(magnitude, result)) return result;
  // Subnormals carry fewer significant bits, so there even 15 digits are not
  // unique; search from one digit up.
  const int first_precision = magnitude < DBL_MIN ? 1 : kUniqueDigits;
  for (int precision = first_precision; precision < kMaxDigits; ++precision) {
    DecimalDigits nearest = rounded_digits(magnitude, precision);
    const double back = read_back(nearest.digits, nearest.point);
    DecimalDigits chosen;
    if (back == magnitude) {
      chosen = std::move(nearest);
    } else {
      // The rounding interval of x can be lopsided (at a power of two), so
      // the other decimal bracketing x may read back when the nearest does not.
      DecimalDigits other = neighbour(nearest, back < magnitude);
      if (read_back(other.digits, other.point) != magnitude) continue;
      chosen = std::move(other);
    }
    chosen.negative = result.negative;
    strip_trailing_zeros(chosen);
    return chosen;
  }
  // 17 significant digits always read back; the nearest is the choice.
  DecimalDigits longest = rounded_digits(magnitude, kMaxDigits);
  longest.negative = result.negative;
  strip_trailing_zeros(longest);
  return longest;
}

std::string python_repr(double x) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x < 0 ? "-inf" : "inf";
  const DecimalDigits d = shortest_digits(x);
  std::string out = d.negative ? "-" : "";
  const int k = static_cast<int>(d.digits.size());
  const int n = d.point;
  if (d.digits == "0") return out + "0.0";
  if (n > -4 && n <= 16) {
    if (n <= 0) return out + "0." + std::string(static_cast<std::size_t>(-n), '0') + d.digits;
    if (n >= k) return out + d.digits + std::string(static_cast<std::size_t>(n - k), '0') + ".0";
    return out + d.digits.substr(0, n) + "." + d.digits.substr(n);
  }
  append_mantissa(out, d.digits);
  const int exponent = n - 1;
  char tail[16];
  std::snprintf(tail, sizeof tail, "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
  return out + tail;
}

std::string ecmascript_number(double x) {
  if (x == 0.0) return "0";
  const DecimalDigits d = shortest_digits(x);
  std::string out = d.negative ? "-" : "";
  const int k = static_cast<int>(d.digits.size());
  const int n = d.point;
  if (k <= n && n <= 21) return out + d.digits + std::string(static_cast<std::size_t>(n - k), '0');
  if (0 < n && n <= 21) return out + d.digits.substr(0, n) + "." + d.digits.substr(n);
  if (-6 < n && n <= 0) {
    return out + "0." + std::string(static_cast<std::size_t>(-n), '0') + d.digits;
  }
  append_mantissa(out, d.digits);
  const int exponent = n - 1;
  return out + "e" + (exponent < 0 ? "-" : "+") + std::to_string(std::abs(exponent));
}

}  // namespace lf::verify

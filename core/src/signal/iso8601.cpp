#include "lf/signal/iso8601.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace lf::signal {
namespace {

// Howard Hinnant's days_from_civil (howardhinnant.github.io/date_algorithms.html):
// days since 1970-01-01 in the proleptic Gregorian calendar. Hand-written
// because GCC 12's libstdc++ has no std::chrono::parse.
constexpr std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);                 // [0, 399]
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;  // [0, 365]
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;            // [0, 146096]
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}
static_assert(days_from_civil(1970, 1, 1) == 0);
static_assert(days_from_civil(2000, 3, 1) == 11017);
static_assert(days_from_civil(1969, 12, 31) == -1);

constexpr bool is_leap_year(int y) {
  return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

constexpr int days_in_month(int y, int m) {
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap_year(y) ? 29 : kDays[m - 1];
}

// The fraction keeps at most this many digits: 10^15 and every 15-digit
// integer are exact doubles, so n / 10^k is one correctly rounded division,
// identical on every target. Further digits are far below a double's
// resolution of an epoch timestamp (about 2e-7 s today).
constexpr int kMaxFractionDigits = 15;

class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}

  bool at_end() const { return pos_ == text_.size(); }

  bool accept(char c) {
    if (at_end() || text_[pos_] != c) return false;
    ++pos_;
    return true;
  }

  bool accept_any(std::string_view chars) {
    if (at_end() || chars.find(text_[pos_]) == std::string_view::npos) return false;
    ++pos_;
    return true;
  }

  // Exactly `n` decimal digits, stored in `out`.
  bool digits(int n, int& out) {
    int value = 0;
    for (int i = 0; i < n; ++i) {
      if (at_end() || !is_digit(text_[pos_])) return false;
      value = value * 10 + (text_[pos_++] - '0');
    }
    out = value;
    return true;
  }

  // One or more digits read as the fraction 0.ddd..., stored in `out`.
  bool fraction(double& out) {
    std::int64_t numerator = 0;
    double denominator = 1.0;
    int count = 0;
    for (; !at_end() && is_digit(text_[pos_]); ++pos_, ++count) {
      if (count >= kMaxFractionDigits) continue;
      numerator = numerator * 10 + (text_[pos_] - '0');
      denominator *= 10.0;
    }
    out = static_cast<double>(numerator) / denominator;
    return count > 0;
  }

 private:
  static bool is_digit(char c) { return c >= '0' && c <= '9'; }

  std::string_view text_;
  std::size_t pos_ = 0;
};

struct Fields {
  int year = 0;
  int month = 1;
  int day = 1;
  int hour = 0;
  int minute = 0;
  int second = 0;
  double fraction = 0.0;
  int offset_hours = 0;  // the zone suffix, unsigned; offset_sign gives its direction
  int offset_minutes = 0;
  int offset_sign = 0;
};

Error invalid(std::string_view text, const std::string& reason) {
  return make_error(ErrorCode::invalid_argument,
                    "invalid ISO-8601 timestamp '" + std::string(text) + "': " + reason);
}

// The zone suffix after the time: Z, +HH:MM, -HH:MM, +HHMM or -HHMM.
bool parse_zone(Cursor& in, Fields& f) {
  if (in.accept_any("Zz")) return true;
  if (in.accept('+')) {
    f.offset_sign = 1;
  } else if (in.accept('-')) {
    f.offset_sign = -1;
  } else {
    return false;
  }
  if (!in.digits(2, f.offset_hours)) return false;
  in.accept(':');
  return in.digits(2, f.offset_minutes);
}

// The part after the date: HH:MM[:SS[.fff]][zone].
std::optional<std::string> parse_time_of_day(Cursor& in, Fields& f) {
  if (!in.digits(2, f.hour)) return "expected a 2-digit hour";
  if (!in.accept(':') || !in.digits(2, f.minute)) return "expected ':' and a 2-digit minute";
  if (in.accept(':')) {
    if (!in.digits(2, f.second)) return "expected a 2-digit second";
    if (in.accept('.') && !in.fraction(f.fraction)) return "expected digits after '.'";
  }
  if (!in.at_end() && !parse_zone(in, f)) return "expected 'Z' or a UTC offset +HH:MM";
  return std::nullopt;
}

// Syntax only; the values are range-checked afterwards.
Result<Fields> parse_fields(std::string_view text) {
  Cursor in(text);
  Fields f;
  if (!in.digits(4, f.year)) return invalid(text, "expected a 4-digit year");
  if (in.at_end()) return f;
  if (!in.accept('-') || !in.digits(2, f.month)) {
    return invalid(text, "expected '-MM' after the year");
  }
  if (in.at_end()) return f;
  if (!in.accept('-') || !in.digits(2, f.day)) {
    return invalid(text, "expected '-DD' after the month");
  }
  if (in.at_end()) return f;
  if (!in.accept_any("Tt ")) return invalid(text, "expected 'T' or ' ' after the date");
  if (auto reason = parse_time_of_day(in, f)) return invalid(text, *reason);
  if (!in.at_end()) return invalid(text, "unexpected text after the timestamp");
  return f;
}

std::optional<std::string> out_of_range(const char* what, int value, int lo, int hi) {
  if (value >= lo && value <= hi) return std::nullopt;
  return std::string(what) + " " + std::to_string(value) + " is outside " + std::to_string(lo) +
         "-" + std::to_string(hi);
}

// `text` begins with the year and month as written ("YYYY-MM") whenever a day
// was parsed, so it names the month in the message.
std::optional<std::string> check_ranges(const Fields& f, std::string_view text) {
  if (auto r = out_of_range("month", f.month, 1, 12)) return r;
  if (auto r = out_of_range("day", f.day, 1, days_in_month(f.year, f.month))) {
    return *r + " in " + std::string(text.substr(0, 7));
  }
  if (auto r = out_of_range("hour", f.hour, 0, 23)) return r;
  if (auto r = out_of_range("minute", f.minute, 0, 59)) return r;
  if (auto r = out_of_range("second", f.second, 0, 60)) return r;
  if (auto r = out_of_range("UTC offset hour", f.offset_hours, 0, 23)) return r;
  return out_of_range("UTC offset minute", f.offset_minutes, 0, 59);
}

}  // namespace

Result<double> parse_iso8601(std::string_view text) {
  auto parsed = parse_fields(text);
  if (!parsed) return std::move(parsed).error();
  const Fields& f = *parsed;
  if (auto reason = check_ranges(f, text)) return invalid(text, *reason);

  // Every term is an exact integer in int64 and in double; only the fraction
  // adds a rounding, once.
  const std::int64_t local_seconds =
      days_from_civil(f.year, static_cast<unsigned>(f.month), static_cast<unsigned>(f.day)) *
          86400 +
      f.hour * 3600 + f.minute * 60 + f.second;
  const std::int64_t offset_seconds =
      f.offset_sign * (f.offset_hours * 3600 + f.offset_minutes * 60);
  return static_cast<double>(local_seconds - offset_seconds) + f.fraction;
}

}  // namespace lf::signal

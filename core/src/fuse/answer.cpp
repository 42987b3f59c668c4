#include "lf/fuse/answer.hpp"

#include <cstdint>
#include <optional>

namespace lf::fuse {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Exponents beyond this many digits are not numbers we canonicalise (they
// stay text): it keeps the position arithmetic far from overflow.
constexpr std::size_t kMaxExponentDigits = 9;

// The canonical spelling of `text` when it is exactly one decimal number.
std::optional<std::string> canonical_number(std::string_view text) {
  std::size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
  std::string digits;  // integer and fraction digits, without the point
  while (i < text.size() && is_digit(text[i])) digits += text[i++];
  std::size_t fraction_digits = 0;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && is_digit(text[i])) {
      digits += text[i++];
      ++fraction_digits;
    }
  }
  if (digits.empty()) return std::nullopt;
  std::int64_t exponent = 0;
  if (i < text.size() && text[i] == 'e') {
    ++i;
    bool negative_exponent = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative_exponent = text[i++] == '-';
    const std::size_t first = i;
    while (i < text.size() && text[i] == '0') ++i;
    const std::size_t significant = i;
    while (i < text.size() && is_digit(text[i])) exponent = exponent * 10 + (text[i++] - '0');
    if (i == first || i - significant > kMaxExponentDigits) return std::nullopt;
    if (negative_exponent) exponent = -exponent;
  }
  if (i != text.size()) return std::nullopt;

  // value = digits × 10^power, then without leading and trailing zeros.
  std::int64_t power = exponent - static_cast<std::int64_t>(fraction_digits);
  const auto first_nonzero = digits.find_first_not_of('0');
  if (first_nonzero == std::string::npos) return std::string("0");
  const auto last_nonzero = digits.find_last_not_of('0');
  power += static_cast<std::int64_t>(digits.size() - 1 - last_nonzero);
  digits = digits.substr(first_nonzero, last_nonzero + 1 - first_nonzero);

  // ECMAScript Number::toString layout: k digits, point after n of them.
  const auto k = static_cast<std::int64_t>(digits.size());
  const std::int64_t n = k + power;
  std::string out = negative ? "-" : "";
  if (k <= n && n <= 21) {
    out += digits + std::string(static_cast<std::size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out += digits.substr(0, static_cast<std::size_t>(n)) + "." +
           digits.substr(static_cast<std::size_t>(n));
  } else if (-6 < n && n <= 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-n), '0');
    out += digits;
  } else {
    out += digits.front();
    if (k > 1) {
      out += '.';
      out.append(digits, 1);
    }
    out += n - 1 >= 0 ? "e+" : "e-";
    out += std::to_string(n - 1 >= 0 ? n - 1 : 1 - n);
  }
  return out;
}

}  // namespace

std::string normalise_answer(std::string_view answer) {
  std::string out;
  out.reserve(answer.size());
  bool pending_space = false;
  for (char c : answer) {
    if (is_space(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  if (auto number = canonical_number(out)) return *number;
  return out;
}

}  // namespace lf::fuse

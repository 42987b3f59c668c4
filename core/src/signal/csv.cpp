#include "lf/signal/csv.hpp"

#include <fast_float/fast_float.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <system_error>
#include <utility>

#include "lf/signal/iso8601.hpp"

namespace lf::signal {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// Spaces around fields are not data. A tab is padding too unless it is the
// delimiter.
bool is_padding(char c, char delimiter) {
  return c == ' ' || (c == '\t' && delimiter != '\t');
}

bool all_padding(std::string_view text, char delimiter) {
  return std::all_of(text.begin(), text.end(), [&](char c) { return is_padding(c, delimiter); });
}

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

bool equals_ignoring_case(std::string_view text, std::string_view lower) {
  return text.size() == lower.size() &&
         std::equal(text.begin(), text.end(), lower.begin(), [](char a, char b) {
           return (a >= 'A' && a <= 'Z' ? static_cast<char>(a - 'A' + 'a') : a) == b;
         });
}

// `text` is already trimmed.
bool is_missing(std::string_view text) {
  return text.empty() || equals_ignoring_case(text, "na") || equals_ignoring_case(text, "nan") ||
         equals_ignoring_case(text, "null");
}

// The number syntax, checked here so that it is the same on every target:
// [+-] digits [. digits] [(e|E) [+-] digits] with at least one mantissa digit
// (".5" and "5." included). No inf, nan or hex floats, which from_chars and
// strtod would otherwise accept differently. Sets `nonzero` if a mantissa
// digit is not 0.
bool is_decimal(std::string_view s, bool& nonzero) {
  std::size_t i = 0;
  const auto sign = [&] { i += i < s.size() && (s[i] == '+' || s[i] == '-'); };
  const auto digits = [&](bool mantissa) {
    const std::size_t start = i;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) nonzero |= mantissa && s[i] != '0';
    return i - start;
  };
  sign();
  std::size_t mantissa_digits = digits(true);
  if (i < s.size() && s[i] == '.') {
    ++i;
    mantissa_digits += digits(true);
  }
  if (mantissa_digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    sign();
    if (digits(false) == 0) return false;
  }
  return i == s.size();
}

// The correctly rounded double, or nullopt if `text` is not a decimal number
// or its value overflows a double or underflows to zero. fast_float on every
// target: correctly rounded like from_chars and strtod, so the figures are
// the same, but Emscripten 3.1.6's libc++ has no floating-point from_chars
// and musl's strtod works in a software 128-bit long double there, which made
// it three quarters of a large file's load in the browser. fast_float 3.9
// reports no range errors (it gives inf, or 0), hence the checks.
std::optional<double> parse_decimal(std::string_view text) {
  bool nonzero = false;
  if (!is_decimal(text, nonzero)) return std::nullopt;
  if (text.front() == '+') text.remove_prefix(1);  // fast_float takes no '+'
  double value = 0.0;
  const auto result = fast_float::from_chars(text.data(), text.data() + text.size(), value);
  if (result.ec != std::errc{} || result.ptr != text.data() + text.size()) return std::nullopt;
  if (std::isinf(value) || (value == 0.0 && nonzero)) return std::nullopt;
  return value;
}

// The candidate occurring most often outside quotes in the header line; ','
// unless exactly one candidate has the highest count.
char detect_delimiter(std::string_view line) {
  constexpr std::array<char, 4> kCandidates = {',', ';', '\t', '|'};
  std::array<std::size_t, 4> counts{};
  bool in_quotes = false;
  for (char c : line) {
    if (c == '"') in_quotes = !in_quotes;
    if (in_quotes) continue;
    for (std::size_t k = 0; k < kCandidates.size(); ++k) counts[k] += c == kCandidates[k];
  }
  const auto best = std::max_element(counts.begin(), counts.end());
  if (*best == 0 || std::count(counts.begin(), counts.end(), *best) > 1) return ',';
  return kCandidates[static_cast<std::size_t>(best - counts.begin())];
}

// Before the delimiter is known a tab may be it, so it is not padding then.
char padding_delimiter(const CsvOptions& o) {
  return o.delimiter != '\0' ? o.delimiter : '\t';
}

// A line of nothing but padding, before an optional CR.
bool is_blank_line(std::string_view line, char delimiter) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return all_padding(line, delimiter);
}

// 'text', for messages (built by appending: GCC 12 misreports "'" + string
// under -Wrestrict).
std::string quote(std::string_view text) {
  std::string out(1, '\'');
  out += text;
  out += '\'';
  return out;
}

std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

Status check_options(const CsvOptions& o) {
  if (o.delimiter != '\0' &&
      std::string_view(",;\t|").find(o.delimiter) == std::string_view::npos) {
    return make_error(ErrorCode::invalid_argument,
                      "CSV delimiter must be ',', ';', tab, '|' or none (detect)");
  }
  if (!o.columns.empty() && !o.column_indices.empty()) {
    return make_error(ErrorCode::invalid_argument,
                      "choose CSV columns by name or by index, not both");
  }
  if (o.time_column && o.time_column_index) {
    return make_error(ErrorCode::invalid_argument,
                      "choose the CSV time column by name or by index, not both");
  }
  return {};
}

}  // namespace

CsvReader::CsvReader(CsvOptions options) : options_(std::move(options)) {
  if (Status status = check_options(options_); !status) error_ = status.error();
}

Status CsvReader::feed(std::string_view chunk) {
  if (!error_) {
    if (Status status = consume(chunk); !status) error_ = status.error();
  }
  if (error_) return *error_;
  return {};
}

Result<Table> CsvReader::finish() {
  if (!error_) {
    if (Status status = finish_input(); !status) error_ = status.error();
  }
  phase_ = Phase::finished;
  if (error_) return *error_;
  return std::move(table_);
}

Status CsvReader::consume(std::string_view chunk) {
  if (phase_ == Phase::finished) {
    return make_error(ErrorCode::invalid_argument, "CsvReader::feed after finish");
  }
  if (phase_ == Phase::header_line) {
    if (Status status = consume_header_line(chunk); !status) return status;
  }
  if (phase_ == Phase::records) return tokenize(chunk);
  return {};
}

// Buffers the first non-blank line (skipping the BOM and blank lines), then
// starts tokenizing from it; `chunk` is left with what follows that line.
Status CsvReader::consume_header_line(std::string_view& chunk) {
  for (std::size_t i = 0; i < chunk.size(); ++i) {
    const char c = chunk[i];
    if (c == '"') header_in_quotes_ = !header_in_quotes_;
    if (c != '\n' || header_in_quotes_) {
      header_line_ += c;
      if (line_ == 1 && header_line_ == kUtf8Bom) header_line_.clear();
      continue;
    }
    if (is_blank_line(header_line_, padding_delimiter(options_))) {
      header_line_.clear();
      ++line_;
      continue;
    }
    header_line_ += '\n';
    chunk.remove_prefix(i + 1);
    return start_records();
  }
  chunk = {};
  return {};
}

Status CsvReader::start_records() {
  delimiter_ = options_.delimiter != '\0' ? options_.delimiter : detect_delimiter(header_line_);
  phase_ = Phase::records;
  record_line_ = line_;
  const std::string line = std::move(header_line_);
  header_line_ = {};
  return tokenize(line);
}

Status CsvReader::finish_input() {
  if (phase_ == Phase::finished) {
    return make_error(ErrorCode::invalid_argument, "CsvReader::finish called twice");
  }
  if (phase_ == Phase::header_line) {
    if (is_blank_line(header_line_, padding_delimiter(options_))) {
      return make_error(ErrorCode::empty_input, "the CSV input is empty (no header)");
    }
    if (Status status = start_records(); !status) return status;
  }
  if (state_ == FieldState::quoted) {
    return parse_error(field_ends_.size(), "unterminated quoted field");
  }
  // The last record may lack a line end.
  if (state_ != FieldState::start || !field_ends_.empty() || !record_.empty()) {
    end_field();
    if (Status status = end_record(); !status) return status;
  }
  if (table_.rows() == 0) {
    return make_error(ErrorCode::empty_input, "the CSV has a header but no records");
  }
  return {};
}

Status CsvReader::tokenize(std::string_view text) {
  for (char c : text) {
    if (Status status = tokenize_char(c); !status) return status;
  }
  return {};
}

// One step of the RFC 4180 state machine; padding before an opening quote and
// after a closing one is dropped.
Status CsvReader::tokenize_char(char c) {
  if (pending_cr_) {
    pending_cr_ = false;
    if (c != '\n') return parse_error(field_ends_.size(), "carriage return without a line feed");
  }
  switch (state_) {
    case FieldState::start:
      if (c == '"') {
        record_.resize(field_ends_.empty() ? 0 : field_ends_.back());
        record_quoted_ = true;
        state_ = FieldState::quoted;
        return {};
      }
      if (is_padding(c, delimiter_)) {
        record_ += c;
        return {};
      }
      state_ = FieldState::unquoted;
      [[fallthrough]];
    case FieldState::unquoted:
      if (c == delimiter_ || c == '\n' || c == '\r') return separator(c);
      if (c == '"') return parse_error(field_ends_.size(), "quote inside an unquoted field");
      record_ += c;
      return {};
    case FieldState::quoted:
      if (c == '"') {
        state_ = FieldState::quote_in_quoted;
        return {};
      }
      if (c == '\n') ++line_;
      record_ += c;
      return {};
    case FieldState::quote_in_quoted:
      if (c == '"') {  // a doubled quote stands for one
        record_ += c;
        state_ = FieldState::quoted;
        return {};
      }
      state_ = FieldState::after_quoted;
      [[fallthrough]];
    case FieldState::after_quoted:
      if (c == delimiter_ || c == '\n' || c == '\r') return separator(c);
      if (is_padding(c, delimiter_)) return {};
      return parse_error(field_ends_.size(), "unexpected text after a closing quote");
  }
  return {};
}

// A delimiter, LF or CR outside quotes.
Status CsvReader::separator(char c) {
  if (c == '\r') {
    pending_cr_ = true;
    return {};
  }
  end_field();
  if (c == delimiter_) return {};
  Status status = end_record();
  ++line_;
  record_line_ = line_;
  return status;
}

void CsvReader::end_field() {
  field_ends_.push_back(record_.size());
  state_ = FieldState::start;
}

Status CsvReader::end_record() {
  const bool blank = field_ends_.size() == 1 && !record_quoted_ && all_padding(record_, delimiter_);
  Status status;
  if (!blank) status = header_.empty() ? read_header() : read_row();
  record_.clear();
  field_ends_.clear();
  record_quoted_ = false;
  return status;
}

std::string_view CsvReader::field(std::size_t index) const {
  const std::size_t begin = index == 0 ? 0 : field_ends_[index - 1];
  return std::string_view(record_).substr(begin, field_ends_[index] - begin);
}

Status CsvReader::read_header() {
  for (std::size_t i = 0; i < field_ends_.size(); ++i) header_.emplace_back(trim(field(i)));

  if (options_.time_column || options_.time_column_index) {
    auto time = options_.time_column ? resolve_column(*options_.time_column)
                                     : resolve_column(*options_.time_column_index);
    if (!time) return std::move(time).error();
    time_field_ = *time;
  }
  for (const auto& name : options_.columns) {
    auto index = resolve_column(name);
    if (!index) return std::move(index).error();
    selected_.push_back(*index);
  }
  for (std::size_t i : options_.column_indices) {
    auto index = resolve_column(i);
    if (!index) return std::move(index).error();
    selected_.push_back(*index);
  }
  if (options_.columns.empty() && options_.column_indices.empty()) {
    for (std::size_t i = 0; i < header_.size(); ++i) {
      if (i != time_field_) selected_.push_back(i);
    }
  }
  for (std::size_t i : selected_) table_.column_names.push_back(header_[i]);
  table_.columns.resize(selected_.size());
  return {};
}

Result<std::size_t> CsvReader::resolve_column(std::string_view name) const {
  const auto it = std::find(header_.begin(), header_.end(), name);
  if (it != header_.end()) return static_cast<std::size_t>(it - header_.begin());
  return make_error(ErrorCode::missing_column, "the CSV has no column named " + quote(name) +
                                                   " (columns: " + join(header_) + ")");
}

Result<std::size_t> CsvReader::resolve_column(std::size_t index) const {
  if (index < header_.size()) return index;
  return make_error(ErrorCode::missing_column, "CSV column index " + std::to_string(index) +
                                                   " is out of range (" +
                                                   std::to_string(header_.size()) + " columns)");
}

Status CsvReader::read_row() {
  if (field_ends_.size() != header_.size()) {
    return make_error(ErrorCode::csv_parse_error,
                      "line " + std::to_string(record_line_) + ": expected " +
                          std::to_string(header_.size()) + " fields, found " +
                          std::to_string(field_ends_.size()));
  }
  double timestamp = static_cast<double>(table_.rows());
  if (time_field_) {
    auto time = read_time(field(*time_field_), *time_field_);
    if (!time) return std::move(time).error();
    timestamp = *time;
  }
  for (std::size_t k = 0; k < selected_.size(); ++k) {
    const std::string_view cell = trim(field(selected_[k]));
    double value = std::numeric_limits<double>::quiet_NaN();
    if (!is_missing(cell)) {
      const auto number = parse_decimal(cell);
      if (!number) {
        return parse_error(selected_[k],
                           quote(cell) + " is not a number (or is out of the range of a double)");
      }
      value = *number;
    }
    table_.columns[k].push_back(value);
  }
  table_.timestamps.push_back(timestamp);
  return {};
}

Result<double> CsvReader::read_time(std::string_view cell, std::size_t field_index) const {
  const std::string_view text = trim(cell);
  if (is_missing(text)) {
    return parse_error(field_index, "missing time value " + quote(text));
  }
  if (options_.time_format != TimeFormat::iso8601) {
    if (const auto number = parse_decimal(text)) return *number;
    if (options_.time_format == TimeFormat::number) {
      return parse_error(field_index, "time " + quote(text) + " is not a number");
    }
  }
  auto time = parse_iso8601(text);
  if (!time) return parse_error(field_index, time.error().message);
  return *time;
}

// "line L, column C (name): what", with C 1-based and L the record's first line.
Error CsvReader::parse_error(std::size_t field_index, const std::string& what) const {
  std::string where =
      "line " + std::to_string(record_line_) + ", column " + std::to_string(field_index + 1);
  if (field_index < header_.size()) where += " (" + header_[field_index] + ")";
  return make_error(ErrorCode::csv_parse_error, where + ": " + what);
}

Result<Table> read_csv(std::string_view text, const CsvOptions& options) {
  CsvReader reader(options);
  if (Status status = reader.feed(text); !status) return std::move(status).error();
  return reader.finish();
}

}  // namespace lf::signal

#include "lf/verify/point_cloud.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>

namespace lf::verify {
namespace {

constexpr std::string_view kColumns[] = {"timestamp", "x", "y", "z"};

Error csv_error(std::size_t line, std::string message) {
  return make_error(ErrorCode::csv_parse_error, "line " + std::to_string(line) + ": " + message);
}

// One record's fields: quoted fields lose their quotes ("" -> ").
Result<std::vector<std::string>> split_fields(std::string_view line, std::size_t line_number) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c != '"') {
        fields.back() += c;
      } else if (i + 1 < line.size() && line[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else {
        quoted = false;
      }
    } else if (c == ',') {
      fields.emplace_back();
    } else if (c == '"' && fields.back().empty()) {
      quoted = true;
    } else {
      fields.back() += c;
    }
  }
  if (quoted) return csv_error(line_number, "unterminated quoted field");
  return fields;
}

// Python's float(): a decimal number, surrounding spaces allowed.
Result<double> parse_number(std::string_view cell, std::size_t line, std::string_view column) {
  std::size_t first = cell.find_first_not_of(" \t");
  std::size_t last = cell.find_last_not_of(" \t");
  const std::string text(first == std::string_view::npos ? std::string_view{}
                                                         : cell.substr(first, last - first + 1));
  const bool plausible = !text.empty() && text.find_first_of("xXpP") == std::string::npos;
  char* end = nullptr;
  const double value = plausible ? std::strtod(text.c_str(), &end) : 0.0;
  if (!plausible || end != text.c_str() + text.size()) {
    return csv_error(
        line, "column '" + std::string(column) + "' is not a number: '" + std::string(cell) + "'");
  }
  if (!std::isfinite(value)) {
    return make_error(ErrorCode::non_finite_value, "line " + std::to_string(line) + ": column '" +
                                                       std::string(column) + "' is not finite: '" +
                                                       text + "'");
  }
  return value;
}

}  // namespace

Result<PointCloud> read_point_csv(std::string_view csv_text) {
  if (csv_text.substr(0, 3) == "\xEF\xBB\xBF") csv_text.remove_prefix(3);
  PointCloud cloud;
  std::optional<std::array<std::size_t, 4>> columns;
  std::size_t line_number = 0;
  std::size_t start = 0;
  while (start < csv_text.size()) {
    std::size_t end = csv_text.find('\n', start);
    if (end == std::string_view::npos) end = csv_text.size();
    std::string_view line = csv_text.substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    auto fields = split_fields(line, line_number);
    if (!fields) return std::move(fields).error();

    if (!columns) {
      std::array<std::size_t, 4> found{};
      for (std::size_t c = 0; c < 4; ++c) {
        std::size_t count = 0;
        for (std::size_t f = 0; f < fields->size(); ++f) {
          if ((*fields)[f] == kColumns[c]) {
            found[c] = f;
            ++count;
          }
        }
        if (count != 1) {
          return make_error(ErrorCode::missing_column, "the header must name the column '" +
                                                           std::string(kColumns[c]) +
                                                           "' exactly once (timestamp,x,y,z)");
        }
      }
      columns = found;
      continue;
    }

    std::array<double, 4> values{};
    for (std::size_t c = 0; c < 4; ++c) {
      const std::size_t index = (*columns)[c];
      if (index >= fields->size()) {
        return csv_error(line_number, "the record has no '" + std::string(kColumns[c]) + "' field");
      }
      auto value = parse_number((*fields)[index], line_number, kColumns[c]);
      if (!value) return std::move(value).error();
      values[c] = *value;
    }
    cloud.points.push_back({values[1], values[2], values[3]});
    char timestamp[400];
    std::snprintf(timestamp, sizeof timestamp, "%.9f", values[0]);
    if (!cloud.raw.empty()) cloud.raw += '\n';
    cloud.raw += timestamp;
    for (std::size_t c = 1; c < 4; ++c) cloud.raw += "," + (*fields)[(*columns)[c]];
  }
  if (!columns) return make_error(ErrorCode::empty_input, "the CSV has no header line");
  return cloud;
}

}  // namespace lf::verify

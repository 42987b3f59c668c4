#include "cli/table_input.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <optional>
#include <sstream>
#include <string_view>

#include "cli/input_file.hpp"
#include "lf/signal/csv.hpp"
#include "lf/signal/tcpd.hpp"

namespace lf::cli {
namespace {

Result<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(ErrorCode::invalid_argument, "cannot open '" + path + "'");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return make_error(ErrorCode::invalid_argument, "cannot read '" + path + "'");
  return text.str();
}

bool looks_like_json(const std::string& path, std::string_view text) {
  if (path.size() >= 5 && path.compare(path.size() - 5, 5, ".json") == 0) return true;
  const auto first = text.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && text[first] == '{';
}

std::vector<std::string_view> tokens(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t at = 0;
  while (true) {
    at = line.find_first_not_of(" \t\r", at);
    if (at == std::string_view::npos) return out;
    const std::size_t end = std::min(line.find_first_of(" \t\r", at), line.size());
    out.push_back(line.substr(at, end - at));
    at = end;
  }
}

bool parse_number(std::string_view token, double& value) {
  const auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), value);
  return ec == std::errc{} && end == token.data() + token.size();
}

std::string_view first_line(std::string_view text) {
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t end = std::min(text.find('\n', at), text.size());
    const std::string_view line = text.substr(at, end - at);
    if (!tokens(line).empty()) return line;
    at = end + 1;
  }
  return {};
}

// A first line of numbers only, separated by blanks: no header, no commas.
bool looks_like_numeric_text(std::string_view text) {
  const auto fields = tokens(first_line(text));
  if (fields.empty()) return false;
  double value = 0.0;
  return std::all_of(fields.begin(), fields.end(),
                     [&](std::string_view f) { return parse_number(f, value); });
}

Result<signal::Table> read_numeric_text(std::string_view text) {
  signal::Table table;
  std::size_t line_number = 0;
  std::size_t at = 0;
  while (at <= text.size()) {
    const std::size_t end = std::min(text.find('\n', at), text.size());
    const std::string_view line = text.substr(at, end - at);
    ++line_number;
    at = end + 1;
    const auto fields = tokens(line);
    if (fields.empty()) continue;
    if (table.columns.empty()) {
      table.columns.resize(fields.size());
      for (std::size_t c = 0; c < fields.size(); ++c)
        table.column_names.push_back(std::to_string(c));
    }
    if (fields.size() != table.columns.size()) {
      return make_error(ErrorCode::csv_parse_error, "line " + std::to_string(line_number) +
                                                        " has " + std::to_string(fields.size()) +
                                                        " numbers, the first line " +
                                                        std::to_string(table.columns.size()));
    }
    for (std::size_t c = 0; c < fields.size(); ++c) {
      double value = 0.0;
      if (!parse_number(fields[c], value)) {
        return make_error(ErrorCode::csv_parse_error, "line " + std::to_string(line_number) +
                                                          ", column " + std::to_string(c + 1) +
                                                          ": '" + std::string(fields[c]) +
                                                          "' is not a number");
      }
      table.columns[c].push_back(value);
    }
    table.timestamps.push_back(static_cast<double>(table.timestamps.size()));
  }
  if (table.timestamps.empty()) return make_error(ErrorCode::empty_input, "the file has no rows");
  return table;
}

}  // namespace

Result<signal::Table> load_table(const std::string& path) {
  auto text = read_file(path);
  if (!text) return std::move(text).error();
  if (looks_like_json(path, *text)) {
    auto tcpd = signal::read_tcpd(*text);
    if (!tcpd) return std::move(tcpd).error();
    return std::move(tcpd->table);
  }
  if (looks_like_numeric_text(*text)) return read_numeric_text(*text);
  return signal::read_csv(*text);
}

Result<std::size_t> find_column(const signal::Table& table, const std::string& column) {
  const auto& names = table.column_names;
  if (std::find(names.begin(), names.end(), column) != names.end()) {
    return table.find_column(column);
  }
  if (const auto index = column_index(column)) {
    if (*index < table.columns.size()) return *index;
  }
  return table.find_column(column);  // reports missing_column with the known names
}

Result<std::vector<std::size_t>> find_columns(const signal::Table& table,
                                              const std::vector<std::string>& columns) {
  std::vector<std::size_t> out;
  if (columns.empty()) {
    for (std::size_t c = 0; c < table.columns.size(); ++c) out.push_back(c);
    return out;
  }
  for (const auto& column : columns) {
    auto index = find_column(table, column);
    if (!index) return std::move(index).error();
    out.push_back(*index);
  }
  return out;
}

}  // namespace lf::cli

#include "cli/input_file.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <sstream>

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

// A column given by name wins over the same text read as an index, so a
// column literally called "2" stays reachable.
Result<signal::Series> pick_column(const signal::Table& table,
                                   const std::optional<std::string>& column) {
  if (!column) return table.series(std::size_t{0});
  const auto& names = table.column_names;
  if (std::find(names.begin(), names.end(), *column) != names.end()) return table.series(*column);
  if (const auto index = column_index(*column)) return table.series(*index);
  return table.series(*column);  // reports missing_column with the known names
}

}  // namespace

std::optional<std::size_t> column_index(const std::string& text) {
  std::size_t index = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), index);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return index;
}

Result<signal::Series> load_series(const std::string& path, const InputOptions& options) {
  auto text = read_file(path);
  if (!text) return std::move(text).error();

  if (looks_like_json(path, *text)) {
    if (options.time_column) {
      return make_error(
          ErrorCode::invalid_argument,
          "--time-column applies to CSV input; TCPD files carry their own time index");
    }
    auto tcpd = signal::read_tcpd(*text);
    if (!tcpd) return std::move(tcpd).error();
    return pick_column(tcpd->table, options.column);
  }

  signal::CsvOptions csv;
  csv.delimiter = options.delimiter;
  csv.time_column = options.time_column;
  auto table = signal::read_csv(*text, csv);
  if (!table) return std::move(table).error();
  return pick_column(*table, options.column);
}

}  // namespace lf::cli

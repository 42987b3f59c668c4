#include "ui/table_import.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "lf/signal/csv.hpp"
#include "lf/signal/tcpd.hpp"

namespace lf::ui {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool is_time_name(std::string_view name) {
  const std::string n = lower(name);
  return n == "time" || n == "timestamp" || n == "date" || n == "datetime" || n == "t";
}

}  // namespace

FileKind classify_file(std::string_view file_name, std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  const bool json_name =
      file_name.size() >= 5 && lower(file_name.substr(file_name.size() - 5)) == ".json";
  if (!json_name && (first == std::string_view::npos || text[first] != '{')) {
    return FileKind::csv;
  }
  // TCPD's required members; a PCS record or receipt has none of them.
  const bool tcpd = text.find("\"n_obs\"") != std::string_view::npos &&
                    text.find("\"series\"") != std::string_view::npos;
  return tcpd ? FileKind::tcpd : FileKind::json_document;
}

Result<std::vector<std::string>> csv_columns(std::string_view text) {
  signal::CsvReader reader;
  // The first line is enough for the header (a quoted name may span lines,
  // so feed until the reader has one).
  std::size_t fed = 0;
  while (reader.header().empty() && fed < text.size()) {
    const auto end = text.find('\n', fed);
    const std::size_t next = end == std::string_view::npos ? text.size() : end + 1;
    if (auto s = reader.feed(text.substr(fed, next - fed)); !s) return std::move(s).error();
    fed = next;
  }
  if (reader.header().empty()) {
    auto table = reader.finish();  // reports why: no header, or empty input
    if (!table) return std::move(table).error();
  }
  return reader.header();
}

CsvChoice default_csv_choice(const std::vector<std::string>& header) {
  CsvChoice choice;
  const auto time = std::find_if(header.begin(), header.end(),
                                 [](const std::string& name) { return is_time_name(name); });
  if (time != header.end() && header.size() > 1) choice.time_column = *time;
  return choice;
}

std::vector<Series> series_from_table(const signal::Table& table, const std::string& origin) {
  std::vector<Series> out;
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    Series series;
    series.name = table.column_names[c];
    series.origin = origin;
    series.detectors = default_detectors();
    const auto& column = table.columns[c];
    series.timestamps.reserve(column.size());
    series.values.reserve(column.size());
    for (std::size_t row = 0; row < column.size(); ++row) {
      if (!std::isfinite(column[row])) {
        ++series.missing;
        continue;
      }
      series.timestamps.push_back(table.timestamps[row]);
      series.values.push_back(column[row]);
    }
    out.push_back(std::move(series));
  }
  return out;
}

Result<std::vector<Series>> read_csv_series(std::string_view text, const CsvChoice& choice,
                                            const std::string& origin) {
  signal::CsvOptions options;
  options.columns = choice.columns;
  options.time_column = choice.time_column;
  auto table = signal::read_csv(text, options);
  if (!table) return std::move(table).error();
  return series_from_table(*table, origin);
}

Result<std::vector<Series>> read_tcpd_series(std::string_view text, const std::string& origin) {
  auto tcpd = signal::read_tcpd(text);
  if (!tcpd) return std::move(tcpd).error();
  return series_from_table(tcpd->table, origin);
}

}  // namespace lf::ui

// Turning a file the analyst dropped or picked into series: CSV (with a
// column picker and an optional time column) or a TCPD JSON dataset, read by
// the core's readers, so the dashboard accepts exactly what `lf detect` does.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lf/common/result.hpp"
#include "lf/signal/series.hpp"
#include "ui/workspace.hpp"

namespace lf::ui {

enum class FileKind { csv, tcpd, json_document };

// TCPD when the text is a JSON object with TCPD's members, another JSON
// document (a PCS record, a receipt) when it starts with '{', CSV otherwise.
FileKind classify_file(std::string_view file_name, std::string_view text);

// How to read a CSV file: which columns become series and which (if any) is
// the time axis.
struct CsvChoice {
  std::vector<std::string> columns;        // empty: every column but the time one
  std::optional<std::string> time_column;  // none: row indices
};

// The header of a CSV text (its trimmed column names), or the reader's error.
Result<std::vector<std::string>> csv_columns(std::string_view text);

// The default choice for a CSV header: a column named time, timestamp, date,
// datetime or t (any case) is the time axis, every other column a series.
CsvChoice default_csv_choice(const std::vector<std::string>& header);

// The series of a CSV or TCPD text, named by column and with `origin` (the
// file name). Rows whose value is missing are left out of that column's
// series and counted in Series::missing.
Result<std::vector<Series>> read_csv_series(std::string_view text, const CsvChoice& choice,
                                            const std::string& origin);
Result<std::vector<Series>> read_tcpd_series(std::string_view text, const std::string& origin);

// A table's columns as series (the step both readers share).
std::vector<Series> series_from_table(const signal::Table& table, const std::string& origin);

}  // namespace lf::ui

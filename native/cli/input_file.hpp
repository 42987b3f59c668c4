// Loads a series from a file the user names: CSV, or TCPD JSON (by the .json
// extension or a leading '{').
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "lf/common/result.hpp"
#include "lf/signal/series.hpp"

namespace lf::cli {

struct InputOptions {
  std::optional<std::string> column;       // name, or 0-based index; default: the first
  std::optional<std::string> time_column;  // CSV only; default: row indices
  char delimiter = '\0';                   // CSV only; '\0' detects it
};

// A column reference read as a 0-based index: all digits, else nothing (then
// it is a name).
std::optional<std::size_t> column_index(const std::string& text);

// The chosen column as a Series (missing cells are NaN).
Result<signal::Series> load_series(const std::string& path, const InputOptions& options);

}  // namespace lf::cli

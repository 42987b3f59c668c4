// Loads the multi-column input of `lf te`, `lf graph` and `lf emergence`:
// CSV (header row), TCPD JSON (by the .json extension or a leading '{'), or
// whitespace-separated numeric text without a header (JIDT's data files),
// whose columns are named 0, 1, 2, ...
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "lf/common/result.hpp"
#include "lf/signal/series.hpp"

namespace lf::cli {

Result<signal::Table> load_table(const std::string& path);

// A column by name, or by 0-based index; a name wins over the same text
// read as an index. missing_column (listing the names) otherwise.
Result<std::size_t> find_column(const signal::Table& table, const std::string& column);

// Several columns, each as find_column; empty `columns` means all of them.
Result<std::vector<std::size_t>> find_columns(const signal::Table& table,
                                              const std::vector<std::string>& columns);

}  // namespace lf::cli

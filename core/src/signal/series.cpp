#include "lf/signal/series.hpp"

namespace lf::signal {

Result<std::size_t> Table::find_column(std::string_view name) const {
  for (std::size_t i = 0; i < column_names.size(); ++i) {
    if (column_names[i] == name) return i;
  }
  std::string known;
  for (const auto& n : column_names) known += (known.empty() ? "" : ", ") + n;
  return make_error(ErrorCode::missing_column,
                    "no column named '" + std::string(name) + "' (columns: " + known + ")");
}

Result<Series> Table::series(std::string_view name) const {
  auto index = find_column(name);
  if (!index) return std::move(index).error();
  return series(*index);
}

Result<Series> Table::series(std::size_t index) const {
  if (index >= columns.size()) {
    return make_error(ErrorCode::missing_column, "column index " + std::to_string(index) +
                                                     " is out of range (" +
                                                     std::to_string(columns.size()) + " columns)");
  }
  return Series{column_names[index], timestamps, columns[index]};
}

std::vector<double> index_timestamps(std::size_t n) {
  std::vector<double> t(n);
  for (std::size_t i = 0; i < n; ++i) t[i] = static_cast<double>(i);
  return t;
}

}  // namespace lf::signal

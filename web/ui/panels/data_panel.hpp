// The Data panel: the series on screen (source, size, missing samples, live
// or not) and, for the last CSV file opened, the column picker: which
// columns become series and which is the time axis.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ui/table_import.hpp"

namespace lf::ui {

// A CSV file kept so its columns can be picked again without reopening it.
struct CsvImport {
  std::string file_name;
  std::string text;
  std::vector<std::string> header;
  CsvChoice choice;
};

enum class DataAction { none, open_file, load_demo, reimport_csv, clear };

struct DataPanelResult {
  DataAction action = DataAction::none;
  std::optional<std::size_t> remove_series;
};

// `csv` is edited in place by the column picker.
DataPanelResult draw_data_panel(const Workspace& workspace, CsvImport* csv);

}  // namespace lf::ui

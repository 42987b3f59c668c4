// The Alerts panel: every series' alerts in one sortable table (click a
// column header to sort, a row to jump the plots to that alert).
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "ui/workspace.hpp"

namespace lf::ui {

struct AlertRef {
  std::size_t series;  // index in the workspace
  std::size_t alert;   // index in that series' alerts
};

class AlertsPanel {
 public:
  // The alert the analyst clicked this frame, if any.
  std::optional<AlertRef> draw(const Workspace& workspace);

 private:
  std::vector<AlertRef> rows_;
  std::size_t rows_revision_ = static_cast<std::size_t>(-1);
  bool needs_sort_ = true;
};

}  // namespace lf::ui

// The Detectors panel: which detectors run on which series, their parameters
// (edited in place, with the catalog's ranges; the analysis reruns at once,
// or on release for series of more than 200,000 samples), and the version of
// each algorithm that produced the alerts.
#pragma once

#include <cstddef>

#include "ui/notifications.hpp"
#include "ui/workspace.hpp"

namespace lf::ui {

class DetectorsPanel {
 public:
  void draw(Workspace& workspace, Notifications& notifications);
  std::size_t selected() const noexcept { return selected_; }
  void select(std::size_t index) noexcept { selected_ = index; }

 private:
  std::size_t selected_ = 0;
};

}  // namespace lf::ui

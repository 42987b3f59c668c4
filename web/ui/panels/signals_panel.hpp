// The Signals panel: one plot per series, stacked, with the x-axes of series
// from the same source linked (zoom one, all follow), alert markers, and
// shaded spans (the simulated stream's true regimes; variance compression
// from its `compression` alert to its `expansion`). Live groups follow the
// newest samples until the analyst zooms or pans away.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "ui/live_sources.hpp"
#include "ui/plot/plot.hpp"
#include "ui/workspace.hpp"

namespace lf::ui {

class SignalsPanel {
 public:
  void draw(const Workspace& workspace, const std::vector<RegimeSpan>& simulated_regimes);

  // Brings sample time `timestamp` of series `name` (from `origin`) into view.
  void focus(const Series& series, double timestamp);
  // Fits every plot to its data again (the R shortcut, double-click on a plot).
  void reset_views();

  // The screen rectangle the plots occupied in the last frame (PNG export).
  ImVec2 plots_min() const noexcept { return plots_min_; }
  ImVec2 plots_max() const noexcept { return plots_max_; }

  // The markers drawn for one plot, kept while its alerts and view stay put.
  struct MarkerCache {
    std::size_t alerts_revision = static_cast<std::size_t>(-1);
    plot::Range range;
    int columns = 0;
    std::vector<std::string> tooltips;
    std::vector<plot::Marker> markers;  // view `tooltips`
  };

 private:
  struct Group {
    plot::LinkedX x;
    bool follow = true;  // live groups: keep the newest samples in view
    double followed_width = 0.0;
  };

  Group& group_for(const std::string& origin) { return groups_[origin]; }

  std::map<std::string, Group> groups_;                 // by origin
  std::map<std::string, plot::PlotState> plot_states_;  // by origin + name
  std::map<std::string, MarkerCache> marker_caches_;    // by origin + name
  ImVec2 plots_min_{0, 0}, plots_max_{0, 0};
};

}  // namespace lf::ui

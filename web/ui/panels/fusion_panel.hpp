// The Fusion panel: do the detectors on a series agree that it changed
// regime? Each detector's verdict over a window of samples becomes a mass
// function over {regime_change, stable} (how: ui/panels/fusion_model.hpp and
// docs/DASHBOARD.md, "Analysis panels"), discounted by the analyst's
// reliability for it, and the core's fuse route combines them under the
// chosen rule. The panel shows each source's masses as they entered the
// combination, the fused masses with belief, plausibility and pignistic
// probability, the conflict K, the weight of conflict, and a red CONTESTED
// badge when K exceeds the threshold: a contested result is the sources'
// disagreement, not a conclusion.
//
// The fuse route is cheap (a few sources over a two-element frame); it runs
// again only when its request changes (new alerts, another window, rule or
// reliability).
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "ui/panels/fusion_model.hpp"
#include "ui/panels/route_call.hpp"
#include "ui/workspace.hpp"

namespace lf::ui {

class FusionPanel {
 public:
  // Draws the panel's contents inside a window the app opened.
  void draw(const Workspace& workspace);
  // What the panel shows: the series and window, each source's evidence and
  // masses, the fused masses, pignistic probabilities, conflict and
  // contested flag, or the error.
  nlohmann::json snapshot() const;

 private:
  void draw_window_controls(const Series& series);
  void draw_rule_controls();
  void update(const Workspace& workspace, const Series& series);
  void draw_sources();
  void draw_fused() const;
  double& reliability(const std::string& detector);

  std::string series_name_;
  int window_length_ = 50;
  bool follow_latest_ = true;
  int window_end_ = 0;
  int rule_ = 0;  // index in the panel's rule list
  double contested_threshold_ = 0.7;
  std::vector<std::pair<std::string, double>> reliabilities_;  // by detector name

  // The evidence and the fuse answer for the current inputs.
  std::size_t gathered_revision_ = static_cast<std::size_t>(-1);
  std::string gathered_series_;
  fusion::SampleWindow window_;
  bool has_window_ = false;
  std::vector<fusion::Evidence> evidence_;
  nlohmann::json request_;
  RouteReply reply_;
};

}  // namespace lf::ui

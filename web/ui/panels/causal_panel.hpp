// The Causal panel: which series drive which? Transfer entropy between the
// workspace's series (the core's graph route: TE(i -> j) for every ordered
// pair, with surrogate p-values), drawn as a heat map with its colour scale
// and as a circular graph whose edge widths are proportional to TE, a
// significance slider that filters the edges without recomputing, the
// fragility indicator (the graph over sliding windows: is influence
// concentrating on one hub?), and Psi (causal emergence, the emergence
// route) of a regime labelling the analyst picks: the segments between one
// detector's alerts on one series.
//
// Cost control. TE is the one expensive figure on the dashboard, so nothing
// is recomputed per frame: the analyst presses Compute (or turns on
// auto-update, at most every 10 s), the series are aligned then (see
// ui/panels/causal_model.hpp) and capped to the last N samples, and the work
// runs as separate steps on separate frames (graph, fragility, Psi) with the
// panel showing which step runs, so the page never freezes for more than one
// route call. Changing the labelling recomputes Psi only; moving the
// significance slider recomputes nothing.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "ui/panels/causal_model.hpp"
#include "ui/panels/route_call.hpp"
#include "ui/workspace.hpp"

namespace lf::ui {

class CausalPanel {
 public:
  // Draws the panel's contents inside a window the app opened.
  void draw(const Workspace& workspace);
  // What the panel shows: alignment and samples used, the TE matrix and
  // p-values, the edges passing the significance filter, fragility, Psi,
  // errors, and whether a computation is pending or the result is stale.
  nlohmann::json snapshot() const;

 private:
  enum class Step { graph, fragility, emergence };

  void draw_inputs(const Workspace& workspace);
  void draw_labelling_inputs(const Workspace& workspace);
  void schedule(const Workspace& workspace);
  void run_next_step(const Workspace& workspace);
  void draw_status(const Workspace& workspace);
  void draw_graph_results();
  void draw_fragility();
  void draw_emergence() const;
  std::vector<const Series*> chosen_series(const Workspace& workspace) const;
  std::string fragility_key() const;
  std::string labelling_key() const;

  // Inputs.
  std::vector<std::string> chosen_;  // series names
  bool chosen_by_analyst_ = false;   // until then: the first few series
  int max_samples_ = 500;
  int estimator_ = 0;
  causal::GraphSettings settings_;
  double filter_alpha_ = 0.05;
  int fragility_measure_ = 0;
  double fragility_bound_ = 0.5;
  bool auto_update_ = false;
  std::string label_series_;
  std::string label_detector_;  // empty: every detector
  causal::EmergenceSettings emergence_settings_;

  // Work in progress: one step per frame, with a frame between steps so the
  // status line is on screen while a step runs.
  std::vector<Step> pending_;
  bool step_ran_last_frame_ = false;

  // Results.
  std::optional<causal::AlignedSeries> aligned_;
  std::string align_error_code_;
  std::string align_error_;
  std::optional<std::size_t> computed_revision_;  // the workspace revision computed from
  double computed_at_ = -1.0e9;                   // ImGui time, seconds
  causal::GraphSettings computed_settings_;
  RouteReply graph_reply_;
  std::optional<causal::GraphView> graph_;
  RouteReply fragility_reply_;
  std::string fragility_key_;  // the measure and bound the windows were computed with
  RouteReply emergence_reply_;
  std::string emergence_key_;  // the labelling Psi was computed for
  std::vector<double> labels_;
};

}  // namespace lf::ui

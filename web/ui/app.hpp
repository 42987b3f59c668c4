// The dashboard: one object that owns the workspace, the live sources and
// every panel, lays them out, and answers the shells. The browser and the
// desktop shell each create one App and call it every frame; nothing here
// knows which shell it runs in beyond the Platform it was given.
#pragma once

#include <imgui.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ui/live_sources.hpp"
#include "ui/notifications.hpp"
#include "ui/panels/alerts_panel.hpp"
#include "ui/panels/causal_panel.hpp"
#include "ui/panels/data_panel.hpp"
#include "ui/panels/detectors_panel.hpp"
#include "ui/panels/fusion_panel.hpp"
#include "ui/panels/help_overlay.hpp"
#include "ui/panels/risk_panel.hpp"
#include "ui/panels/signals_panel.hpp"
#include "ui/panels/verify_panel.hpp"
#include "ui/platform.hpp"
#include "ui/workspace.hpp"

namespace lf::ui {

// A fixed pane of the layout (screen pixels).
struct Pane {
  ImVec2 pos, size;
};

class App {
 public:
  explicit App(Platform& platform);

  // What the dashboard shows when it starts: the demo dataset and the
  // simulated stream (seed 42), unless the shell was asked for an empty one.
  void open_default_workspace();

  // Builds one frame's UI; call between ImGui::NewFrame() and ImGui::Render().
  // `now` is the shell's clock in seconds.
  void frame(double now);
  // Call after the frame is rendered and before the buffers are swapped: an
  // export of the plots as PNG reads the pixels here.
  void after_render(int framebuffer_width, int framebuffer_height);

  // A file the analyst chose or dropped: CSV and TCPD become series; any other
  // JSON document goes to the Verification panel.
  void open_file(std::string_view name, std::string_view bytes);
  void load_demo();
  // Capacity check: synthetic series of "COUNTxPOINTS" (synthetic_series.hpp).
  void load_synthetic(std::string_view size);
  // A shell-side failure the analyst should see (an unreadable file).
  void report_error(std::string text) { notifications_.error(std::move(text)); }
  void on_feed_message(std::string_view text) { live_.on_feed_message(text); }
  void on_feed_status(FeedStatus status, std::string detail) {
    live_.on_feed_status(status, std::move(detail));
  }
  void suggest_feed_url(std::string url) { live_.suggest_feed_url(std::move(url)); }
  void start_simulation(std::uint64_t seed) { live_.start_simulation(seed); }
  void connect_feed(std::string url) { live_.connect_feed(std::move(url)); }

  // Everything on screen as JSON, for the browser tests' window.lf.state()
  // and the desktop shell's --state-out: series with their detection (the
  // detect route's response), live sources, panels, frame counters.
  std::string state_json() const;

 private:
  void handle_shortcuts();
  void draw_menu_bar();
  void draw_layout();
  void run(Command command);
  void export_alerts_csv();
  void export_alerts_json();
  void reimport_csv();

  Platform& platform_;
  Notifications notifications_;
  Workspace workspace_;
  LiveSources live_;
  std::optional<CsvImport> csv_;

  SignalsPanel signals_;
  DetectorsPanel detectors_;
  AlertsPanel alerts_;
  FusionPanel fusion_;
  CausalPanel causal_;
  RiskPanel risk_;
  VerifyPanel verify_;

  std::vector<std::pair<std::string, Pane>> layout_;  // last frame's panes
  bool help_open_ = false;
  bool png_requested_ = false;
  double now_ = 0.0;
  std::uint64_t frames_ = 0;
  double fps_ = 0.0;
};

}  // namespace lf::ui

// The live inputs: the built-in simulated stream and an external feed
// (Server-Sent Events or WebSocket, opened by the shell). Both append to live
// series in the workspace, whose streaming detectors run on every sample.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ui/notifications.hpp"
#include "ui/platform.hpp"
#include "ui/simulated_stream.hpp"
#include "ui/workspace.hpp"

namespace lf::ui {

// A stretch of the simulated leader's true regime, for shading the plots.
struct RegimeSpan {
  double begin;
  double end;
  int regime;
};

enum class FeedStatus { closed, connecting, open, failed };

class LiveSources {
 public:
  LiveSources(Platform& platform, Workspace& workspace, Notifications& notifications);

  // Starts (or restarts, clearing its series) the simulated stream.
  void start_simulation(std::uint64_t seed);
  void stop_simulation();
  bool simulation_running() const noexcept { return simulation_.has_value() && running_; }
  // Generates the samples due at `now` (seconds): rate x elapsed time, at most
  // a quarter second's worth per frame so a hidden tab does not return to a
  // burst.
  void tick(double now);
  const std::vector<RegimeSpan>& simulated_regimes() const noexcept { return regimes_; }

  // The URL the feed form starts with (the browser shell suggests its own
  // origin's /v1/stream, which `lf serve` provides).
  void suggest_feed_url(std::string url) { feed_url_input_ = std::move(url); }
  void connect_feed(std::string url);
  void disconnect_feed();
  // From the shell: one message's text, and status changes.
  void on_feed_message(std::string_view text);
  void on_feed_status(FeedStatus status, std::string detail);

  // The Live panel: simulation controls and the feed form.
  void draw();
  nlohmann::json snapshot() const;

 private:
  std::size_t live_series_index(std::string_view name, std::string_view origin);
  void append_simulated(std::size_t count);

  Platform& platform_;
  Workspace& workspace_;
  Notifications& notifications_;

  std::optional<SimulatedStream> simulation_;
  bool running_ = false;
  double rate_ = 100.0;  // samples per second
  double last_tick_ = -1.0;
  double owed_ = 0.0;  // fractional samples carried to the next frame
  int seed_input_ = 42;
  std::vector<RegimeSpan> regimes_;

  std::string feed_url_;
  std::string feed_url_input_ = "http://localhost:8080/v1/stream";
  FeedStatus feed_status_ = FeedStatus::closed;
  std::string feed_detail_;
  std::uint64_t feed_messages_ = 0;
  std::uint64_t feed_rejected_ = 0;
};

std::string_view to_string(FeedStatus status) noexcept;

}  // namespace lf::ui

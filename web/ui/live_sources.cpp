#include "ui/live_sources.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "ui/feed_messages.hpp"

namespace lf::ui {
namespace {

constexpr double kMaxCatchUpSeconds = 0.25;
constexpr std::string_view kFeedSeriesName = "feed";

std::string simulated_origin(std::uint64_t seed) {
  return "simulated (seed " + std::to_string(seed) + ")";
}

}  // namespace

std::string_view to_string(FeedStatus status) noexcept {
  switch (status) {
    case FeedStatus::closed: return "closed";
    case FeedStatus::connecting: return "connecting";
    case FeedStatus::open: return "open";
    case FeedStatus::failed: return "failed";
  }
  return "closed";
}

LiveSources::LiveSources(Platform& platform, Workspace& workspace, Notifications& notifications)
    : platform_(platform), workspace_(workspace), notifications_(notifications) {}

std::size_t LiveSources::live_series_index(std::string_view name, std::string_view origin) {
  const auto all = workspace_.series();
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (all[i].live && all[i].name == name && all[i].origin == origin) return i;
  }
  // Detectors were validated by the catalog already, so this cannot fail.
  (void)workspace_.add_live_series(std::string(name), std::string(origin), default_detectors());
  return workspace_.series().size() - 1;
}

void LiveSources::start_simulation(std::uint64_t seed) {
  // A restart begins a fresh stream: drop the series of any earlier one.
  for (std::size_t i = workspace_.series().size(); i-- > 0;) {
    if (workspace_.series()[i].origin.rfind("simulated", 0) == 0) workspace_.remove_series(i);
  }
  simulation_.emplace(seed);
  regimes_.clear();
  running_ = true;
  last_tick_ = -1.0;
  owed_ = 0.0;
  for (auto name : SimulatedStream::channel_names) live_series_index(name, simulated_origin(seed));
  notifications_.info("simulated stream started (seed " + std::to_string(seed) + ")");
}

void LiveSources::stop_simulation() {
  running_ = false;
}

void LiveSources::tick(double now) {
  if (!simulation_running()) {
    last_tick_ = -1.0;
    return;
  }
  if (last_tick_ < 0.0) last_tick_ = now;
  const double elapsed = std::min(now - last_tick_, kMaxCatchUpSeconds);
  last_tick_ = now;
  owed_ += std::max(elapsed, 0.0) * rate_;
  const auto due = static_cast<std::size_t>(owed_);
  owed_ -= static_cast<double>(due);
  if (due > 0) append_simulated(due);
}

void LiveSources::append_simulated(std::size_t count) {
  const std::string origin = simulated_origin(simulation_->seed());
  std::vector<double> timestamps(count);
  std::array<std::vector<double>, 3> channels;
  for (auto& c : channels) c.resize(count);
  for (std::size_t k = 0; k < count; ++k) {
    const SimulatedSample sample = simulation_->next();
    timestamps[k] = sample.timestamp;
    for (std::size_t c = 0; c < 3; ++c) channels[c][k] = sample.channel[c];
    if (regimes_.empty() || regimes_.back().regime != sample.regime) {
      regimes_.push_back({sample.timestamp, sample.timestamp, sample.regime});
    }
    regimes_.back().end = sample.timestamp;
  }
  for (std::size_t c = 0; c < 3; ++c) {
    const auto index = live_series_index(SimulatedStream::channel_names[c], origin);
    // The generator's samples are finite and ascending by construction.
    (void)workspace_.append_live(index, timestamps, channels[c]);
  }
}

void LiveSources::connect_feed(std::string url) {
  if (url.empty()) {
    notifications_.error("live feed: enter an http(s):// (Server-Sent Events) or ws(s):// URL");
    return;
  }
  feed_url_ = std::move(url);
  feed_status_ = FeedStatus::connecting;
  feed_detail_.clear();
  feed_messages_ = 0;
  feed_rejected_ = 0;
  platform_.connect_feed(feed_url_);
}

void LiveSources::disconnect_feed() {
  platform_.disconnect_feed();
  feed_status_ = FeedStatus::closed;
}

void LiveSources::on_feed_status(FeedStatus status, std::string detail) {
  if (status == FeedStatus::failed && feed_status_ != FeedStatus::failed) {
    notifications_.error("live feed " + feed_url_ + ": " + detail);
  }
  feed_status_ = status;
  feed_detail_ = std::move(detail);
}

void LiveSources::on_feed_message(std::string_view text) {
  auto samples = parse_feed_message(text);
  if (!samples) {
    // Counted and shown once in a while, not per message: a chatty bad feed
    // must not flood the analyst.
    if (feed_rejected_++ % 100 == 0) notifications_.error("live feed message", samples.error());
    return;
  }
  ++feed_messages_;
  // Grouped per series, in arrival order, so each series is appended at once.
  std::map<std::string, std::pair<std::vector<double>, std::vector<double>>> by_series;
  std::vector<std::string> order;
  for (const auto& sample : *samples) {
    const std::string name = sample.series.empty() ? std::string(kFeedSeriesName) : sample.series;
    auto [it, inserted] = by_series.try_emplace(name);
    if (inserted) order.push_back(name);
    const std::size_t index = live_series_index(name, feed_url_);
    const auto& held = workspace_.series()[index].timestamps;
    const auto& pending = it->second.first;
    const double previous = !pending.empty() ? pending.back() : held.empty() ? -1.0 : held.back();
    it->second.first.push_back(sample.timestamp.value_or(previous + 1.0));
    it->second.second.push_back(sample.value);
  }
  for (const auto& name : order) {
    const auto& [timestamps, values] = by_series[name];
    if (auto s = workspace_.append_live(live_series_index(name, feed_url_), timestamps, values);
        !s) {
      if (feed_rejected_++ % 100 == 0) notifications_.error("live feed series " + name, s.error());
    }
  }
}

void LiveSources::draw() {
  ImGui::TextUnformatted("Simulated stream");
  ImGui::SameLine();
  ImGui::TextDisabled("(?)");
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip(
        "A seeded regime-switching generator: 'leader' switches between calm, trending\n"
        "and turbulent regimes (shaded); 'follower' is the leader two samples late plus\n"
        "noise; 'noise' is independent. The same seed always gives the same stream.");
  }
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6.0f);
  ImGui::InputInt("seed", &seed_input_);
  ImGui::SameLine();
  if (!simulation_running()) {
    if (ImGui::Button("Start")) start_simulation(static_cast<std::uint64_t>(seed_input_));
  } else if (ImGui::Button("Stop")) {
    stop_simulation();
  }
  if (simulation_ && !running_) {
    ImGui::SameLine();
    if (ImGui::Button("Resume")) running_ = true;
  }
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12.0f);
  float rate = static_cast<float>(rate_);
  if (ImGui::SliderFloat("samples/s", &rate, 1.0f, 10000.0f, "%.0f",
                         ImGuiSliderFlags_Logarithmic)) {
    rate_ = rate;
  }
  if (simulation_) {
    ImGui::Text(
        "%llu samples, regime: %s", static_cast<unsigned long long>(simulation_->samples_emitted()),
        regimes_.empty()
            ? "-"
            : SimulatedStream::regime_names[static_cast<std::size_t>(regimes_.back().regime)]
                  .data());
  }

  ImGui::Separator();
  ImGui::TextUnformatted("Feed (SSE or WebSocket, JSON samples)");
  ImGui::SetNextItemWidth(-ImGui::GetFontSize() * 6.0f);
  ImGui::InputText("##feed-url", &feed_url_input_);
  ImGui::SameLine();
  if (feed_status_ == FeedStatus::open || feed_status_ == FeedStatus::connecting) {
    if (ImGui::Button("Disconnect")) disconnect_feed();
  } else if (ImGui::Button("Connect")) {
    connect_feed(feed_url_input_);
  }
  ImGui::Text("status: %s%s%s, %llu messages, %llu rejected", to_string(feed_status_).data(),
              feed_detail_.empty() ? "" : " - ", feed_detail_.c_str(),
              static_cast<unsigned long long>(feed_messages_),
              static_cast<unsigned long long>(feed_rejected_));
}

nlohmann::json LiveSources::snapshot() const {
  nlohmann::json simulated = {{"running", simulation_running()},
                              {"rate", rate_},
                              {"seed", simulation_ ? simulation_->seed() : 0},
                              {"samples", simulation_ ? simulation_->samples_emitted() : 0},
                              {"regime_spans", regimes_.size()}};
  nlohmann::json feed = {{"url", feed_url_},
                         {"status", std::string(to_string(feed_status_))},
                         {"detail", feed_detail_},
                         {"messages", feed_messages_},
                         {"rejected", feed_rejected_}};
  return {{"simulated", simulated}, {"feed", feed}};
}

}  // namespace lf::ui

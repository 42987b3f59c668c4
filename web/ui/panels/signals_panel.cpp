#include "ui/panels/signals_panel.hpp"

#include <algorithm>
#include <cstdio>
#include <tuple>

namespace lf::ui {
namespace {

constexpr double kFollowedSamples = 1000.0;  // what a live plot shows by default

ImU32 severity_color(detect::Severity severity) {
  switch (severity) {
    case detect::Severity::info: return IM_COL32(90, 170, 255, 230);
    case detect::Severity::warning: return IM_COL32(255, 170, 40, 240);
    case detect::Severity::critical: return IM_COL32(255, 70, 70, 255);
  }
  return IM_COL32(255, 255, 255, 255);
}

ImU32 regime_color(int regime) {
  switch (regime) {
    case 0: return IM_COL32(80, 160, 120, 40);  // calm
    case 1: return IM_COL32(90, 130, 220, 45);  // trending
    default: return IM_COL32(220, 90, 80, 50);  // turbulent
  }
}

std::string marker_tooltip(const detect::Alert& alert) {
  char score[32];
  std::snprintf(score, sizeof score, "%.4g", alert.score);
  std::string text = alert.detector + " " + alert.version + ": " + alert.kind + " (" +
                     std::string(detect::to_string(alert.severity)) + ", score " + score +
                     ")\nsample " + std::to_string(alert.index);
  if (!alert.detail.empty()) text += "\n" + alert.detail;
  return text;
}

// Alerts inside `range`, at most one per pixel column (the most severe, then
// the strongest): a million-sample series can carry thousands of alerts, and
// drawing (and describing) each one every frame would cost more than the
// lines. Rebuilt only when the alerts, the range or the width change.
const std::vector<plot::Marker>& visible_markers(SignalsPanel::MarkerCache& cache,
                                                 const Series& series, plot::Range range,
                                                 int columns) {
  columns = std::max(columns, 1);
  if (cache.alerts_revision == series.alerts_revision && cache.range.min == range.min &&
      cache.range.max == range.max && cache.columns == columns) {
    return cache.markers;
  }
  const auto& alerts = series.alerts;
  cache.alerts_revision = series.alerts_revision;
  cache.range = range;
  cache.columns = columns;
  cache.markers.clear();
  cache.tooltips.clear();

  std::vector<const detect::Alert*> kept;
  long last_column = -1;
  const double width = range.max - range.min;
  for (const auto& alert : alerts) {
    if (!(alert.timestamp >= range.min && alert.timestamp <= range.max) || width <= 0.0) continue;
    const auto column = static_cast<long>((alert.timestamp - range.min) / width * columns);
    if (column != last_column || kept.empty()) {
      kept.push_back(&alert);
      last_column = column;
    } else if (std::tie(alert.severity, alert.score) >
               std::tie(kept.back()->severity, kept.back()->score)) {
      kept.back() = &alert;
    }
  }
  // Tooltips first: the markers view them, so the strings must not move.
  cache.tooltips.reserve(kept.size());
  for (const auto* alert : kept) cache.tooltips.push_back(marker_tooltip(*alert));
  for (std::size_t i = 0; i < kept.size(); ++i) {
    cache.markers.push_back(
        {kept[i]->timestamp, severity_color(kept[i]->severity), cache.tooltips[i]});
  }
  return cache.markers;
}

// Variance compression's early warning to its release, as spans.
void compression_spans(const Series& series, std::vector<plot::Shade>& out) {
  const double last = series.timestamps.empty() ? 0.0 : series.timestamps.back();
  bool open = false;
  double begin = 0.0;
  for (const auto& alert : series.alerts) {
    if (alert.detector != "variance_compression") continue;
    if (alert.kind == "compression" && !open) {
      open = true;
      begin = alert.timestamp;
    } else if (alert.kind == "expansion" && open) {
      out.push_back({begin, alert.timestamp, IM_COL32(200, 200, 80, 45), "variance compressed"});
      open = false;
    }
  }
  if (open) out.push_back({begin, last, IM_COL32(200, 200, 80, 45), "variance compressed"});
}

}  // namespace

void SignalsPanel::focus(const Series& series, double timestamp) {
  Group& group = group_for(series.origin);
  group.follow = false;
  plot::focus(group.x, timestamp);
}

void SignalsPanel::reset_views() {
  for (auto& [origin, group] : groups_) {
    group.x.fit_pending = true;
    group.follow = true;
  }
  for (auto& [key, state] : plot_states_) state = plot::PlotState{};
}

void SignalsPanel::draw(const Workspace& workspace,
                        const std::vector<RegimeSpan>& simulated_regimes) {
  const auto all = workspace.series();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  plots_min_ = origin;
  plots_max_ = ImVec2(origin.x + avail.x, origin.y + avail.y);
  if (all.empty()) {
    ImGui::TextDisabled("No series yet: open a CSV or TCPD file (Ctrl+O), drop one here,");
    ImGui::TextDisabled("or start the simulated stream in the Live panel.");
    return;
  }

  // Groups in order of first appearance; a header line per group.
  std::vector<std::string> order;
  for (const auto& s : all) {
    if (std::find(order.begin(), order.end(), s.origin) == order.end()) order.push_back(s.origin);
  }
  const float spacing = ImGui::GetStyle().ItemSpacing.y;
  const float header = ImGui::GetFrameHeightWithSpacing();
  const float room = avail.y - static_cast<float>(order.size()) * header;
  const float height =
      std::max(room / static_cast<float>(all.size()) - spacing, ImGui::GetFontSize() * 7.0f);

  for (const auto& source : order) {
    Group& group = group_for(source);
    bool live = false;
    for (const auto& s : all) live = live || (s.origin == source && s.live);
    ImGui::PushID(source.c_str());
    ImGui::TextUnformatted(source.c_str());
    if (live) {
      ImGui::SameLine();
      ImGui::Checkbox("follow newest", &group.follow);
    }

    // Live groups scroll: the view ends at the newest sample.
    plot::Range followed{};
    if (live && group.follow) {
      double newest = 0.0, oldest = 0.0;
      for (const auto& s : all) {
        if (s.origin != source || s.timestamps.empty()) continue;
        newest = std::max(newest, s.timestamps.back());
        oldest = s.timestamps.front();
      }
      const double width = std::max(newest - oldest, 1.0);
      followed = {newest - std::min(width, kFollowedSamples), newest};
      group.x.range = followed;
      group.x.fit_pending = false;
    }

    std::size_t colour = 0;
    for (const auto& s : all) {
      if (s.origin != source) continue;
      const plot::Line line{s.name, s.timestamps, s.values, &s.pyramid,
                            plot::palette_color(colour++)};
      const auto& markers = visible_markers(marker_caches_[source + "\x1f" + s.name], s,
                                            group.x.range, static_cast<int>(avail.x));
      std::vector<plot::Shade> shades;
      if (s.live && source.rfind("simulated", 0) == 0) {
        for (const auto& span : simulated_regimes) {
          shades.push_back({span.begin, span.end + 1.0, regime_color(span.regime),
                            SimulatedStream::regime_names[static_cast<std::size_t>(span.regime)]});
        }
      }
      compression_spans(s, shades);

      plot::PlotState& state = plot_states_[source + "\x1f" + s.name];
      plot::draw_plot(s.name.c_str(), ImVec2(-1.0f, height), std::span(&line, 1), markers, shades,
                      group.x, state);
    }
    // Zooming or panning a followed group hands the view to the analyst.
    if (live && group.follow &&
        (group.x.range.min != followed.min || group.x.range.max != followed.max)) {
      group.follow = false;
    }
    ImGui::PopID();
  }
}

}  // namespace lf::ui

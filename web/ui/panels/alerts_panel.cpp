#include "ui/panels/alerts_panel.hpp"

#include <imgui.h>

#include <algorithm>
#include <string>

namespace lf::ui {
namespace {

enum Column { kSeries, kIndex, kTimestamp, kDetector, kKind, kSeverity, kScore, kColumns };

int compare(const Workspace& workspace, const AlertRef& a, const AlertRef& b, int column) {
  const auto all = workspace.series();
  const detect::Alert& x = all[a.series].alerts[a.alert];
  const detect::Alert& y = all[b.series].alerts[b.alert];
  auto three_way = [](const auto& l, const auto& r) { return l < r ? -1 : (r < l ? 1 : 0); };
  switch (column) {
    case kSeries: return three_way(all[a.series].name, all[b.series].name);
    case kIndex: return three_way(x.index, y.index);
    case kTimestamp: return three_way(x.timestamp, y.timestamp);
    case kDetector: return three_way(x.detector, y.detector);
    case kKind: return three_way(x.kind, y.kind);
    case kSeverity: return three_way(static_cast<int>(x.severity), static_cast<int>(y.severity));
    case kScore: return three_way(x.score, y.score);
    default: return 0;
  }
}

}  // namespace

std::optional<AlertRef> AlertsPanel::draw(const Workspace& workspace) {
  const auto all = workspace.series();
  if (rows_revision_ != workspace.revision()) {
    rows_.clear();
    for (std::size_t s = 0; s < all.size(); ++s) {
      for (std::size_t a = 0; a < all[s].alerts.size(); ++a) rows_.push_back({s, a});
    }
    rows_revision_ = workspace.revision();
    needs_sort_ = true;
  }
  ImGui::Text("%zu alerts", rows_.size());

  const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_SortMulti |
                                ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable |
                                ImGuiTableFlags_SizingStretchProp;
  std::optional<AlertRef> clicked;
  if (!ImGui::BeginTable("alerts", kColumns, flags)) return clicked;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("series");
  ImGui::TableSetupColumn("index", ImGuiTableColumnFlags_DefaultSort);
  ImGui::TableSetupColumn("timestamp");
  ImGui::TableSetupColumn("detector");
  ImGui::TableSetupColumn("kind");
  ImGui::TableSetupColumn("severity");
  ImGui::TableSetupColumn("score");
  ImGui::TableHeadersRow();

  if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs()) {
    if (specs->SpecsDirty || needs_sort_) {
      std::stable_sort(rows_.begin(), rows_.end(), [&](const AlertRef& a, const AlertRef& b) {
        for (int i = 0; i < specs->SpecsCount; ++i) {
          const auto& spec = specs->Specs[i];
          const int order = compare(workspace, a, b, spec.ColumnIndex);
          if (order != 0) {
            return spec.SortDirection == ImGuiSortDirection_Ascending ? order < 0 : order > 0;
          }
        }
        return false;
      });
      specs->SpecsDirty = false;
      needs_sort_ = false;
    }
  }

  // Only the visible rows are laid out: tables of 100,000 alerts stay cheap.
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(rows_.size()));
  while (clipper.Step()) {
    for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
      const AlertRef ref = rows_[static_cast<std::size_t>(row)];
      const detect::Alert& alert = all[ref.series].alerts[ref.alert];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::PushID(row);
      if (ImGui::Selectable(all[ref.series].name.c_str(), false,
                            ImGuiSelectableFlags_SpanAllColumns)) {
        clicked = ref;
      }
      ImGui::PopID();
      ImGui::TableNextColumn();
      ImGui::Text("%zu", alert.index);
      ImGui::TableNextColumn();
      ImGui::Text("%.6g", alert.timestamp);
      ImGui::TableNextColumn();
      ImGui::Text("%s %s", alert.detector.c_str(), alert.version.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(alert.kind.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(detect::to_string(alert.severity).data());
      ImGui::TableNextColumn();
      ImGui::Text("%.4g", alert.score);
    }
  }
  ImGui::EndTable();
  return clicked;
}

}  // namespace lf::ui

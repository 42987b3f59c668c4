#include "ui/panels/data_panel.hpp"

#include <imgui.h>

#include <algorithm>

namespace lf::ui {
namespace {

void column_picker(CsvImport& csv, DataPanelResult& result) {
  if (!ImGui::TreeNodeEx("csv-columns", ImGuiTreeNodeFlags_DefaultOpen, "Columns of %s",
                         csv.file_name.c_str())) {
    return;
  }
  const std::string time_preview = csv.choice.time_column.value_or("(row index)");
  if (ImGui::BeginCombo("time column", time_preview.c_str())) {
    if (ImGui::Selectable("(row index)", !csv.choice.time_column)) csv.choice.time_column.reset();
    for (const auto& name : csv.header) {
      if (ImGui::Selectable(name.c_str(), csv.choice.time_column == name)) {
        csv.choice.time_column = name;
      }
    }
    ImGui::EndCombo();
  }
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("Numbers, or ISO-8601 dates and times (read as seconds since 1970).");
  }
  // An empty column list means "every column but the time one".
  for (const auto& name : csv.header) {
    if (csv.choice.time_column == name) continue;
    const bool all = csv.choice.columns.empty();
    bool on = all || std::find(csv.choice.columns.begin(), csv.choice.columns.end(), name) !=
                         csv.choice.columns.end();
    if (ImGui::Checkbox(name.c_str(), &on)) {
      if (all) {
        for (const auto& other : csv.header) {
          if (other != name && csv.choice.time_column != other) csv.choice.columns.push_back(other);
        }
      } else if (on) {
        csv.choice.columns.push_back(name);
      } else {
        std::erase(csv.choice.columns, name);
      }
    }
  }
  if (ImGui::Button("Re-import")) result.action = DataAction::reimport_csv;
  ImGui::TreePop();
}

}  // namespace

DataPanelResult draw_data_panel(const Workspace& workspace, CsvImport* csv) {
  DataPanelResult result;
  if (ImGui::Button("Open file...")) result.action = DataAction::open_file;
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("CSV or TCPD JSON (Ctrl+O); or drop files on the window");
  ImGui::SameLine();
  if (ImGui::Button("Demo dataset")) result.action = DataAction::load_demo;
  ImGui::SameLine();
  if (ImGui::Button("Clear")) result.action = DataAction::clear;

  const auto all = workspace.series();
  const ImGuiTableFlags flags =
      ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp;
  if (!all.empty() && ImGui::BeginTable("series", 4, flags)) {
    ImGui::TableSetupColumn("series");
    ImGui::TableSetupColumn("samples");
    ImGui::TableSetupColumn("alerts");
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableHeadersRow();
    for (std::size_t i = 0; i < all.size(); ++i) {
      const Series& s = all[i];
      ImGui::PushID(static_cast<int>(i));
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(s.name.c_str());
      if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("from %s%s\n%zu samples, %zu missing cells left out", s.origin.c_str(),
                          s.live ? " (live)" : "", s.values.size(), s.missing);
      }
      ImGui::TableNextColumn();
      ImGui::Text("%zu%s", s.values.size(), s.live ? " live" : "");
      ImGui::TableNextColumn();
      ImGui::Text("%zu", s.alerts.size());
      ImGui::TableNextColumn();
      if (ImGui::SmallButton("x")) result.remove_series = i;
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  if (csv && !csv->header.empty()) column_picker(*csv, result);
  return result;
}

}  // namespace lf::ui

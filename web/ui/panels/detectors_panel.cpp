#include "ui/panels/detectors_panel.hpp"

#include <imgui.h>

#include <algorithm>
#include <string>
#include <vector>

#include "lf/detect/registry.hpp"

namespace lf::ui {
namespace {

// Recomputing a long series on every drag step would stall the frame; above
// this size a parameter applies when the field is released.
constexpr std::size_t kImmediateRecomputeLimit = 200'000;

const detect::DetectorInfo* catalog_entry(std::string_view name) {
  for (const auto& info : detect::detector_catalog()) {
    if (info.name == name) return &info;
  }
  return nullptr;
}

double current_value(const DetectorChoice& choice, const detect::ParameterSpec& spec) {
  for (const auto& p : choice.overrides) {
    if (p.name == spec.name) return p.value;
  }
  return spec.default_value;
}

void set_value(DetectorChoice& choice, const detect::ParameterSpec& spec, double value) {
  for (auto& p : choice.overrides) {
    if (p.name == spec.name) {
      p.value = value;
      return;
    }
  }
  choice.overrides.push_back({std::string(spec.name), value});
}

// One parameter's field; true when the new value should be applied now.
bool parameter_field(DetectorChoice& choice, const detect::ParameterSpec& spec, bool immediate) {
  double value = current_value(choice, spec);
  const std::string label(spec.name);
  bool edited;
  if (spec.integer) {
    double step = 1.0;
    edited =
        ImGui::InputScalar(label.c_str(), ImGuiDataType_Double, &value, &step, nullptr, "%.0f");
  } else {
    edited = ImGui::InputDouble(label.c_str(), &value, 0.0, 0.0, "%.6g");
  }
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("%.*s\nrange [%g, %g], default %g%s",
                      static_cast<int>(spec.description.size()), spec.description.data(), spec.min,
                      spec.max, spec.default_value, spec.integer ? ", integer" : "");
  }
  if (!edited && !ImGui::IsItemDeactivatedAfterEdit()) return false;
  // Out-of-range input is clamped to the catalog's range rather than sent to
  // the core to be refused: the field shows what will run.
  value = std::clamp(value, spec.min, spec.max);
  set_value(choice, spec, value);
  return immediate || ImGui::IsItemDeactivatedAfterEdit();
}

}  // namespace

void DetectorsPanel::draw(Workspace& workspace, Notifications& notifications) {
  const auto all = workspace.series();
  if (all.empty()) {
    ImGui::TextDisabled("Load or stream a series to configure its detectors.");
    return;
  }
  selected_ = std::min(selected_, all.size() - 1);
  const std::string preview = all[selected_].name + "  (" + all[selected_].origin + ")";
  if (ImGui::BeginCombo("series", preview.c_str())) {
    for (std::size_t i = 0; i < all.size(); ++i) {
      const std::string label = all[i].name + "  (" + all[i].origin + ")##" + std::to_string(i);
      if (ImGui::Selectable(label.c_str(), i == selected_)) selected_ = i;
    }
    ImGui::EndCombo();
  }

  const Series& series = all[selected_];
  const bool immediate = series.live || series.values.size() <= kImmediateRecomputeLimit;
  std::vector<DetectorChoice> choices = series.detectors;
  bool changed = false;
  std::size_t remove = choices.size();

  for (std::size_t d = 0; d < choices.size(); ++d) {
    ImGui::PushID(static_cast<int>(d));
    const detect::DetectorInfo* info = catalog_entry(choices[d].name);
    const std::string version = d < series.detector_descriptions.size()
                                    ? series.detector_descriptions[d].version
                                    : std::string(info ? info->version : "?");
    const std::string header = choices[d].name + " " + version;
    const bool open = ImGui::CollapsingHeader(header.c_str(), ImGuiTreeNodeFlags_DefaultOpen);
    if (info && ImGui::IsItemHovered()) {
      ImGui::SetTooltip("%.*s", static_cast<int>(info->summary.size()), info->summary.data());
    }
    if (open && info) {
      ImGui::PushItemWidth(ImGui::GetFontSize() * 8.0f);
      for (const auto& spec : info->parameters)
        changed |= parameter_field(choices[d], spec, immediate);
      ImGui::PopItemWidth();
      if (ImGui::SmallButton("defaults")) {
        choices[d].overrides.clear();
        changed = true;
      }
      ImGui::SameLine();
      if (ImGui::SmallButton("remove")) remove = d;
    }
    ImGui::PopID();
  }
  if (remove < choices.size()) {
    choices.erase(choices.begin() + static_cast<std::ptrdiff_t>(remove));
    changed = true;
  }

  if (ImGui::BeginCombo("##add", "add a detector...")) {
    for (const auto& info : detect::detector_catalog()) {
      const std::string label = std::string(info.name) + " " + std::string(info.version);
      if (ImGui::Selectable(label.c_str())) {
        choices.push_back({std::string(info.name), {}});
        changed = true;
      }
      if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("%.*s", static_cast<int>(info.summary.size()), info.summary.data());
      }
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  if (ImGui::Button("apply to all series")) {
    for (std::size_t i = 0; i < all.size(); ++i) {
      if (auto s = workspace.set_detectors(i, choices); !s) {
        notifications.error("detectors on " + workspace.series()[i].name, s.error());
      }
    }
    return;
  }

  if (changed) {
    if (auto s = workspace.set_detectors(selected_, std::move(choices)); !s) {
      notifications.error("detectors on " + series.name, s.error());
    }
  }
  const Series& now = workspace.series()[selected_];
  if (!now.analysis_error.empty()) {
    ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.4f, 1.0f), "%s", now.analysis_error.c_str());
  } else {
    ImGui::TextDisabled("%zu alerts on %zu samples", now.alerts.size(), now.values.size());
  }
}

}  // namespace lf::ui

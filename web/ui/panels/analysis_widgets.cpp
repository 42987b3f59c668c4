#include "ui/panels/analysis_widgets.hpp"

#include <cmath>
#include <cstdio>

namespace lf::ui {
namespace {

constexpr ImU32 kErrorText = IM_COL32(242, 107, 107, 255);

}  // namespace

void explain_last_item(std::string_view text) {
  if (text.empty() || !ImGui::IsItemHovered()) return;
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32.0f);
  ImGui::TextUnformatted(text.data(), text.data() + text.size());
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

void help_marker(std::string_view text) {
  ImGui::SameLine();
  ImGui::TextDisabled("(?)");
  explain_last_item(text);
}

bool explained_combo(const char* label, std::span<const ExplainedOption> options, int& selected) {
  const int before = selected;
  if (ImGui::BeginCombo(label, options[static_cast<std::size_t>(selected)].name)) {
    for (std::size_t i = 0; i < options.size(); ++i) {
      if (ImGui::Selectable(options[i].name, static_cast<int>(i) == selected)) {
        selected = static_cast<int>(i);
      }
      explain_last_item(options[i].explanation);
    }
    ImGui::EndCombo();
  }
  return selected != before;
}

void badge(std::string_view label, ImU32 colour, std::string_view tooltip) {
  const ImVec2 padding = ImGui::GetStyle().FramePadding;
  const ImVec2 text_size = ImGui::CalcTextSize(label.data(), label.data() + label.size());
  const ImVec2 size{text_size.x + 2.0f * padding.x, text_size.y + 2.0f * padding.y};
  const ImVec2 at = ImGui::GetCursorScreenPos();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(at, {at.x + size.x, at.y + size.y}, colour, 3.0f);
  draw->AddText({at.x + padding.x, at.y + padding.y}, IM_COL32_WHITE, label.data(),
                label.data() + label.size());
  ImGui::Dummy(size);
  explain_last_item(tooltip);
}

void figure(std::string_view label, std::string_view value, std::string_view tooltip) {
  ImGui::BeginGroup();
  ImGui::TextDisabled("%.*s", static_cast<int>(label.size()), label.data());
  ImGui::SameLine();
  ImGui::TextUnformatted(value.data(), value.data() + value.size());
  ImGui::EndGroup();
  explain_last_item(tooltip);
}

void route_error(const RouteReply& reply) {
  if (!reply.failed()) return;
  ImGui::PushStyleColor(ImGuiCol_Text, kErrorText);
  ImGui::TextWrapped("%s: %s", reply.error_code.c_str(), reply.error_message.c_str());
  ImGui::PopStyleColor();
  explain_last_item("The core's " + reply.route + " route refused the request (HTTP status " +
                    std::to_string(reply.status) +
                    "). The code is stable and documented in docs/API.md; the message names "
                    "the field at fault.");
}

void inline_error(std::string_view code, std::string_view message) {
  ImGui::PushStyleColor(ImGuiCol_Text, kErrorText);
  ImGui::TextWrapped("%.*s: %.*s", static_cast<int>(code.size()), code.data(),
                     static_cast<int>(message.size()), message.data());
  ImGui::PopStyleColor();
}

const Series* series_combo(const char* label, const Workspace& workspace, std::string& selected) {
  const auto all = workspace.series();
  if (all.empty()) return nullptr;
  const Series* current = workspace.find(selected);
  if (current == nullptr) {
    current = &all.front();
    selected = current->name;
  }
  if (ImGui::BeginCombo(label, current->name.c_str())) {
    for (std::size_t i = 0; i < all.size(); ++i) {
      ImGui::PushID(static_cast<int>(i));
      const bool chosen = &all[i] == current;
      if (ImGui::Selectable(all[i].name.c_str(), chosen)) selected = all[i].name;
      if (chosen) ImGui::SetItemDefaultFocus();
      explain_last_item("from " + all[i].origin + ", " + std::to_string(all[i].values.size()) +
                        " samples" + (all[i].live ? ", live" : ""));
      ImGui::PopID();
    }
    ImGui::EndCombo();
  }
  const Series* chosen = workspace.find(selected);
  return chosen != nullptr ? chosen : current;
}

std::string format_number(double value, int digits) {
  if (std::isnan(value)) return "n/a";
  char text[40];
  std::snprintf(text, sizeof text, "%.*g", digits, value);
  return text;
}

}  // namespace lf::ui

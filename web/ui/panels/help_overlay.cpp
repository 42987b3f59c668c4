#include "ui/panels/help_overlay.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <array>

namespace lf::ui {
namespace {

constexpr std::array kShortcuts{
    Shortcut{Command::open_file, "Ctrl+O",
             "open CSV or TCPD JSON files (or drop them on the window)"},
    Shortcut{Command::load_demo, "D", "load the bundled demo dataset (TCPD Nile)"},
    Shortcut{Command::toggle_simulation, "S", "start / stop the simulated live stream"},
    Shortcut{Command::reset_views, "R", "reset zoom on every plot (or double-click a plot)"},
    Shortcut{Command::export_alerts_csv, "E", "export the alerts as CSV"},
    Shortcut{Command::export_alerts_json, "J", "export the alerts as JSON (detect responses)"},
    Shortcut{Command::export_plot_png, "P", "export the plots as PNG"},
    Shortcut{Command::toggle_help, "F1 or ?", "show / hide this help"},
};

constexpr std::array<std::string_view, 5> kMouse{
    "wheel: zoom time about the cursor; Ctrl+wheel: zoom values",
    "drag: pan; right-drag or Shift+drag: box zoom; double-click: reset",
    "hover: read-out of the samples under the cursor; click a marker: select the alert",
    "plots of the same source share their time axis",
    "alerts table: click a header to sort (Shift for several), a row to jump to it",
};

// ImGui 1.86 reads keys by the backend's codes; both shells use its GLFW
// backend, so these are GLFW key codes. '?' is read as a typed character, so
// it works whatever the keyboard layout.
bool question_mark_typed() {
  const ImGuiIO& io = ImGui::GetIO();
  for (int i = 0; i < io.InputQueueCharacters.Size; ++i) {
    if (io.InputQueueCharacters[i] == '?') return true;
  }
  return false;
}

}  // namespace

std::span<const Shortcut> shortcuts() noexcept {
  return kShortcuts;
}

bool shortcut_pressed(Command command) {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput) return false;
  const bool plain = !io.KeyCtrl && !io.KeyAlt && !io.KeySuper;
  switch (command) {
    case Command::open_file: return io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_O, false);
    case Command::load_demo: return plain && ImGui::IsKeyPressed(GLFW_KEY_D, false);
    case Command::toggle_simulation: return plain && ImGui::IsKeyPressed(GLFW_KEY_S, false);
    case Command::reset_views: return plain && ImGui::IsKeyPressed(GLFW_KEY_R, false);
    case Command::export_alerts_csv: return plain && ImGui::IsKeyPressed(GLFW_KEY_E, false);
    case Command::export_alerts_json: return plain && ImGui::IsKeyPressed(GLFW_KEY_J, false);
    case Command::export_plot_png: return plain && ImGui::IsKeyPressed(GLFW_KEY_P, false);
    case Command::toggle_help:
      return ImGui::IsKeyPressed(GLFW_KEY_F1, false) || question_mark_typed();
  }
  return false;
}

void draw_help_overlay(bool& open) {
  if (!open) return;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowBgAlpha(0.96f);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse |
                                 ImGuiWindowFlags_NoSavedSettings;
  if (ImGui::Begin("Keyboard shortcuts", &open, flags)) {
    if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_RowBg)) {
      for (const auto& s : kShortcuts) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(s.keys.data(), s.keys.data() + s.keys.size());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(s.action.data(), s.action.data() + s.action.size());
      }
      ImGui::EndTable();
    }
    ImGui::Separator();
    for (auto line : kMouse) ImGui::BulletText("%.*s", static_cast<int>(line.size()), line.data());
    ImGui::Separator();
    ImGui::TextDisabled("Esc or F1 closes this help.");
    if (ImGui::IsKeyPressed(GLFW_KEY_ESCAPE, false)) open = false;
  }
  ImGui::End();
}

}  // namespace lf::ui

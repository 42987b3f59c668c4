#include "ui/panels/help_overlay.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <array>

#include "ui/key_presses.hpp"

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

// Keys are GLFW key codes (both shells use GLFW; key_presses.hpp records
// them). '?' is read as a typed character, so it works whatever the
// keyboard layout.
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
  if (ImGui::GetIO().WantTextInput) return false;
  switch (command) {
    case Command::open_file: return key_pressed(GLFW_KEY_O, GLFW_MOD_CONTROL);
    case Command::load_demo: return key_pressed(GLFW_KEY_D);
    case Command::toggle_simulation: return key_pressed(GLFW_KEY_S);
    case Command::reset_views: return key_pressed(GLFW_KEY_R);
    case Command::export_alerts_csv: return key_pressed(GLFW_KEY_E);
    case Command::export_alerts_json: return key_pressed(GLFW_KEY_J);
    case Command::export_plot_png: return key_pressed(GLFW_KEY_P);
    case Command::toggle_help: return key_pressed(GLFW_KEY_F1) || question_mark_typed();
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
    if (key_pressed(GLFW_KEY_ESCAPE)) open = false;
  }
  ImGui::End();
}

}  // namespace lf::ui

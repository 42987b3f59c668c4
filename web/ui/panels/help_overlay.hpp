// The keyboard shortcuts, as a list the app acts on and an overlay (F1 or ?)
// that shows them: one table, so the help cannot drift from the bindings.
#pragma once

#include <span>
#include <string_view>

namespace lf::ui {

enum class Command {
  open_file,
  load_demo,
  toggle_simulation,
  reset_views,
  export_alerts_csv,
  export_alerts_json,
  export_plot_png,
  toggle_help,
};

struct Shortcut {
  Command command;
  std::string_view keys;  // as shown to the analyst
  std::string_view action;
};

std::span<const Shortcut> shortcuts() noexcept;

// The command whose keys were pressed this frame, if any (never while a text
// field has the keyboard).
bool shortcut_pressed(Command command);

void draw_help_overlay(bool& open);

}  // namespace lf::ui

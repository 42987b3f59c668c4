// The browser's side of the Platform: the DOM does what C++ cannot reach
// (file input, downloads, EventSource / WebSocket, the clipboard) through the
// functions dashboard.js installs as Module.lfShell.
#pragma once

#include "ui/platform.hpp"

namespace lf::web {

class BrowserPlatform final : public ui::Platform {
 public:
  std::string_view name() const noexcept override { return "browser"; }
  void open_file_picker() override;
  std::string save_file(std::string_view file_name, std::string_view mime_type,
                        std::string_view bytes) override;
  void connect_feed(std::string_view url) override;
  void disconnect_feed() override;
};

// ImGui's clipboard hooks. 3.1.6's GLFW has no system clipboard: copying goes
// to navigator.clipboard, pasting reads the text of the page's last paste
// event (which fires before ImGui sees the Ctrl+V of the same keystroke).
void install_clipboard();
void set_pasted_text(std::string text);

}  // namespace lf::web

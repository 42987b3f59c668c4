// The desktop's side of the Platform: files come from a file browser drawn
// with ImGui (no toolkit dialog needed) and from drag-and-drop, exports are
// written to the export directory, live feeds are Server-Sent Events read by
// SseClient. WebSocket feeds are a browser feature: the desktop says so.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "sse_client.hpp"
#include "ui/app.hpp"
#include "ui/platform.hpp"

namespace lf::desktop {

class DesktopPlatform final : public ui::Platform {
 public:
  explicit DesktopPlatform(std::filesystem::path export_dir);
  void attach(ui::App& app) { app_ = &app; }

  std::string_view name() const noexcept override { return "desktop"; }
  void open_file_picker() override;
  std::string save_file(std::string_view file_name, std::string_view mime_type,
                        std::string_view bytes) override;
  void connect_feed(std::string_view url) override;
  void disconnect_feed() override;
  void draw() override;

  // Reads a file from disk into the app (drops, command-line arguments).
  void open_path(const std::filesystem::path& path);
  // Hands the feed's queued events and state changes to the app.
  void pump_feed();

 private:
  void draw_file_browser();

  ui::App* app_ = nullptr;
  std::filesystem::path export_dir_;
  std::unique_ptr<SseClient> feed_;
  SseState reported_ = SseState::closed;
  bool picker_open_ = false;
  std::filesystem::path browse_dir_;
  std::string browse_input_;
};

}  // namespace lf::desktop

// What the UI needs from the shell it runs in. The browser shell implements
// it with the DOM (file input, downloads, EventSource/WebSocket); the desktop
// shell with the file system and an HTTP client. Everything else, including
// every computation, is shared UI code.
#pragma once

#include <string_view>

namespace lf::ui {

class Platform {
 public:
  virtual ~Platform() = default;

  // "browser" or "desktop", shown in the About box and the test hook.
  virtual std::string_view name() const noexcept = 0;

  // Lets the analyst choose files; each chosen file arrives later through
  // App::open_file.
  virtual void open_file_picker() = 0;

  // Hands a finished export to the analyst: a download in the browser, a file
  // in the export directory on the desktop. Returns where it went, for the
  // confirmation message.
  virtual std::string save_file(std::string_view file_name, std::string_view mime_type,
                                std::string_view bytes) = 0;

  // Opens a live feed (http(s) URL: Server-Sent Events; ws(s) URL: WebSocket);
  // messages arrive through App::on_feed_message, state changes through
  // App::on_feed_status. Connecting replaces any open feed.
  virtual void connect_feed(std::string_view url) = 0;
  virtual void disconnect_feed() = 0;

  // Shell-owned UI drawn each frame inside the app's frame (e.g. the desktop
  // shell's file browser).
  virtual void draw() {}
};

}  // namespace lf::ui

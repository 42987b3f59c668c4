#include "browser_platform.hpp"

#include <emscripten.h>
#include <imgui.h>

#include <string>

namespace lf::web {
namespace {

EM_JS(void, shell_open_picker, (), { Module.lfShell.openPicker(); });

EM_JS(void, shell_download, (const char* name, const char* mime, const void* bytes, size_t size), {
  Module.lfShell.download(UTF8ToString(name), UTF8ToString(mime),
                          HEAPU8.slice(bytes, bytes + size));
});

EM_JS(void, shell_connect_feed, (const char* url),
      { Module.lfShell.connectFeed(UTF8ToString(url)); });

EM_JS(void, shell_disconnect_feed, (), { Module.lfShell.disconnectFeed(); });

EM_JS(void, shell_copy_text, (const char* text), { Module.lfShell.copyText(UTF8ToString(text)); });

std::string& pasted_text() {
  static std::string text;
  return text;
}

const char* get_clipboard(void*) {
  return pasted_text().c_str();
}

void set_clipboard(void*, const char* text) {
  pasted_text() = text;
  shell_copy_text(text);
}

}  // namespace

void BrowserPlatform::open_file_picker() {
  shell_open_picker();
}

std::string BrowserPlatform::save_file(std::string_view file_name, std::string_view mime_type,
                                       std::string_view bytes) {
  const std::string name(file_name), mime(mime_type);
  shell_download(name.c_str(), mime.c_str(), bytes.data(), bytes.size());
  return "the browser's downloads (" + name + ")";
}

void BrowserPlatform::connect_feed(std::string_view url) {
  shell_connect_feed(std::string(url).c_str());
}

void BrowserPlatform::disconnect_feed() {
  shell_disconnect_feed();
}

void install_clipboard() {
  ImGuiIO& io = ImGui::GetIO();
  io.GetClipboardTextFn = get_clipboard;
  io.SetClipboardTextFn = set_clipboard;
  io.ClipboardUserData = nullptr;
}

void set_pasted_text(std::string text) {
  pasted_text() = std::move(text);
}

}  // namespace lf::web

#include "desktop_platform.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <system_error>

namespace lf::desktop {
namespace {

namespace fs = std::filesystem;

bool openable(const fs::path& path) {
  const std::string ext = path.extension().string();
  return ext == ".csv" || ext == ".tsv" || ext == ".txt" || ext == ".json";
}

ui::FeedStatus to_feed_status(SseState state) {
  switch (state) {
    case SseState::connecting: return ui::FeedStatus::connecting;
    case SseState::open: return ui::FeedStatus::open;
    case SseState::failed: return ui::FeedStatus::failed;
    case SseState::closed: return ui::FeedStatus::closed;
  }
  return ui::FeedStatus::closed;
}

}  // namespace

DesktopPlatform::DesktopPlatform(fs::path export_dir)
    : export_dir_(std::move(export_dir)), browse_dir_(fs::current_path()) {}

void DesktopPlatform::open_file_picker() {
  picker_open_ = true;
  browse_input_ = browse_dir_.string();
}

std::string DesktopPlatform::save_file(std::string_view file_name, std::string_view,
                                       std::string_view bytes) {
  const fs::path target = export_dir_ / std::string(file_name);
  std::ofstream out(target, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) return "nowhere: could not write " + target.string();
  return target.string();
}

void DesktopPlatform::connect_feed(std::string_view url) {
  feed_.reset();
  const std::string target(url);
  if (target.rfind("ws://", 0) == 0 || target.rfind("wss://", 0) == 0) {
    app_->on_feed_status(
        ui::FeedStatus::failed,
        "WebSocket feeds are read by the browser dashboard; the desktop reads "
        "Server-Sent Events (an http:// or https:// URL, e.g. lf serve's /v1/stream)");
    return;
  }
  feed_ = std::make_unique<SseClient>(target);
  reported_ = SseState::connecting;
}

void DesktopPlatform::disconnect_feed() {
  feed_.reset();
  reported_ = SseState::closed;
}

void DesktopPlatform::pump_feed() {
  if (!feed_) return;
  auto update = feed_->poll();
  if (update.state != reported_ || update.state == SseState::failed) {
    if (update.state != reported_)
      app_->on_feed_status(to_feed_status(update.state), update.detail);
    reported_ = update.state;
  }
  for (const auto& event : update.events) {
    // lf serve's alerts are recomputed here; samples (and unnamed events) are data.
    if (event.type == "sample" || event.type == "message") app_->on_feed_message(event.data);
  }
}

void DesktopPlatform::open_path(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return app_->report_error("cannot open " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  app_->open_file(path.filename().string(), text.str());
}

void DesktopPlatform::draw() {
  pump_feed();
  draw_file_browser();
}

void DesktopPlatform::draw_file_browser() {
  if (picker_open_) {
    ImGui::OpenPopup("Open file");
    picker_open_ = false;
  }
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(viewport->WorkSize.x * 0.5f, viewport->WorkSize.y * 0.6f),
                           ImGuiCond_Appearing);
  if (!ImGui::BeginPopupModal("Open file")) return;

  ImGui::SetNextItemWidth(-1.0f);
  if (ImGui::InputText("##dir", &browse_input_, ImGuiInputTextFlags_EnterReturnsTrue)) {
    std::error_code error;
    if (fs::is_directory(browse_input_, error)) {
      browse_dir_ = fs::path(browse_input_);
    } else if (fs::is_regular_file(browse_input_, error)) {
      open_path(browse_input_);
      ImGui::CloseCurrentPopup();
    }
  }
  std::vector<fs::directory_entry> entries;
  std::error_code error;
  for (fs::directory_iterator it(browse_dir_, error), end; !error && it != end;
       it.increment(error)) {
    if (it->is_directory() || openable(it->path())) entries.push_back(*it);
  }
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
    if (a.is_directory() != b.is_directory()) return a.is_directory();
    return a.path().filename() < b.path().filename();
  });

  ImGui::BeginChild("entries", ImVec2(0, -ImGui::GetFrameHeightWithSpacing()), true);
  if (ImGui::Selectable("..", false, ImGuiSelectableFlags_DontClosePopups)) {
    browse_dir_ = browse_dir_.parent_path();
    browse_input_ = browse_dir_.string();
  }
  if (error) ImGui::TextColored(ImVec4(1, 0.45f, 0.4f, 1), "%s", error.message().c_str());
  for (const auto& entry : entries) {
    const std::string label = entry.path().filename().string() + (entry.is_directory() ? "/" : "");
    if (ImGui::Selectable(
            label.c_str(), false,
            ImGuiSelectableFlags_DontClosePopups | ImGuiSelectableFlags_AllowDoubleClick) &&
        ImGui::IsMouseDoubleClicked(0)) {
      if (entry.is_directory()) {
        browse_dir_ = entry.path();
        browse_input_ = browse_dir_.string();
      } else {
        open_path(entry.path());
        ImGui::CloseCurrentPopup();
      }
    }
  }
  ImGui::EndChild();
  ImGui::TextDisabled("double-click a CSV or JSON file to open it");
  ImGui::SameLine(ImGui::GetWindowWidth() - ImGui::GetFontSize() * 5.0f);
  if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

}  // namespace lf::desktop

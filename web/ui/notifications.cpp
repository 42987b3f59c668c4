#include "ui/notifications.hpp"

#include <imgui.h>

namespace lf::ui {
namespace {

constexpr std::size_t kLogLength = 100;
constexpr double kShownSeconds = 8.0;
constexpr std::size_t kShownAtOnce = 4;

}  // namespace

void Notifications::post(NoticeLevel level, std::string text) {
  log_.push_back({level, std::move(text), now_});
  if (log_.size() > kLogLength) log_.pop_front();
}

void Notifications::info(std::string text) {
  post(NoticeLevel::info, std::move(text));
}

void Notifications::error(std::string text) {
  post(NoticeLevel::error, std::move(text));
}

void Notifications::error(const std::string& what, const Error& error) {
  post(NoticeLevel::error,
       what + ": " + error.message + " [" + std::string(to_string(error.code)) + "]");
}

void Notifications::draw() const {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const float pad = ImGui::GetFontSize();
  float y = viewport->WorkPos.y + viewport->WorkSize.y - pad;
  std::size_t shown = 0;
  for (auto it = log_.rbegin(); it != log_.rend() && shown < kShownAtOnce; ++it) {
    if (now_ - it->posted_at > kShownSeconds) break;
    ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + viewport->WorkSize.x - pad, y),
                            ImGuiCond_Always, ImVec2(1.0f, 1.0f));
    ImGui::SetNextWindowBgAlpha(0.92f);
    const std::string id = "##notice" + std::to_string(shown);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration |
                                   ImGuiWindowFlags_AlwaysAutoResize |
                                   ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav |
                                   ImGuiWindowFlags_NoSavedSettings;
    if (ImGui::Begin(id.c_str(), nullptr, flags)) {
      const ImVec4 color = it->level == NoticeLevel::error ? ImVec4(1.0f, 0.45f, 0.4f, 1.0f)
                                                           : ImVec4(0.6f, 0.9f, 0.6f, 1.0f);
      ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32.0f);
      ImGui::TextColored(color, "%s", it->text.c_str());
      ImGui::PopTextWrapPos();
      y -= ImGui::GetWindowHeight() + pad * 0.5f;
    }
    ImGui::End();
    ++shown;
  }
}

}  // namespace lf::ui

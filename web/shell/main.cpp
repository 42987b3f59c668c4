// The browser shell: Emscripten's GLFW over WebGL2, one ImGui frame per
// animation frame, and the calls dashboard.js makes into the app (files,
// feed messages, the test hook). HiDPI is done by hand, because 3.1.6's GLFW
// has none: the canvas gets CSS size x devicePixelRatio pixels, ImGui works
// in those pixels, and fonts and spacing are scaled by the ratio.
#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/bind.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <cmath>
#include <memory>
#include <string>

#include "browser_platform.hpp"
#include "ui/app.hpp"
#include "ui/key_presses.hpp"
#include "ui/theme.hpp"

namespace lf::web {
namespace {

constexpr const char* kCanvas = "#canvas";

struct Shell {
  GLFWwindow* window = nullptr;
  BrowserPlatform platform;
  std::unique_ptr<ui::App> app;
  double pixel_ratio = 0.0;   // the ratio the fonts were built for
  int width = 0, height = 0;  // the canvas's backing store, in pixels
};

Shell& shell() {
  static Shell instance;
  return instance;
}

// Sizes the canvas's backing store to its CSS box times the pixel ratio, and
// rebuilds the fonts when the ratio changes (a window moved to another
// screen, or the page zoomed).
void fit_canvas(Shell& s) {
  double css_width = 0, css_height = 0;
  emscripten_get_element_css_size(kCanvas, &css_width, &css_height);
  const double ratio = emscripten_get_device_pixel_ratio();
  const int width = std::max(1, static_cast<int>(std::lround(css_width * ratio)));
  const int height = std::max(1, static_cast<int>(std::lround(css_height * ratio)));
  // Set on the element directly: 3.1.6's glfwSetWindowSize asks for
  // fullscreen when the size equals the screen's, which a HiDPI canvas
  // filling the window does. ImGui gets the size below, not from GLFW.
  if (width != s.width || height != s.height) {
    emscripten_set_canvas_element_size(kCanvas, width, height);
    s.width = width;
    s.height = height;
  }
  if (ratio != s.pixel_ratio) {
    s.pixel_ratio = ratio;
    ui::apply_theme(static_cast<float>(ratio));
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
  }
}

void frame(void*) {
  Shell& s = shell();
  glfwPollEvents();
  fit_canvas(s);
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  // ImGui works in canvas pixels (GLFW reports the mouse in them too).
  const int width = s.width, height = s.height;
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
  io.DisplayFramebufferScale = ImVec2(1.0f, 1.0f);
  ImGui::NewFrame();
  s.app->frame(emscripten_get_now() / 1000.0);
  ImGui::Render();
  glViewport(0, 0, width, height);
  glClearColor(0.07f, 0.08f, 0.10f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  s.app->after_render(width, height);
}

// --- Calls from dashboard.js -------------------------------------------------
void open_file(const std::string& name, const std::string& text) {
  shell().app->open_file(name, text);
}
void feed_message(const std::string& text) {
  shell().app->on_feed_message(text);
}
void feed_status(const std::string& status, const std::string& detail) {
  const ui::FeedStatus value = status == "open"         ? ui::FeedStatus::open
                               : status == "connecting" ? ui::FeedStatus::connecting
                               : status == "failed"     ? ui::FeedStatus::failed
                                                        : ui::FeedStatus::closed;
  shell().app->on_feed_status(value, detail);
}
std::string state() {
  return shell().app->state_json();
}
void suggest_feed_url(const std::string& url) {
  shell().app->suggest_feed_url(url);
}
void load_synthetic(const std::string& size) {
  shell().app->load_synthetic(size);
}
void connect_feed(const std::string& url) {
  shell().app->connect_feed(url);
}
void start_simulation(double seed) {
  shell().app->start_simulation(static_cast<std::uint64_t>(seed));
}

EMSCRIPTEN_BINDINGS(lf_dashboard) {
  emscripten::function("openFile", &open_file);
  emscripten::function("feedMessage", &feed_message);
  emscripten::function("feedStatus", &feed_status);
  emscripten::function("state", &state);
  emscripten::function("suggestFeedUrl", &suggest_feed_url);
  emscripten::function("loadSynthetic", &load_synthetic);
  emscripten::function("connectFeed", &connect_feed);
  emscripten::function("startSimulation", &start_simulation);
  emscripten::function("setPastedText", &set_pasted_text);
}

}  // namespace
}  // namespace lf::web

int main() {
  using namespace lf::web;
  if (!glfwInit()) {
    EM_ASM({ Module.lfShell.fatal("GLFW could not start"); });
    return 1;
  }
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  Shell& s = shell();
  s.window = glfwCreateWindow(1280, 800, "LatticeForge", nullptr, nullptr);
  if (!s.window) {
    EM_ASM({ Module.lfShell.fatal("WebGL2 is not available in this browser"); });
    return 1;
  }
  glfwMakeContextCurrent(s.window);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // no file system; the layout is fixed anyway
  // Before ImGui's backend, which chains to it (ui/key_presses.hpp).
  lf::ui::capture_key_presses(s.window);
  ImGui_ImplGlfw_InitForOpenGL(s.window, true);
  ImGui_ImplOpenGL3_Init("#version 300 es");
  install_clipboard();

  s.app = std::make_unique<lf::ui::App>(s.platform);
  const bool empty = EM_ASM_INT({ return Module.lfShell.startEmpty ? 1 : 0; });
  if (!empty) s.app->open_default_workspace();
  EM_ASM({ Module.lfShell.ready(); });
  emscripten_set_main_loop_arg(frame, nullptr, 0, true);
  return 0;
}

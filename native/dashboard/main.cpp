// lf-dashboard: the desktop shell of the analyst dashboard (GLFW + OpenGL 3;
// the UI is the same code as the browser's, web/ui). For tests and scripted
// screenshots it can render a fixed number of frames, save the last one as a
// PNG and write the dashboard's state as JSON.
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "desktop_platform.hpp"
#include "ui/app.hpp"
#include "ui/framebuffer_capture.hpp"
#include "ui/key_presses.hpp"
#include "ui/png_writer.hpp"
#include "ui/theme.hpp"

namespace {

struct Options {
  std::vector<std::string> files;
  bool empty = false;
  std::string feed;
  std::string synthetic;
  std::string export_dir = ".";
  int width = 1600, height = 900;
  long frames = 0;  // 0: run until the window closes
  std::string screenshot;
  std::string state;
};

// Dropped paths are queued by GLFW's callback and opened in the frame, where
// the app may be changed.
std::vector<std::string> g_dropped;

void on_drop(GLFWwindow*, int count, const char** paths) {
  for (int i = 0; i < count; ++i) g_dropped.emplace_back(paths[i]);
}

void on_glfw_error(int code, const char* message) {
  std::fprintf(stderr, "lf-dashboard: GLFW error %d: %s\n", code, message);
}

bool write_text(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  return static_cast<bool>(out);
}

int run(const Options& options) {
  glfwSetErrorCallback(on_glfw_error);
  if (!glfwInit()) {
    std::fprintf(stderr, "lf-dashboard: no display (set DISPLAY, or run under xvfb-run)\n");
    return 1;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  GLFWwindow* window =
      glfwCreateWindow(options.width, options.height, "LatticeForge", nullptr, nullptr);
  if (!window) {
    std::fprintf(stderr, "lf-dashboard: could not open an OpenGL 3 window\n");
    glfwTerminate();
    return 1;
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(1);
  glfwSetDropCallback(window, on_drop);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // the layout is fixed; nothing to remember
  // Before ImGui's backend, which chains to it (ui/key_presses.hpp).
  lf::ui::capture_key_presses(window);
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 130");
  float scale_x = 1.0f, scale_y = 1.0f;
  glfwGetWindowContentScale(window, &scale_x, &scale_y);
  lf::ui::apply_theme(scale_x);

  lf::desktop::DesktopPlatform platform(options.export_dir);
  lf::ui::App app(platform);
  platform.attach(app);
  if (!options.empty) app.open_default_workspace();
  for (const auto& file : options.files) platform.open_path(file);
  if (!options.feed.empty()) platform.connect_feed(options.feed);
  if (!options.synthetic.empty()) app.load_synthetic(options.synthetic);

  int status = 0;
  for (long frame = 0; !glfwWindowShouldClose(window); ++frame) {
    glfwPollEvents();
    for (const auto& path : g_dropped) platform.open_path(path);
    g_dropped.clear();

    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    app.frame(glfwGetTime());
    ImGui::Render();
    int width = 0, height = 0;
    glfwGetFramebufferSize(window, &width, &height);
    glViewport(0, 0, width, height);
    glClearColor(0.07f, 0.08f, 0.10f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    app.after_render(width, height);

    const bool last = options.frames > 0 && frame + 1 >= options.frames;
    if (last && !options.screenshot.empty()) {
      const auto image = lf::ui::read_frame_rgba({0, 0, width, height}, width, height);
      auto png = lf::ui::encode_png(image.rgba, image.width, image.height);
      if (!png || !write_text(options.screenshot, *png)) {
        std::fprintf(stderr, "lf-dashboard: could not write %s\n", options.screenshot.c_str());
        status = 1;
      }
    }
    glfwSwapBuffers(window);
    if (last) break;
  }

  if (!options.state.empty() && !write_text(options.state, app.state_json())) {
    std::fprintf(stderr, "lf-dashboard: could not write %s\n", options.state.c_str());
    status = 1;
  }
  platform.disconnect_feed();
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  CLI::App cli{
      "LatticeForge dashboard (desktop): live signals, detectors, fusion, causal "
      "structure, risk and verification, analysed locally"};
  cli.add_option("files", options.files, "CSV or TCPD JSON files (or PCS/receipt JSON) to open");
  cli.add_flag("--empty", options.empty, "start without the demo dataset and the simulated stream");
  cli.add_option("--feed", options.feed,
                 "live feed to connect at start (Server-Sent Events URL, e.g. "
                 "http://localhost:8080/v1/stream)");
  cli.add_option("--synthetic", options.synthetic,
                 "add synthetic series COUNTxPOINTS, e.g. 16x1000000 (a capacity check)");
  cli.add_option("--export-dir", options.export_dir, "where exports are written")
      ->capture_default_str()
      ->check(CLI::ExistingDirectory);
  cli.add_option("--width", options.width, "window width")
      ->capture_default_str()
      ->check(CLI::Range(320, 16384));
  cli.add_option("--height", options.height, "window height")
      ->capture_default_str()
      ->check(CLI::Range(240, 16384));
  cli.add_option("--frames", options.frames, "render this many frames, then exit (0: until closed)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  cli.add_option("--screenshot", options.screenshot, "save the last frame as PNG (with --frames)");
  cli.add_option("--state", options.state, "write the dashboard's state as JSON on exit");
  CLI11_PARSE(cli, argc, argv);
  if (!options.screenshot.empty() && options.frames == 0) {
    std::fprintf(stderr, "lf-dashboard: --screenshot needs --frames N\n");
    return 2;
  }
  return run(options);
}

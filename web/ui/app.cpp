#include "ui/app.hpp"

#include <imgui.h>

#include <nlohmann/json.hpp>

#include "ui/alerts_export.hpp"
#include "ui/demo_dataset.hpp"
#include "ui/framebuffer_capture.hpp"
#include "ui/key_presses.hpp"
#include "ui/png_writer.hpp"
#include "ui/synthetic_series.hpp"

namespace lf::ui {
namespace {

constexpr std::uint64_t kDefaultSeed = 42;

// Fixed panes that reflow with the window: analysts get the same layout on
// every screen, and the browser and desktop shells look alike.
void open_pane_window(const char* title, Pane pane) {
  ImGui::SetNextWindowPos(pane.pos, ImGuiCond_Always);
  ImGui::SetNextWindowSize(pane.size, ImGuiCond_Always);
  ImGui::Begin(title, nullptr,
               ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);
}

}  // namespace

App::App(Platform& platform) : platform_(platform), live_(platform, workspace_, notifications_) {}

void App::open_default_workspace() {
  load_demo();
  live_.start_simulation(kDefaultSeed);
}

void App::load_demo() {
  open_file(demo_dataset_name(), demo_dataset_text());
  // The defaults' windows (100 samples of baseline) are longer than the
  // Nile's whole century: the demo uses the short windows `make demo`'s CLI
  // run uses, which flag the 1898 change.
  const std::vector<DetectorChoice> nile_detectors{
      {"phase_transition",
       {{"short_window", 5}, {"baseline_window", 10}, {"threshold", 3}, {"trend_window", 2}}},
      {"variance_compression",
       {{"short_window", 5},
        {"baseline_window", 15},
        {"low_ratio", 0.25},
        {"high_ratio", 2},
        {"min_duration", 3}}}};
  const auto all = workspace_.series();
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (all[i].origin == demo_dataset_name()) (void)workspace_.set_detectors(i, nile_detectors);
  }
}

void App::load_synthetic(std::string_view size_text) {
  auto size = parse_synthetic_size(size_text);
  if (!size) return notifications_.error("synthetic series", size.error());
  for (auto& series : synthetic_series(*size, kDefaultSeed)) {
    if (auto status = workspace_.add_series(std::move(series)); !status) {
      return notifications_.error("synthetic series", status.error());
    }
  }
  notifications_.info(std::string("synthetic series loaded: ") + std::string(size_text));
}

void App::open_file(std::string_view name, std::string_view bytes) {
  const std::string file(name);
  switch (classify_file(name, bytes)) {
    case FileKind::json_document:
      verify_.open_document(name, bytes);
      notifications_.info(file + ": opened in the Verification panel");
      return;
    case FileKind::tcpd: {
      auto series = read_tcpd_series(bytes, file);
      if (!series) return notifications_.error(file, series.error());
      for (auto& s : *series) {
        if (auto status = workspace_.add_series(std::move(s)); !status) {
          notifications_.error(file, status.error());
        }
      }
      notifications_.info(file + ": " + std::to_string(series->size()) + " series loaded");
      return;
    }
    case FileKind::csv: {
      auto header = csv_columns(bytes);
      if (!header) return notifications_.error(file, header.error());
      csv_ = CsvImport{file, std::string(bytes), *header, default_csv_choice(*header)};
      reimport_csv();
      return;
    }
  }
}

void App::reimport_csv() {
  auto series = read_csv_series(csv_->text, csv_->choice, csv_->file_name);
  if (!series) return notifications_.error(csv_->file_name, series.error());
  std::size_t loaded = 0;
  for (auto& s : *series) {
    const std::string name = s.name;
    if (auto status = workspace_.add_series(std::move(s)); !status) {
      notifications_.error(csv_->file_name + ", column " + name, status.error());
    } else {
      ++loaded;
    }
  }
  notifications_.info(csv_->file_name + ": " + std::to_string(loaded) + " series loaded");
}

void App::export_alerts_csv() {
  const auto where =
      platform_.save_file("latticeforge-alerts.csv", "text/csv", alerts_csv(workspace_));
  notifications_.info("alerts exported to " + where);
}

void App::export_alerts_json() {
  const auto where =
      platform_.save_file("latticeforge-alerts.json", "application/json", alerts_json(workspace_));
  notifications_.info("alerts exported to " + where);
}

void App::run(Command command) {
  switch (command) {
    case Command::open_file: platform_.open_file_picker(); break;
    case Command::load_demo: load_demo(); break;
    case Command::toggle_simulation:
      if (live_.simulation_running()) {
        live_.stop_simulation();
      } else {
        live_.start_simulation(kDefaultSeed);
      }
      break;
    case Command::reset_views: signals_.reset_views(); break;
    case Command::export_alerts_csv: export_alerts_csv(); break;
    case Command::export_alerts_json: export_alerts_json(); break;
    case Command::export_plot_png: png_requested_ = true; break;
    case Command::toggle_help: help_open_ = !help_open_; break;
  }
}

void App::handle_shortcuts() {
  for (const auto& shortcut : shortcuts()) {
    if (shortcut_pressed(shortcut.command)) run(shortcut.command);
  }
}

void App::draw_menu_bar() {
  if (!ImGui::BeginMainMenuBar()) return;
  if (ImGui::BeginMenu("File")) {
    if (ImGui::MenuItem("Open...", "Ctrl+O")) run(Command::open_file);
    if (ImGui::MenuItem("Demo dataset", "D")) run(Command::load_demo);
    ImGui::Separator();
    if (ImGui::MenuItem("Export alerts as CSV", "E")) run(Command::export_alerts_csv);
    if (ImGui::MenuItem("Export alerts as JSON", "J")) run(Command::export_alerts_json);
    if (ImGui::MenuItem("Export plots as PNG", "P")) run(Command::export_plot_png);
    ImGui::Separator();
    if (ImGui::MenuItem("Clear workspace")) workspace_.clear();
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Live")) {
    if (ImGui::MenuItem("Simulated stream", "S", live_.simulation_running())) {
      run(Command::toggle_simulation);
    }
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("View")) {
    if (ImGui::MenuItem("Reset zoom", "R")) run(Command::reset_views);
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Help")) {
    if (ImGui::MenuItem("Keyboard shortcuts", "F1")) run(Command::toggle_help);
    ImGui::EndMenu();
  }
  ImGui::SameLine(ImGui::GetWindowWidth() - ImGui::GetFontSize() * 22.0f);
  ImGui::TextDisabled("LatticeForge %s  %.0f fps", std::string(platform_.name()).c_str(), fps_);
  ImGui::EndMainMenuBar();
}

void App::draw_layout() {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const ImVec2 origin = viewport->WorkPos;
  const ImVec2 size = viewport->WorkSize;
  const float left = size.x * 0.24f, right = size.x * 0.30f, centre = size.x - left - right;
  const float x0 = origin.x, x1 = x0 + left, x2 = x1 + centre, y0 = origin.y;
  layout_.clear();
  const auto begin_pane = [&](const char* title, Pane pane) {
    layout_.push_back({title, pane});
    open_pane_window(title, pane);
  };

  begin_pane("Data", {{x0, y0}, {left, size.y * 0.30f}});
  const auto data = draw_data_panel(workspace_, csv_ ? &*csv_ : nullptr);
  ImGui::End();
  begin_pane("Live", {{x0, y0 + size.y * 0.30f}, {left, size.y * 0.20f}});
  live_.draw();
  ImGui::End();
  begin_pane("Detectors", {{x0, y0 + size.y * 0.50f}, {left, size.y * 0.50f}});
  detectors_.draw(workspace_, notifications_);
  ImGui::End();

  begin_pane("Signals", {{x1, y0}, {centre, size.y * 0.68f}});
  signals_.draw(workspace_, live_.simulated_regimes());
  ImGui::End();
  begin_pane("Alerts", {{x1, y0 + size.y * 0.68f}, {centre, size.y * 0.32f}});
  if (const auto clicked = alerts_.draw(workspace_)) {
    const Series& series = workspace_.series()[clicked->series];
    signals_.focus(series, series.alerts[clicked->alert].timestamp);
    detectors_.select(clicked->series);
  }
  ImGui::End();

  begin_pane("Analysis", {{x2, y0}, {right, size.y}});
  if (ImGui::BeginTabBar("analysis")) {
    if (ImGui::BeginTabItem("Fusion")) {
      fusion_.draw(workspace_);
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem("Causal")) {
      causal_.draw(workspace_);
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem("Risk")) {
      risk_.draw(workspace_);
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem("Verification")) {
      verify_.draw(workspace_);
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
  ImGui::End();

  switch (data.action) {
    case DataAction::none: break;
    case DataAction::open_file: run(Command::open_file); break;
    case DataAction::load_demo: run(Command::load_demo); break;
    case DataAction::reimport_csv: reimport_csv(); break;
    case DataAction::clear: workspace_.clear(); break;
  }
  if (data.remove_series) workspace_.remove_series(*data.remove_series);
}

void App::frame(double now) {
  if (frames_ > 0 && now > now_) fps_ = 0.9 * fps_ + 0.1 / (now - now_);
  now_ = now;
  ++frames_;
  notifications_.set_clock(now);
  live_.tick(now);
  begin_key_frame();
  handle_shortcuts();
  draw_menu_bar();
  draw_layout();
  platform_.draw();
  draw_help_overlay(help_open_);
  notifications_.draw();
}

void App::after_render(int framebuffer_width, int framebuffer_height) {
  if (!png_requested_) return;
  png_requested_ = false;
  // ImGui coordinates are framebuffer pixels times the display scale.
  const ImVec2 scale = ImGui::GetIO().DisplayFramebufferScale;
  const ImVec2 min = signals_.plots_min(), max = signals_.plots_max();
  const PixelRect rect{static_cast<int>(min.x * scale.x), static_cast<int>(min.y * scale.y),
                       static_cast<int>((max.x - min.x) * scale.x),
                       static_cast<int>((max.y - min.y) * scale.y)};
  const FrameImage image = read_frame_rgba(rect, framebuffer_width, framebuffer_height);
  if (image.rgba.empty()) return notifications_.error("plot export: the plots are not on screen");
  auto png = encode_png(image.rgba, image.width, image.height);
  if (!png) return notifications_.error("plot export", png.error());
  const auto where = platform_.save_file("latticeforge-plots.png", "image/png", *png);
  notifications_.info("plots exported to " + where);
}

std::string App::state_json() const {
  nlohmann::json series = nlohmann::json::array();
  for (const auto& s : workspace_.series()) {
    nlohmann::json detectors = nlohmann::json::array();
    for (const auto& d : s.detectors) {
      nlohmann::json parameters = nlohmann::json::object();
      for (const auto& p : d.overrides) parameters[p.name] = p.value;
      detectors.push_back({{"name", d.name}, {"parameters", parameters}});
    }
    series.push_back({{"name", s.name},
                      {"origin", s.origin},
                      {"live", s.live},
                      {"samples", s.values.size()},
                      {"missing", s.missing},
                      {"detectors", detectors},
                      {"detection", nlohmann::json::parse(detection_json(s), nullptr, false)},
                      {"error", s.analysis_error}});
  }
  // Pane rectangles as fractions of the display: the same in every shell.
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  nlohmann::json layout = nlohmann::json::array();
  for (const auto& [title, pane] : layout_) {
    layout.push_back({{"pane", title},
                      {"x", pane.pos.x / display.x},
                      {"y", pane.pos.y / display.y},
                      {"width", pane.size.x / display.x},
                      {"height", pane.size.y / display.y}});
  }
  nlohmann::json notices = nlohmann::json::array();
  for (const auto& n : notifications_.log()) {
    notices.push_back(
        {{"level", n.level == NoticeLevel::error ? "error" : "info"}, {"text", n.text}});
  }
  const nlohmann::json state = {{"platform", std::string(platform_.name())},
                                {"frames", frames_},
                                {"fps", fps_},
                                {"series", series},
                                {"live", live_.snapshot()},
                                {"panels",
                                 {{"fusion", fusion_.snapshot()},
                                  {"causal", causal_.snapshot()},
                                  {"risk", risk_.snapshot()},
                                  {"verify", verify_.snapshot()}}},
                                {"notifications", notices},
                                {"layout", layout},
                                {"help_open", help_open_}};
  return state.dump();
}

}  // namespace lf::ui

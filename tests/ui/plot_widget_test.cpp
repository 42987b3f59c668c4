// The plot widget driven headless: ImGui runs without a window or GL (it only
// builds draw lists), the tests set its mouse state frame by frame like a
// backend would, and check the ranges against view_math's analytic results.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "ui/plot/plot.hpp"

using namespace lf::ui::plot;

namespace {

class HeadlessImGui {
 public:
  HeadlessImGui() : context_(ImGui::CreateContext()) {
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1000.0f, 700.0f);
    io.DeltaTime = 1.0f / 60.0f;
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);  // builds the default font
  }
  ~HeadlessImGui() { ImGui::DestroyContext(context_); }
  HeadlessImGui(const HeadlessImGui&) = delete;
  HeadlessImGui& operator=(const HeadlessImGui&) = delete;

  // One frame with `body` inside a window covering the display.
  template <class Body>
  void frame(Body&& body) {
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0.0f, 0.0f));
    ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
    ImGui::Begin("plots", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove);
    body();
    ImGui::End();
    ImGui::Render();
  }

  void mouse(ImVec2 at) { ImGui::GetIO().MousePos = at; }
  void button(ImGuiMouseButton b, bool down) { ImGui::GetIO().MouseDown[b] = down; }

 private:
  ImGuiContext* context_;
};

struct Series {
  std::vector<double> x;
  MinMaxPyramid y;
  Line line(ImU32 color = palette_color(0)) const { return {"series", x, y.values(), &y, color}; }
};

Series ramp(double x0, double x1, std::size_t n) {
  Series s;
  std::vector<double> y;
  for (std::size_t i = 0; i < n; ++i) {
    const double x = x0 + (x1 - x0) * static_cast<double>(i) / static_cast<double>(n - 1);
    s.x.push_back(x);
    y.push_back(x * x);
  }
  s.y.append(y);
  return s;
}

// A plot with a fixed y-range (no auto-fit), so that the y labels, hence the
// plot area, stay put while the tests move x.
struct OnePlot {
  Series series = ramp(0.0, 1000.0, 1001);
  std::vector<Marker> markers;
  LinkedX x;
  PlotState state;
  PlotResult result;

  OnePlot() {
    x.range = {0.0, 1000.0};
    x.fit_pending = false;
    state.y = {0.0, 1e6};
    state.auto_fit_y = false;
  }
  void draw(HeadlessImGui& ui) {
    const Line lines[] = {series.line()};
    ui.frame([&] { result = draw_plot("one", ImVec2(900, 400), lines, markers, {}, x, state); });
  }
  double pixels() const { return result.plot_max.x - result.plot_min.x; }
};

}  // namespace

TEST_SUITE("plot_widget") {
  TEST_CASE("linked plots fit x to the union of their data") {
    HeadlessImGui ui;
    const Series a = ramp(0.0, 10.0, 50), b = ramp(5.0, 30.0, 80);
    LinkedX x;
    PlotState state_a, state_b;
    const auto draw = [&](bool request_between) {
      const Line la[] = {a.line()}, lb[] = {b.line()};
      ui.frame([&] {
        draw_plot("a", ImVec2(-1, 200), la, {}, {}, x, state_a);
        if (request_between) x.fit_pending = true;  // e.g. a double click in plot b
        draw_plot("b", ImVec2(-1, 200), lb, {}, {}, x, state_b);
      });
    };
    for (int i = 0; i < 3; ++i) draw(false);
    CHECK_FALSE(x.fit_pending);
    CHECK(x.range.min < 0.0);
    CHECK(x.range.min > -2.0);
    CHECK(x.range.max > 30.0);
    CHECK(x.range.max < 32.0);
    const Range fitted = x.range;

    // A fit requested after plot a was drawn still includes plot a's data.
    x.range = {100.0, 200.0};
    draw(true);
    for (int i = 0; i < 3; ++i) draw(false);
    CHECK_FALSE(x.fit_pending);
    CHECK(x.range.min == fitted.min);
    CHECK(x.range.max == fitted.max);

    // y auto-fits each plot to its own visible data: x^2 over [0, 10].
    CHECK(state_a.y.min <= 0.0);
    CHECK(state_a.y.max >= 100.0);
    CHECK(state_a.y.max < 110.0);
  }

  TEST_CASE("a plot without data keeps the fit pending") {
    HeadlessImGui ui;
    LinkedX x;
    PlotState state;
    for (int i = 0; i < 4; ++i)
      ui.frame([&] { draw_plot("empty", ImVec2(-1, 200), {}, {}, {}, x, state); });
    CHECK(x.fit_pending);
    CHECK(x.range.min == 0.0);
    CHECK(x.range.max == 1.0);
  }

  TEST_CASE("mouse wheel zooms x about the cursor, Ctrl + wheel zooms y") {
    HeadlessImGui ui;
    OnePlot plot;
    const ImVec2 at(400.0f, 150.0f);
    ui.mouse(at);
    plot.draw(ui);
    plot.draw(ui);
    REQUIRE(plot.result.hovered);
    const Range before = plot.x.range;
    const ImVec2 lo = plot.result.plot_min, hi = plot.result.plot_max;

    ImGui::GetIO().MouseWheel = 1.0f;
    plot.draw(ui);
    CHECK(width(plot.x.range) == doctest::Approx(width(before) * kWheelZoomStep));
    CHECK(to_value(at.x, plot.x.range, lo.x, hi.x) ==
          doctest::Approx(to_value(at.x, before, lo.x, hi.x)));
    CHECK(plot.state.y.max == 1e6);

    const Range y_before = plot.state.y;
    ImGui::GetIO().KeyCtrl = true;
    ImGui::GetIO().MouseWheel = -1.0f;
    plot.draw(ui);
    ImGui::GetIO().KeyCtrl = false;
    CHECK(width(plot.state.y) == doctest::Approx(width(y_before) / kWheelZoomStep));
    CHECK(to_value(at.y, plot.state.y, hi.y, lo.y) ==
          doctest::Approx(to_value(at.y, y_before, hi.y, lo.y)));
  }

  TEST_CASE("left drag pans by the dragged pixels") {
    HeadlessImGui ui;
    OnePlot plot;
    ui.mouse(ImVec2(400.0f, 200.0f));
    plot.draw(ui);
    plot.draw(ui);
    const Range before = plot.x.range;
    ui.button(ImGuiMouseButton_Left, true);
    plot.draw(ui);
    ui.mouse(ImVec2(450.0f, 200.0f));
    plot.draw(ui);
    ui.mouse(ImVec2(500.0f, 200.0f));
    plot.draw(ui);
    ui.button(ImGuiMouseButton_Left, false);
    plot.draw(ui);
    CHECK(plot.x.range.min == doctest::Approx(before.min - 100.0 * width(before) / plot.pixels()));
    CHECK(width(plot.x.range) == doctest::Approx(width(before)));
    CHECK(plot.state.y.min == 0.0);
    CHECK(plot.state.y.max == 1e6);
  }

  TEST_CASE("right drag zooms to the box") {
    HeadlessImGui ui;
    OnePlot plot;
    const ImVec2 a(300.0f, 100.0f), b(500.0f, 300.0f);
    ui.mouse(a);
    plot.draw(ui);
    plot.draw(ui);
    const Range x_before = plot.x.range, y_before = plot.state.y;
    const ImVec2 lo = plot.result.plot_min, hi = plot.result.plot_max;
    ui.button(ImGuiMouseButton_Right, true);
    plot.draw(ui);
    ui.mouse(ImVec2(400.0f, 200.0f));
    plot.draw(ui);
    ui.mouse(b);
    plot.draw(ui);
    ui.button(ImGuiMouseButton_Right, false);
    plot.draw(ui);
    const Range x_box = range_between_pixels(x_before, a.x, b.x, lo.x, hi.x);
    const Range y_box = range_between_pixels(y_before, a.y, b.y, hi.y, lo.y);
    CHECK(plot.x.range.min == doctest::Approx(x_box.min));
    CHECK(plot.x.range.max == doctest::Approx(x_box.max));
    CHECK(plot.state.y.min == doctest::Approx(y_box.min));
    CHECK(plot.state.y.max == doctest::Approx(y_box.max));
  }

  TEST_CASE("double click resets: x fits the data, y auto-fits again") {
    HeadlessImGui ui;
    OnePlot plot;
    plot.x.range = {400.0, 420.0};
    ui.mouse(ImVec2(400.0f, 200.0f));
    plot.draw(ui);
    plot.draw(ui);
    for (int click = 0; click < 2; ++click) {
      ui.button(ImGuiMouseButton_Left, true);
      plot.draw(ui);
      ui.button(ImGuiMouseButton_Left, false);
      plot.draw(ui);
    }
    for (int i = 0; i < 3; ++i) plot.draw(ui);
    CHECK(plot.state.auto_fit_y);
    CHECK_FALSE(plot.x.fit_pending);
    CHECK(plot.x.range.min < 0.0);
    CHECK(plot.x.range.max > 1000.0);
    CHECK(plot.state.y.max >= 1e6);  // x^2 up to x = 1000
  }

  TEST_CASE("clicking a marker returns its index; clicking elsewhere does not") {
    HeadlessImGui ui;
    OnePlot plot;
    plot.markers = {{250.0, IM_COL32(255, 0, 0, 255), "first"},
                    {500.0, IM_COL32(255, 0, 0, 255), "second"}};
    ui.mouse(ImVec2(100.0f, 200.0f));
    plot.draw(ui);
    plot.draw(ui);
    const auto click_at = [&](float px) {
      ui.mouse(ImVec2(px, 200.0f));
      plot.draw(ui);
      ui.button(ImGuiMouseButton_Left, true);
      plot.draw(ui);
      CHECK(plot.result.clicked_marker == -1);
      ui.button(ImGuiMouseButton_Left, false);
      plot.draw(ui);
      return plot.result.clicked_marker;
    };
    const double marker_px =
        to_pixel(500.0, plot.x.range, plot.result.plot_min.x, plot.result.plot_max.x);
    CHECK(click_at(static_cast<float>(marker_px) + 1.0f) == 1);
    // Wait out the double-click time, then click away from both markers.
    ImGui::GetIO().DeltaTime = 1.0f;
    plot.draw(ui);
    ImGui::GetIO().DeltaTime = 1.0f / 60.0f;
    CHECK(click_at(static_cast<float>(marker_px) + 60.0f) == -1);
  }

  TEST_CASE("a million samples cost a bounded number of vertices") {
    // Per-frame cost must not grow with the number of points: at most four
    // points per pixel column, each at most four vertices.
    HeadlessImGui ui;
    Series dense;
    std::vector<double> y;
    for (std::uint64_t i = 0; i < 1'000'000; ++i) {
      dense.x.push_back(static_cast<double>(i));
      // A slow sine plus jitter, so that every column has a vertical extent.
      y.push_back(std::sin(static_cast<double>(i) * 0.001) +
                  static_cast<double>(i * 7919 % 101) * 0.01);
    }
    dense.y.append(y);
    LinkedX x;
    PlotState state;
    PlotResult result;
    const auto vertices = [&](std::span<const Line> lines) {
      ui.frame([&] { result = draw_plot("dense", ImVec2(900, 400), lines, {}, {}, x, state); });
      return ImGui::GetDrawData()->TotalVtxCount;
    };
    const Line lines[] = {dense.line()};
    for (int i = 0; i < 3; ++i) vertices(lines);  // fit x and y
    const int with_line = vertices(lines);
    const int without = vertices({});
    const double columns = result.plot_max.x - result.plot_min.x;
    CHECK(with_line - without >= 2 * columns);
    CHECK(with_line - without <= 16 * columns);
  }

  TEST_CASE("a still plot redraws the same picture, and new data a new one") {
    HeadlessImGui ui;
    OnePlot plot;
    std::vector<double> values(plot.series.x.size());
    const auto refill = [&](double phase) {
      for (std::size_t i = 0; i < values.size(); ++i)
        values[i] = 5e5 + 4e5 * std::sin(i * 0.01 + phase);
      plot.series.y.clear();
      plot.series.y.append(values);  // same length, same storage
    };
    const auto vertices = [&] {
      const ImDrawList* list = ImGui::GetDrawData()->CmdLists[0];
      return std::vector<ImDrawVert>(list->VtxBuffer.begin(), list->VtxBuffer.end());
    };
    const auto same = [](const std::vector<ImDrawVert>& a, const std::vector<ImDrawVert>& b) {
      return a.size() == b.size() &&
             std::equal(a.begin(), a.end(), b.begin(),
                        [](auto& p, auto& q) { return p.pos.x == q.pos.x && p.pos.y == q.pos.y; });
    };
    refill(0.0);
    plot.draw(ui);
    plot.draw(ui);
    const std::vector<ImDrawVert> first = vertices();
    plot.draw(ui);
    CHECK(same(vertices(), first));
    refill(1.0);
    plot.draw(ui);
    CHECK_FALSE(same(vertices(), first));
  }

  TEST_CASE("focus centres the shared range and keeps its width") {
    LinkedX x;
    x.range = {0.0, 10.0};
    x.fit_pending = true;
    focus(x, 100.0);
    CHECK(x.range.min == 95.0);
    CHECK(x.range.max == 105.0);
    CHECK_FALSE(x.fit_pending);
  }

  TEST_CASE("palette colours are opaque, distinct and wrap around") {
    for (std::size_t i = 0; i < kPaletteSize; ++i) {
      CHECK((palette_color(i) >> IM_COL32_A_SHIFT) == 0xFF);
      for (std::size_t j = 0; j < i; ++j) CHECK(palette_color(i) != palette_color(j));
    }
    CHECK(palette_color(kPaletteSize + 3) == palette_color(3));
  }
}

// Tick steps and labels against hand-derived values of the documented rule:
// the smallest {1, 2, 5} x 10^k >= width / max_ticks.
#include "ui/plot/ticks.hpp"

#include <doctest/doctest.h>

#include <array>
#include <cmath>
#include <string>

using namespace lf::ui::plot;

namespace {

std::string label(double value, double step, std::size_t size = 64) {
  std::array<char, 64> out{};
  format_tick(value, step, std::span<char>(out.data(), size));
  return out.data();
}

}  // namespace

TEST_SUITE("plot_ticks") {
  TEST_CASE("nice steps for known ranges") {
    CHECK(nice_step(7.3, 5) == 2.0);        // 1.46 -> 2
    CHECK(nice_step(7.3, 8) == 1.0);        // 0.9125 -> 1
    CHECK(nice_step(0.0032, 5) == 0.001);   // [0.001, 0.0042]: 0.00064 -> 0.001
    CHECK(nice_step(0.0032, 8) == 0.0005);  // 0.0004 -> 0.0005
    CHECK(nice_step(100.0, 10) == 10.0);    // exactly a power of ten
    CHECK(nice_step(1.0, 1) == 1.0);
    CHECK(nice_step(9.9e6, 4) == 5e6);  // 2.475e6 -> 5e6
    CHECK(nice_step(0.3, 1) == 0.5);
    CHECK(nice_step(3600.0, 6) == 1000.0);  // 600 -> 1000
  }

  TEST_CASE("every step is the smallest nice value that fits") {
    for (double w = 1e-7; w < 1e9; w *= 1.37) {
      for (int max_ticks : {1, 3, 5, 8, 13}) {
        const double step = nice_step(w, max_ticks);
        CAPTURE(w);
        CAPTURE(max_ticks);
        CHECK(w / step <= max_ticks * (1 + 1e-12));
        // Its mantissa is 1, 2 or 5.
        const double mantissa = step / std::pow(10.0, std::floor(std::log10(step) + 1e-9));
        const bool nice = std::abs(mantissa - 1) < 1e-9 || std::abs(mantissa - 2) < 1e-9 ||
                          std::abs(mantissa - 5) < 1e-9;
        CHECK(nice);
        // The next smaller nice value (5 -> 2, 2 -> 1, 1 -> 0.5) would not fit.
        const double smaller = std::abs(mantissa - 5) < 1e-9 ? step * 0.4 : step * 0.5;
        CHECK(w / smaller > max_ticks * (1 - 1e-12));
      }
    }
  }

  TEST_CASE("ticks are the multiples of the step inside the range") {
    const Ticks a = ticks_for({0.0, 7.3}, 5);
    CHECK(a.step == 2.0);
    REQUIRE(a.count == 4);
    CHECK(a.value(0) == 0.0);
    CHECK(a.value(3) == 6.0);

    const Ticks b = ticks_for({-1.0, 1.0}, 4);
    CHECK(b.step == 0.5);
    REQUIRE(b.count == 5);
    CHECK(b.value(0) == -1.0);
    CHECK(b.value(2) == 0.0);
    CHECK(b.value(4) == 1.0);

    const Ticks c = ticks_for({0.001, 0.0042}, 8);
    CHECK(c.step == 0.0005);
    REQUIRE(c.count == 7);  // 0.001, 0.0015, ..., 0.004
    CHECK(c.value(0) == doctest::Approx(0.001));
    CHECK(c.value(6) == doctest::Approx(0.004));

    // Far from zero: epoch seconds, one-hour view.
    const Ticks d = ticks_for({1.7e9, 1.7e9 + 3600.0}, 6);
    CHECK(d.step == 1000.0);
    REQUIRE(d.count == 4);
    CHECK(d.value(0) == 1.7e9);
  }

  TEST_CASE("labels carry the decimals the step needs") {
    CHECK(label(2.0, 1.0) == "2");
    CHECK(label(1500.0, 500.0) == "1500");
    CHECK(label(1.5, 0.5) == "1.5");
    CHECK(label(0.0015, 0.0005) == "0.0015");
    CHECK(label(-0.25, 0.05) == "-0.25");
    CHECK(label(-1e-17, 0.1) == "0.0");  // rounding noise around zero
    CHECK(label(1.23e12, 1e10) == "1.23e+12");
    CHECK(label(3e-7, 1e-7) == "3e-07");
    CHECK(label(12345.0, 1.0, 4) == "123");  // truncated, still terminated
  }
}

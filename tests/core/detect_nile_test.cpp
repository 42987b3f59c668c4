// Real data: the Nile's annual flow at Aswan, 1871-1970 (TCPD "nile"), whose
// annotated change point is 1898, index 28 (the first Aswan dam; Cobb 1978).
// The parameters suit a 100-sample annual series: windows of a few years, and
// for the phase detector a two-year trend.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "lf/detect/registry.hpp"
#include "lf/signal/tcpd.hpp"

using namespace lf::detect;

namespace {

std::vector<double> nile_flow() {
  std::ifstream in(LF_TEST_DATA_DIR "/tcpd/nile.json");
  REQUIRE(in.good());
  std::stringstream text;
  text << in.rdbuf();
  auto tcpd = lf::signal::read_tcpd(text.str());
  REQUIRE(tcpd.ok());
  return tcpd->table.columns.at(0);
}

std::vector<Alert> run(std::string_view name, const ParameterList& params) {
  auto detector = make_detector(name, params);
  REQUIRE(detector.ok());
  REQUIRE((*detector)->push(nile_flow()).ok());
  return (*detector)->take_alerts();
}

bool has_alert_near(const std::vector<Alert>& alerts, std::string_view kind, std::size_t index,
                    std::size_t tolerance) {
  for (const auto& a : alerts) {
    if (a.kind == kind && a.index + tolerance >= index && a.index <= index + tolerance) return true;
  }
  return false;
}

}  // namespace

TEST_SUITE("detect") {
  TEST_CASE("Nile: the phase-transition detector fires near the 1898 change") {
    const auto alerts =
        run("phase_transition",
            {{"short_window", 5}, {"baseline_window", 10}, {"threshold", 3}, {"trend_window", 2}});
    REQUIRE_FALSE(alerts.empty());
    CHECK(has_alert_near(alerts, "phase_transition", 28, 5));
    CHECK(alerts.front().index >= 23);  // nothing spurious before the change
  }

  TEST_CASE("Nile: variance compresses before 1898 and expands at it") {
    const auto alerts = run("variance_compression", {{"short_window", 5},
                                                     {"baseline_window", 15},
                                                     {"low_ratio", 0.25},
                                                     {"high_ratio", 2},
                                                     {"min_duration", 3}});
    REQUIRE(alerts.size() >= 2);
    CHECK(alerts[0].kind == "compression");
    CHECK(alerts[0].index < 28);
    CHECK(has_alert_near(alerts, "expansion", 28, 5));
  }
}

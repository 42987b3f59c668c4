// The workspace against the core's own entry points: a loaded series is
// analysed exactly as the detect route analyses it, and a live series fed in
// chunks raises exactly the alerts of the whole series run at once (the
// detectors' batch == streaming property, through the dashboard's plumbing).
#include "ui/workspace.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "lf/api/dispatch.hpp"
#include "ui/alerts_export.hpp"

namespace {

using lf::ui::Series;
using lf::ui::Workspace;

// A level shift with a variance change at 300: both default detectors fire.
Series shifted_series() {
  Series s;
  s.name = "shift";
  s.origin = "test";
  for (int i = 0; i < 600; ++i) {
    const double noise = std::sin(i * 12.9898) * 0.5;
    s.timestamps.push_back(i);
    s.values.push_back(i < 300 ? noise * 0.2 : 3.0 + noise * 2.0);
  }
  s.detectors = lf::ui::default_detectors();
  return s;
}

std::string detect_request(const Series& s) {
  nlohmann::json detectors = nlohmann::json::array();
  for (const auto& d : s.detectors) detectors.push_back({{"name", d.name}});
  return nlohmann::json{{"series", {{"values", s.values}, {"timestamps", s.timestamps}}},
                        {"detectors", detectors}}
      .dump();
}

}  // namespace

TEST_SUITE("ui_workspace") {
  TEST_CASE("a loaded series is analysed as the detect route analyses it") {
    Workspace workspace;
    const Series input = shifted_series();
    REQUIRE(workspace.add_series(input));
    const auto route = lf::api::dispatch("detect", detect_request(input));
    REQUIRE(route.status == 200);
    const auto expected = nlohmann::json::parse(route.body);
    const auto shown = nlohmann::json::parse(lf::ui::detection_json(workspace.series()[0]));
    CHECK(shown == expected);
    CHECK_FALSE(expected["alerts"].empty());
  }

  TEST_CASE("a live series fed in chunks raises the alerts of the whole series") {
    const Series whole = shifted_series();
    Workspace batch;
    REQUIRE(batch.add_series(whole));

    Workspace live;
    REQUIRE(live.add_live_series("shift", "feed", whole.detectors));
    for (std::size_t start = 0; start < whole.values.size(); start += 37) {
      const std::size_t n = std::min<std::size_t>(37, whole.values.size() - start);
      REQUIRE(live.append_live(0, std::span(whole.timestamps).subspan(start, n),
                               std::span(whole.values).subspan(start, n)));
    }
    CHECK(live.series()[0].alerts == batch.series()[0].alerts);
    CHECK(live.series()[0].pyramid.size() == whole.values.size());
  }

  TEST_CASE("changing a live series' detectors replays its samples") {
    const Series whole = shifted_series();
    Workspace live;
    REQUIRE(live.add_live_series("shift", "feed", {}));
    REQUIRE(live.append_live(0, whole.timestamps, whole.values));
    CHECK(live.series()[0].alerts.empty());
    REQUIRE(live.set_detectors(0, whole.detectors));
    Workspace batch;
    REQUIRE(batch.add_series(whole));
    CHECK(live.series()[0].alerts == batch.series()[0].alerts);
  }

  TEST_CASE("bad samples are refused with a typed error and change nothing") {
    Workspace workspace;
    Series bad = shifted_series();
    bad.values[10] = std::nan("");
    auto status = workspace.add_series(bad);
    REQUIRE_FALSE(status);
    CHECK(status.error().code == lf::ErrorCode::non_finite_value);
    CHECK(workspace.series().empty());

    Series unordered = shifted_series();
    unordered.timestamps[20] = unordered.timestamps[19];
    status = workspace.add_series(unordered);
    REQUIRE_FALSE(status);
    CHECK(status.error().code == lf::ErrorCode::non_increasing_timestamp);

    REQUIRE(workspace.add_live_series("live", "feed", {}));
    const double t1[] = {5.0, 6.0}, v1[] = {1.0, 2.0};
    REQUIRE(workspace.append_live(0, t1, v1));
    const std::size_t revision = workspace.revision();
    const double t2[] = {6.0, 7.0}, v2[] = {1.0, 2.0};  // 6 repeats the last timestamp
    status = workspace.append_live(0, t2, v2);
    REQUIRE_FALSE(status);
    CHECK(status.error().code == lf::ErrorCode::non_increasing_timestamp);
    CHECK(workspace.series()[0].values.size() == 2);
    CHECK(workspace.revision() == revision);

    const double t3[] = {8.0};
    status = workspace.append_live(0, t3, v2);
    REQUIRE_FALSE(status);
    CHECK(status.error().code == lf::ErrorCode::length_mismatch);
  }

  TEST_CASE("an unknown detector is reported on the series") {
    Workspace workspace;
    Series s = shifted_series();
    s.detectors = {{"no_such_detector", {}}};
    auto status = workspace.add_series(s);
    REQUIRE_FALSE(status);
    CHECK(status.error().code == lf::ErrorCode::unknown_detector);
    CHECK_FALSE(workspace.series()[0].analysis_error.empty());
  }
}

// The Causal panel's model: aligning workspace series, the significance
// filter against the graph route's own edge list and docs/API.md's example,
// regime labellings from alerts, the emergence route's single-regime rule,
// and the drawing helpers' geometry and colour scale.
#include <doctest/doctest.h>

#include <cmath>

#include "ui/panels/causal_model.hpp"
#include "ui/panels/graph_drawing.hpp"
#include "ui/panels/heat_map.hpp"
#include "ui/panels/route_call.hpp"

namespace {

using namespace lf::ui;
using namespace lf::ui::causal;

Series series(std::string name, double first_timestamp, std::size_t samples) {
  Series s;
  s.name = std::move(name);
  for (std::size_t i = 0; i < samples; ++i) {
    s.timestamps.push_back(first_timestamp + static_cast<double>(i));
    s.values.push_back(static_cast<double>(i) * 10.0 + first_timestamp);
  }
  return s;
}

// x: a deterministic pseudo-random driver; y follows x one step later; z is
// unrelated. TE(x -> y) is large, the other pairs near 0.
std::vector<std::vector<double>> coupled(std::size_t n) {
  std::vector<std::vector<double>> out(3, std::vector<double>(n));
  std::uint32_t state = 12345;
  const auto next = [&state] {
    state = state * 1664525u + 1013904223u;
    return static_cast<double>(state >> 8) / 16777216.0 - 0.5;
  };
  for (std::size_t t = 0; t < n; ++t) {
    out[0][t] = next();
    out[1][t] = (t > 0 ? out[0][t - 1] : 0.0) + 0.1 * next();
    out[2][t] = next();
  }
  return out;
}

double luminance(ImU32 colour) {
  const double r = (colour >> IM_COL32_R_SHIFT) & 0xFF;
  const double g = (colour >> IM_COL32_G_SHIFT) & 0xFF;
  const double b = (colour >> IM_COL32_B_SHIFT) & 0xFF;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;  // Rec. 709 weights
}

}  // namespace

TEST_SUITE("panels_causal") {
  TEST_CASE("series sharing timestamps are aligned on them") {
    const Series a = series("a", 0, 10), b = series("b", 5, 10);  // share 5..9
    const std::vector<const Series*> both{&a, &b};
    auto aligned = align(both, 100);
    REQUIRE(aligned);
    CHECK(aligned->alignment == Alignment::timestamps);
    CHECK(aligned->available == 5);
    CHECK(aligned->samples() == 5);
    CHECK(aligned->names == std::vector<std::string>{"a", "b"});
    CHECK(aligned->indices[0] == std::vector<std::size_t>{5, 6, 7, 8, 9});
    CHECK(aligned->indices[1] == std::vector<std::size_t>{0, 1, 2, 3, 4});
    CHECK(aligned->values[0][0] == 50.0);  // a's sample 5
    CHECK(aligned->values[1][0] == 5.0);   // b's sample 0, the same instant
    // The cap keeps the last samples.
    auto capped = align(both, 3);
    REQUIRE(capped);
    CHECK(capped->available == 5);
    CHECK(capped->indices[0] == std::vector<std::size_t>{7, 8, 9});
  }

  TEST_CASE("equal lengths without shared timestamps pair by index; otherwise an error") {
    const Series a = series("a", 0, 10), far = series("far", 100, 10);
    const std::vector<const Series*> pair{&a, &far};
    auto aligned = align(pair, 100);
    REQUIRE(aligned);
    CHECK(aligned->alignment == Alignment::index);
    CHECK(aligned->samples() == 10);
    CHECK(aligned->indices[1][3] == 3);

    const Series shorter = series("shorter", 100, 7);
    const std::vector<const Series*> unaligned{&a, &shorter};
    auto refused = align(unaligned, 100);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == lf::ErrorCode::invalid_argument);
    CHECK(refused.error().message.find("shorter 7") != std::string::npos);

    const std::vector<const Series*> alone{&a};
    auto single = align(alone, 100);
    REQUIRE_FALSE(single);
    CHECK(single.error().code == lf::ErrorCode::insufficient_data);
  }

  TEST_CASE("the significance filter reproduces docs/API.md's example graph") {
    // docs/API.md, `graph`: te [[0, 0.41, 0.01], [0.0, 0, 0.38], [0.02, 0.0, 0]], threshold
    // 0.05, no surrogates -> edges 0 -> 1 (0.41) and 1 -> 2 (0.38).
    const auto body = nlohmann::json::parse(
        R"({"nodes": ["a", "b", "c"], "te": [[0, 0.41, 0.01], [0.0, 0, 0.38], [0.02, 0.0, 0]],
            "p_values": null})");
    auto graph = read_graph(body);
    REQUIRE(graph);
    CHECK_FALSE(graph->p_values);
    const auto edges = significant_edges(*graph, 0.05, 0.05);
    REQUIRE(edges.size() == 2);
    CHECK(edges[0].source == 0);
    CHECK(edges[0].target == 1);
    CHECK(edges[0].te == 0.41);
    CHECK(edges[1].source == 1);
    CHECK(edges[1].target == 2);
    CHECK(largest_te(*graph) == 0.41);
    // A malformed answer is refused, not read out of bounds.
    CHECK(read_graph(nlohmann::json::parse(R"({"nodes": ["a", "b"], "te": [[0, 1]]})"))
              .error()
              .code == lf::ErrorCode::schema_error);
  }

  TEST_CASE("the filter at the request's alpha gives the graph route's own edges") {
    AlignedSeries aligned;
    aligned.names = {"x", "y", "z"};
    aligned.values = coupled(400);
    GraphSettings settings;
    settings.surrogates = 19;
    settings.alpha = 0.05;
    const RouteReply reply = call_route("graph", graph_request(aligned, settings));
    REQUIRE(reply.status == 200);
    auto graph = read_graph(reply.body);
    REQUIRE(graph);
    REQUIRE(graph->p_values);
    const auto edges = significant_edges(*graph, settings.threshold, settings.alpha);
    const auto& route_edges = reply.body["edges"];
    REQUIRE(edges.size() == route_edges.size());
    for (std::size_t k = 0; k < edges.size(); ++k) {
      CHECK(edges[k].source == route_edges[k]["source"].get<std::size_t>());
      CHECK(edges[k].target == route_edges[k]["target"].get<std::size_t>());
      CHECK(edges[k].te == route_edges[k]["te"].get<double>());
      CHECK(*edges[k].p_value == route_edges[k]["p_value"].get<double>());
    }
    // x drives y: the strongest edge, significant at the smallest p 19 surrogates give.
    REQUIRE_FALSE(edges.empty());
    CHECK(graph->te[0][1] == largest_te(*graph));
    CHECK((*graph->p_values)[0][1] == doctest::Approx(0.05));
    // Loosening the level never removes an edge.
    CHECK(significant_edges(*graph, settings.threshold, 1.0).size() >= edges.size());

    // The fragility request runs the same graph without surrogates.
    const auto fragility = fragility_request(aligned, settings, default_fragility(400));
    CHECK(fragility.find("surrogates") == fragility.end());
    CHECK(fragility["fragility"]["window"] == 200);
    CHECK(fragility["fragility"]["step"] == 40);
    const RouteReply windows = call_route("graph", fragility);
    REQUIRE(windows.status == 200);
    // A window ends at 199 and then every 40 samples: 199, 239, ..., 399.
    CHECK(windows.body["fragility"]["points"].size() == 6);
  }

  TEST_CASE("the work estimate: pairs x (1 + surrogates) x samples x cost per sample") {
    GraphSettings ksg;  // 19 surrogates
    CHECK(graph_work(4, 500, ksg) == 12.0 * 20.0 * 500.0 * 40.0);
    CHECK(graph_work(6, 500, ksg) <= kGraphWorkBudget);
    CHECK(graph_work(8, 500, ksg) > kGraphWorkBudget);
    GraphSettings gaussian;
    gaussian.estimator = "gaussian";
    gaussian.surrogates = 99;
    CHECK(graph_work(8, 2000, gaussian) == 56.0 * 100.0 * 2000.0);
    CHECK(graph_work(1, 500, ksg) == 0.0);
  }

  TEST_CASE("a labelling opens a regime at each alert") {
    const Series a = series("a", 0, 10), b = series("b", 5, 10);
    const std::vector<const Series*> both{&a, &b};
    auto aligned = align(both, 100);
    REQUIRE(aligned);
    std::vector<lf::detect::Alert> alerts;
    for (std::size_t index : {3u, 7u, 7u}) {
      alerts.push_back({"cusum", "1.0.0", index, static_cast<double>(index), "increase",
                        lf::detect::Severity::warning, 1.0});
    }
    alerts.push_back({"bocpd", "1.0.0", 8, 8.0, "change_point", lf::detect::Severity::warning, 1});
    // Series a's aligned samples are its indices 5..9: one alert (3) before them, one at 7.
    CHECK(alert_segment_labels(*aligned, 0, alerts, "cusum") == std::vector<double>{1, 1, 2, 2, 2});
    CHECK(alert_segment_labels(*aligned, 0, alerts, "") == std::vector<double>{1, 1, 2, 3, 3});
    CHECK(regime_count(alert_segment_labels(*aligned, 0, alerts, "")) == 3);
  }

  TEST_CASE("emergence: a single regime is a rejection with null measures, not an error") {
    AlignedSeries aligned;
    aligned.names = {"x", "y", "z"};
    aligned.values = coupled(200);
    const std::vector<double> one_regime(200, 0.0);
    const RouteReply single =
        call_route("emergence", emergence_request(one_regime, aligned, EmergenceSettings{}));
    REQUIRE(single.status == 200);
    CHECK(single.body["psi"].is_null());
    CHECK(single.body["validation"]["accepted"] == false);
    CHECK(single.body["units"] == "bits");
    std::vector<double> halves(200, 0.0);
    for (std::size_t t = 100; t < 200; ++t) halves[t] = 1.0;
    const RouteReply two =
        call_route("emergence", emergence_request(halves, aligned, EmergenceSettings{}));
    REQUIRE(two.status == 200);
    CHECK(two.body["psi"].is_number());
    // Bad input reaches the panel as the route's error.
    EmergenceSettings bad;
    bad.micro_bins = 0;
    CHECK(call_route("emergence", emergence_request(halves, aligned, bad)).failed());
  }

  TEST_CASE("drawing geometry: the circle layout and edge widths") {
    const auto at = circle_layout(4, {100.0f, 100.0f}, 50.0f);
    REQUIRE(at.size() == 4);
    CHECK(at[0].x == doctest::Approx(100.0));  // the first node at the top
    CHECK(at[0].y == doctest::Approx(50.0));
    CHECK(at[1].x == doctest::Approx(150.0));  // then clockwise on screen
    CHECK(at[1].y == doctest::Approx(100.0));
    CHECK(at[2].y == doctest::Approx(150.0));
    CHECK(edge_width(0.0, 0.4, 7.0f) == 1.0f);
    CHECK(edge_width(0.4, 0.4, 7.0f) == 7.0f);
    CHECK(edge_width(0.2, 0.4, 7.0f) == doctest::Approx(4.0));
    CHECK(edge_width(0.2, 0.0, 7.0f) == 1.0f);
  }

  TEST_CASE("the heat map's colour scale rises in luminance") {
    double previous = -1.0;
    for (int k = 0; k <= 20; ++k) {
      const double l = luminance(heat_colour(k / 20.0));
      CHECK(l > previous);
      previous = l;
    }
    CHECK(heat_colour(-1.0) == heat_colour(0.0));
    CHECK(heat_colour(2.0) == heat_colour(1.0));
    CHECK(heat_colour(std::nan("")) == IM_COL32(110, 110, 110, 255));
  }
}

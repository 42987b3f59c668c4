// The Fusion panel's model: alerts over a window become simple support
// functions over {regime_change, stable} (ui/panels/fusion_model.hpp), and
// the fuse route combines them. The combined figures are checked against a
// two-source case derived by hand with Dempster's and Yager's rules.
#include <doctest/doctest.h>

#include <cmath>

#include "ui/panels/fusion_model.hpp"
#include "ui/panels/route_call.hpp"

namespace {

using lf::detect::Alert;
using lf::detect::DetectorDescription;
using lf::detect::Severity;
using namespace lf::ui;
using namespace lf::ui::fusion;

Alert alert(std::string detector, std::size_t index, std::string kind, Severity severity,
            double score) {
  return {detector, "1.0.0", index, static_cast<double>(index), kind, severity, score};
}

// 100 samples; variance_compression (warm-up 5 + 10 = 15 samples) raised a
// compression warning at 75 and an expansion at 80; cusum (warm-up 30) and
// autocorrelation_pattern (window 8: warm-up 9) stayed silent except for a
// pattern_stable at 40.
Series analysed_series() {
  Series s;
  s.name = "flow";
  for (int i = 0; i < 100; ++i) {
    s.timestamps.push_back(i);
    s.values.push_back(i < 80 ? 0.0 : 1.0);
  }
  s.detector_descriptions = {
      {"variance_compression", "1.0.0", {{"short_window", 5}, {"baseline_window", 10}}, {}},
      {"cusum", "1.0.0", {{"warmup", 30}, {"drift", 0.5}, {"threshold", 5}}, {}},
      {"autocorrelation_pattern", "1.0.0", {{"window", 8}}, {}}};
  s.alerts = {alert("autocorrelation_pattern", 40, "pattern_stable", Severity::warning, 0.95),
              alert("variance_compression", 75, "compression", Severity::warning, 0.2),
              alert("variance_compression", 80, "expansion", Severity::critical, 4.5)};
  return s;
}

Evidence evidence(std::string_view hypothesis, double commitment, std::string name) {
  Evidence e;
  e.detector = std::move(name);
  e.hypothesis = hypothesis;
  e.commitment = commitment;
  return e;
}

}  // namespace

TEST_SUITE("panels_fusion") {
  TEST_CASE("a window is the last N samples ending where asked, clamped to the series") {
    const auto latest = window_ending_at(100, 99, 50);
    REQUIRE(latest);
    CHECK(latest->first == 50);
    CHECK(latest->last == 99);
    CHECK(latest->size() == 50);
    const auto clamped = window_ending_at(100, 500, 500);
    REQUIRE(clamped);
    CHECK(clamped->first == 0);
    CHECK(clamped->last == 99);
    const auto one = window_ending_at(100, 10, 0);
    REQUIRE(one);
    CHECK(one->size() == 1);
    CHECK_FALSE(window_ending_at(0, 0, 10));
  }

  TEST_CASE("alert kinds and severities map to hypotheses and commitments") {
    CHECK(hypothesis_for("pattern_stable") == kStable);
    CHECK(hypothesis_for("stuck") == kStable);
    for (const char* kind : {"expansion", "compression", "change_point", "regime_change",
                             "phase_transition", "increase", "critical_slowing_down"}) {
      CHECK(hypothesis_for(kind) == kRegimeChange);
    }
    CHECK(alert_commitment(Severity::info) == doctest::Approx(1.0 / 3.0));
    CHECK(alert_commitment(Severity::warning) == doctest::Approx(2.0 / 3.0));
    CHECK(alert_commitment(Severity::critical) == 1.0);
  }

  TEST_CASE("warm-ups follow docs/DETECTORS.md and docs/API.md") {
    // phase_transition: no alert before short + baseline differences, i.e.
    // 20 + 100 + 1 samples with the defaults.
    CHECK(
        warm_up_samples(
            {"phase_transition", "1.0.0", {{"short_window", 20}, {"baseline_window", 100}}, {}}) ==
        121);
    CHECK(warm_up_samples({"variance_compression",
                           "1.0.0",
                           {{"short_window", 20}, {"baseline_window", 100}},
                           {}}) == 120);
    CHECK(warm_up_samples({"hmm_regime", "1.0.0", {{"warmup", 250}, {"persistence", 3}}, {}}) ==
          253);
    CHECK(warm_up_samples({"early_warning", "1.0.0", {{"window", 100}, {"trend_span", 300}}, {}}) ==
          399);
    CHECK(warm_up_samples({"bocpd", "1.0.0", {{"lambda", 100}}, {}}) == 0);
    // A consensus speaks once all of its members can.
    DetectorDescription consensus{"consensus", "1.0.0", {{"quorum", 2}}, {}};
    consensus.members = {{"cusum", "1.0.0", {{"warmup", 30}}, 1.0},
                         {"page_hinkley", "1.0.0", {{"min_instances", 45}}, 1.0},
                         {"bocpd", "1.0.0", {}, 1.0}};
    CHECK(warm_up_samples(consensus) == 45);
  }

  TEST_CASE("evidence: the strongest alert decides; silence counts where the detector could see") {
    const Series s = analysed_series();
    const auto late = gather_evidence(s, {60, 99});
    REQUIRE(late.size() == 3);
    CHECK(late[0].detector == "variance_compression");
    REQUIRE(late[0].alert);
    CHECK(late[0].alert->kind == "expansion");  // critical beats the earlier warning
    CHECK(late[0].hypothesis == kRegimeChange);
    CHECK(late[0].commitment == 1.0);
    CHECK(late[1].detector == "cusum");
    CHECK_FALSE(late[1].alert);
    CHECK(late[1].watched == 40);
    CHECK(late[1].hypothesis == kStable);
    CHECK(late[1].commitment == doctest::Approx(2.0 / 3.0));

    // cusum can alert from sample 29 on: over [20, 39] it saw 11 of 20.
    const auto middle = gather_evidence(s, {20, 39});
    CHECK(middle[1].watched == 11);
    CHECK(middle[1].commitment == doctest::Approx(2.0 / 3.0 * 11.0 / 20.0));
    // Before its warm-up it is blind: no mass on anything but Theta.
    const auto early = gather_evidence(s, {0, 19});
    CHECK(early[1].watched == 0);
    CHECK(early[1].commitment == 0.0);
    // A pattern_stable alert speaks for stability.
    const auto pattern = gather_evidence(s, {30, 50});
    REQUIRE(pattern[2].alert);
    CHECK(pattern[2].hypothesis == kStable);
    CHECK(pattern[2].commitment == doctest::Approx(2.0 / 3.0));

    // The request: a vacuous source is all Theta; each source carries its reliability.
    const std::vector<double> reliabilities{0.9, 0.8, 0.7};
    const auto request = fuse_request(early, reliabilities, {"yager", 0.6});
    CHECK(request["hypotheses"] == nlohmann::json({"regime_change", "stable"}));
    CHECK(request["rule"] == "yager");
    CHECK(request["contested_threshold"] == 0.6);
    REQUIRE(request["sources"].size() == 3);
    CHECK(request["sources"][1]["name"] == "cusum");
    CHECK(request["sources"][1]["reliability"] == 0.8);
    CHECK(request["sources"][1]["masses"] ==
          nlohmann::json::parse(R"([{"set": ["regime_change", "stable"], "mass": 1.0}])"));
  }

  TEST_CASE("two sources combined by the fuse route match the hand-derived result") {
    // m1 = alert, critical, r = 0.9: {change} 0.9, Theta 0.1.
    // m2 = silence over the whole window, r = 0.9: {stable} 0.9 * 2/3 = 0.6, Theta 0.4.
    // K = 0.9 * 0.6 = 0.54. Dempster: change 0.36 / 0.46 = 18/23, stable 0.06 / 0.46 = 3/23,
    // Theta 0.04 / 0.46 = 2/23; BetP(change) = 18/23 + 1/23 = 19/23; Pl(change) = 20/23.
    const std::vector<Evidence> sources{evidence(kRegimeChange, 1.0, "alerting"),
                                        evidence(kStable, kSilenceCommitment, "silent")};
    const std::vector<double> reliabilities{0.9, 0.9};
    const RouteReply dempster =
        call_route("fuse", fuse_request(sources, reliabilities, {"dempster", 0.5}));
    REQUIRE(dempster.status == 200);
    const auto& body = dempster.body;
    CHECK(body["conflict"].get<double>() == doctest::Approx(0.54));
    CHECK(body["weight_of_conflict"].get<double>() == doctest::Approx(-std::log(0.46)));
    CHECK(body["contested"] == true);  // 0.54 > 0.5
    const Masses fused = read_masses(body["masses"]);
    CHECK(fused.regime_change == doctest::Approx(18.0 / 23.0));
    CHECK(fused.stable == doctest::Approx(3.0 / 23.0));
    CHECK(fused.either == doctest::Approx(2.0 / 23.0));
    CHECK(fused.none == 0.0);
    CHECK(body["measures"][0]["set"] == nlohmann::json({"regime_change"}));
    CHECK(body["measures"][0]["pignistic"].get<double>() == doctest::Approx(19.0 / 23.0));
    CHECK(body["measures"][0]["belief"].get<double>() == doctest::Approx(18.0 / 23.0));
    CHECK(body["measures"][0]["plausibility"].get<double>() == doctest::Approx(20.0 / 23.0));
    // The sources as they entered the combination, after discounting.
    for (const auto& source : body["sources"]) {
      const Masses m = read_masses(source["masses"]);
      if (source["name"] == "alerting") {
        CHECK(m.regime_change == doctest::Approx(0.9));
        CHECK(m.either == doctest::Approx(0.1));
      } else {
        CHECK(m.stable == doctest::Approx(0.6));
        CHECK(m.either == doctest::Approx(0.4));
      }
    }

    // Yager keeps the unnormalised products and moves K to Theta.
    const RouteReply yager =
        call_route("fuse", fuse_request(sources, reliabilities, {"yager", 0.7}));
    REQUIRE(yager.status == 200);
    const Masses y = read_masses(yager.body["masses"]);
    CHECK(y.regime_change == doctest::Approx(0.36));
    CHECK(y.stable == doctest::Approx(0.06));
    CHECK(y.either == doctest::Approx(0.58));
    CHECK(yager.body["contested"] == false);  // 0.54 <= 0.7
    // The conjunctive rule leaves K on the empty set.
    const RouteReply open_world =
        call_route("fuse", fuse_request(sources, reliabilities, {"conjunctive", 0.7}));
    REQUIRE(open_world.status == 200);
    CHECK(read_masses(open_world.body["masses"]).none == doctest::Approx(0.54));
  }

  TEST_CASE("route errors reach the panel as code and message") {
    const std::vector<Evidence> sources{evidence(kRegimeChange, 1.0, "a"),
                                        evidence(kStable, 1.0, "b")};
    const RouteReply unknown_rule =
        call_route("fuse", fuse_request(sources, std::vector<double>{0.9, 0.9}, {"average", 0.7}));
    CHECK(unknown_rule.status == 400);
    CHECK(unknown_rule.error_code == "invalid_argument");
    CHECK_FALSE(unknown_rule.error_message.empty());
    // Fully reliable, fully committed and opposed: K = 1, where Dempster's rule is undefined.
    const RouteReply total =
        call_route("fuse", fuse_request(sources, std::vector<double>{1.0, 1.0}, {"dempster", 0.7}));
    CHECK(total.status == 422);
    CHECK(total.error_code == "total_conflict");
    const RouteReply reliability =
        call_route("fuse", fuse_request(sources, std::vector<double>{1.5, 0.9}, {"dempster", 0.7}));
    CHECK(reliability.error_code == "invalid_parameter");
    const RouteReply none = call_route("fuse", fuse_request({}, {}, {}));
    CHECK(none.error_code == "empty_input");
  }
}

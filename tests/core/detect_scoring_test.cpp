// Change-point scoring against TCPDBench's own figures: the doctest values of
// its analysis/scripts/metrics.py, and published per-series scores of peer
// methods (tests/data/tcpd/peer_scores.json) for the change points those
// methods reported (TCPDBench's analysis/output/summaries/summary_<series>.json).
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "lf/detect/scoring.hpp"

using lf::ErrorCode;
using lf::detect::ChangePoints;
using lf::detect::clean_change_points;
using lf::detect::f1_score;
using lf::detect::segmentation_cover;

namespace {

// One series' annotations from tests/data/tcpd/annotations.json, ordered by
// ascending annotator id as TCPD lists them (the copy's keys are sorted as
// strings, "13" before "6").
std::vector<ChangePoints> tcpd_annotations(const std::string& series) {
  std::ifstream in(LF_TEST_DATA_DIR "/tcpd/annotations.json");
  REQUIRE(in.good());
  std::stringstream text;
  text << in.rdbuf();
  const auto doc = nlohmann::json::parse(text.str(), nullptr, false);
  REQUIRE(doc.contains(series));
  std::vector<std::pair<int, ChangePoints>> by_id;
  for (const auto& [id, points] : doc[series].items()) {
    by_id.emplace_back(std::stoi(id), points.get<ChangePoints>());
  }
  std::sort(by_id.begin(), by_id.end());
  std::vector<ChangePoints> annotations;
  for (auto& entry : by_id) annotations.push_back(std::move(entry.second));
  return annotations;
}

double f1(const std::vector<ChangePoints>& annotations, const ChangePoints& predictions,
          std::size_t n) {
  auto score = f1_score(annotations, predictions, n);
  REQUIRE(score.ok());
  return score->f1;
}

double cover(const std::vector<ChangePoints>& annotations, const ChangePoints& predictions,
             std::size_t n) {
  auto score = segmentation_cover(annotations, predictions, n);
  REQUIRE(score.ok());
  return *score;
}

}  // namespace

TEST_SUITE("detect") {
  TEST_CASE("F1: metrics.py's doctest values") {
    // f_measure ignores n; 100 holds every index used.
    CHECK(f1({{10, 20}, {11, 20}, {10}, {0, 5}}, {10, 20}, 100) == 1.0);
    CHECK(f1({{}, {10}, {50}}, {10}, 100) == 0.9090909090909091);
    CHECK(f1({{}, {10}, {50}}, {}, 100) == 0.8);
  }

  TEST_CASE("F1: precision and recall as metrics.py returns them") {
    // {[], [10], [50]} vs [10]: X = {0, 10} both matched, P = 1; recall
    // (1/1 + 2/2 + 1/2) / 3.
    auto score = f1_score(std::vector<ChangePoints>{{}, {10}, {50}}, ChangePoints{10}, 100);
    REQUIRE(score.ok());
    CHECK(score->precision == 1.0);
    CHECK(score->recall == doctest::Approx(2.5 / 3).epsilon(1e-15));
  }

  TEST_CASE("cover: metrics.py's doctest values") {
    CHECK(cover({{10, 20}, {10}, {0, 5}}, {10, 20}, 45) == 0.7962962962962963);
    CHECK(cover({{}, {10}, {40}}, {10}, 45) == 0.7954144620811286);
    CHECK(cover({{}, {10}, {40}}, {}, 45) == 0.8189300411522634);
  }

  TEST_CASE("Nile (TCPD annotations, n = 100)") {
    const auto nile = tcpd_annotations("nile");
    CHECK(f1(nile, {27}, 100) == 1.0);
    CHECK(cover(nile, {27}, 100) == 0.8800821917808218);
    CHECK(f1(nile, {}, 100) == 0.8235294117647058);
    CHECK(cover(nile, {}, 100) == 0.75808);
  }

  TEST_CASE("published TCPDBench scores of peer methods on centralia (n = 15)") {
    // Change points each method reported (TCPDBench summary_centralia.json),
    // scores from peer_scores.json (default settings).
    const auto centralia = tcpd_annotations("centralia");
    CHECK(f1(centralia, {}, 15) == 0.7628865979381444);  // zero
    CHECK(cover(centralia, {}, 15) == 0.6746666666666667);
    CHECK(f1(centralia, {10}, 15) == 0.9090909090909091);  // bocpd
    CHECK(cover(centralia, {10}, 15) == 0.6119047619047618);
    CHECK(f1(centralia, {9}, 15) == 0.9090909090909091);  // binseg
    CHECK(cover(centralia, {9}, 15) == 0.5635978835978837);
    CHECK(f1(centralia, {1, 8, 11}, 15) == 1.0);  // rfpop
    CHECK(cover(centralia, {1, 8, 11}, 15) == 0.5283549783549784);
    CHECK(f1(centralia, {1, 2, 3, 4, 8, 9, 10, 12}, 15) == 0.7142857142857143);  // kcpa
    CHECK(cover(centralia, {1, 2, 3, 4, 8, 9, 10, 12}, 15) == 0.43999999999999995);
    const ChangePoints wbs{1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13};
    CHECK(f1(centralia, wbs, 15) == 0.5555555555555556);
    CHECK(cover(centralia, wbs, 15) == 0.2533333333333333);
  }

  TEST_CASE("published TCPDBench scores on lga_passengers (n = 468)") {
    const auto lga = tcpd_annotations("lga_passengers");
    CHECK(f1(lga, {}, 468) == 0.5347985347985348);  // zero
    CHECK(cover(lga, {}, 468) == 0.3830283439257799);
    CHECK(f1(lga, {253}, 468) == 0.42196531791907516);  // amoc
    CHECK(cover(lga, {253}, 468) == 0.42658426556475987);
  }

  TEST_CASE("F1: truths are matched in CPython's set order, as metrics.py matches them") {
    // Annotator 9 of centralia marked {4, 8, 12}; with 0 added, CPython's set
    // iterates it as 8, 0, 4, 12, so 8 takes the prediction 4 (distance 4),
    // 4 takes 2 and 12 takes 13: every truth matched, F1 = 1 (metrics.py's
    // f_measure under CPython 3.11). Visiting 4 before 8 would leave 12
    // unmatched (0.974...).
    const auto centralia = tcpd_annotations("centralia");
    CHECK(f1(centralia, {2, 4, 13}, 15) == 1.0);
  }

  TEST_CASE("F1: one prediction matches one truth") {
    // Two truths within the margin of one prediction: only one is matched.
    auto score = f1_score(std::vector<ChangePoints>{{10, 12}}, ChangePoints{11}, 50);
    REQUIRE(score.ok());
    CHECK(score->precision == 1.0);     // X = {0, 11}, both matched
    CHECK(score->recall == 2.0 / 3.0);  // T = {0, 10, 12}: 0 and one of 10, 12
  }

  TEST_CASE("F1: the margin is inclusive, and margin 0 needs exact hits") {
    const std::vector<ChangePoints> truth{{20}};
    CHECK(f1(truth, {25}, 50) == 1.0);
    CHECK(f1(truth, {26}, 50) < 1.0);
    auto exact = f1_score(truth, ChangePoints{21}, 50, 0);
    REQUIRE(exact.ok());
    CHECK(exact->recall == 0.5);
  }

  TEST_CASE("scoring ignores duplicates and order within a set") {
    CHECK(f1({{20, 10, 10}}, {20, 10, 20}, 50) == f1({{10, 20}}, {10, 20}, 50));
    CHECK(cover({{20, 10, 10}}, {20, 10, 20}, 50) == 1.0);
  }

  TEST_CASE("clean_change_points keeps 1..n-2, sorted and unique (TCPDBench's cleanup)") {
    CHECK(clean_change_points(ChangePoints{0, 9, 3, 3, 8, 1}, 10) == ChangePoints{1, 3, 8});
    CHECK(clean_change_points(ChangePoints{0, 1}, 2).empty());
    CHECK(clean_change_points(ChangePoints{}, 0).empty());
  }

  TEST_CASE("scoring: bad input is rejected with typed errors") {
    const std::vector<ChangePoints> truth{{10}};
    const ChangePoints none;
    auto negative_margin = f1_score(truth, none, 50, -1);
    REQUIRE_FALSE(negative_margin.ok());
    CHECK(negative_margin.error().code == ErrorCode::invalid_argument);

    auto truth_out_of_range = f1_score(std::vector<ChangePoints>{{10}, {50}}, none, 45);
    REQUIRE_FALSE(truth_out_of_range.ok());
    CHECK(truth_out_of_range.error().code == ErrorCode::invalid_argument);
    CHECK(truth_out_of_range.error().message.find("annotations[1][0] = 50") != std::string::npos);

    auto prediction_out_of_range = segmentation_cover(truth, ChangePoints{45}, 45);
    REQUIRE_FALSE(prediction_out_of_range.ok());
    CHECK(prediction_out_of_range.error().code == ErrorCode::invalid_argument);
    CHECK(prediction_out_of_range.error().message.find("predictions[0] = 45") != std::string::npos);

    auto huge = f1_score(truth, ChangePoints{std::numeric_limits<std::size_t>::max()}, 45);
    REQUIRE_FALSE(huge.ok());
    CHECK(huge.error().code == ErrorCode::invalid_argument);

    auto empty_series = f1_score(std::vector<ChangePoints>{{}}, none, 0);
    REQUIRE_FALSE(empty_series.ok());
    CHECK(empty_series.error().code == ErrorCode::empty_input);
    auto empty_cover = segmentation_cover(std::vector<ChangePoints>{{}}, none, 0);
    REQUIRE_FALSE(empty_cover.ok());
    CHECK(empty_cover.error().code == ErrorCode::empty_input);

    auto no_annotators = segmentation_cover(std::vector<ChangePoints>{}, none, 10);
    REQUIRE_FALSE(no_annotators.ok());
    CHECK(no_annotators.error().code == ErrorCode::empty_input);
    auto no_annotators_f1 = f1_score(std::vector<ChangePoints>{}, none, 10);
    REQUIRE_FALSE(no_annotators_f1.ok());
    CHECK(no_annotators_f1.error().code == ErrorCode::empty_input);
  }
}

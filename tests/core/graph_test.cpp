#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "lf/api/dispatch.hpp"
#include "lf/graph/causal_graph.hpp"
#include "lf/graph/centrality.hpp"
#include "lf/graph/digamma.hpp"
#include "lf/graph/fragility.hpp"
#include "lf/graph/kd_tree.hpp"
#include "lf/graph/surrogates.hpp"
#include "lf/graph/te_gradient.hpp"
#include "lf/graph/transfer_entropy.hpp"
#include "synthetic.hpp"

using namespace lf::graph;

namespace {

// Whitespace-separated numeric columns (the JIDT data files).
std::vector<std::vector<double>> read_columns(const std::string& relative_path) {
  std::ifstream in(std::string(LF_TEST_DATA_DIR) + "/" + relative_path);
  REQUIRE(in.good());
  std::vector<std::vector<double>> columns;
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    double value = 0.0;
    for (std::size_t c = 0; fields >> value; ++c) {
      if (columns.size() <= c) columns.emplace_back();
      columns[c].push_back(value);
    }
  }
  return columns;
}

double ksg_te(const std::vector<double>& source, const std::vector<double>& target,
              std::size_t theiler = 0) {
  TeParams params;
  params.ksg.theiler_window = theiler;
  auto te = transfer_entropy(source, target, params);
  REQUIRE(te.ok());
  return *te;
}

// dest_t = 0.4·src_{t−1} + N(0, 0.6²), src i.i.d. N(0, 1):
// TE = ½ ln(1 + 0.16 / 0.36) = 0.18386 nats.
struct CoupledPair {
  std::vector<double> source, target;
};
CoupledPair linear_gaussian(std::size_t n, std::uint64_t seed) {
  lf::test::Gaussian gauss(seed);
  CoupledPair pair{std::vector<double>(n), std::vector<double>(n)};
  for (auto& v : pair.source) v = gauss();
  pair.target[0] = gauss();
  for (std::size_t t = 1; t < n; ++t) pair.target[t] = 0.4 * pair.source[t - 1] + gauss(0.6);
  return pair;
}
const double kAnalyticTe = 0.5 * std::log(1.0 + 0.16 / 0.36);

// Data on a coarse grid (many exact ties in every coordinate), the hard
// case for neighbour counts.
std::vector<double> gridded(std::size_t n, std::uint64_t seed, double step) {
  lf::test::Gaussian gauss(seed);
  std::vector<double> x(n);
  for (auto& v : x) v = std::round(gauss() / step) * step;
  return x;
}

// KSG algorithm 1 by direct O(N²) scans, from the definition: the reference
// the k-d tree and rank counts must match exactly.
double brute_force_ksg(const Samples& x, const Samples& y, const Samples& z, std::size_t k,
                       std::size_t window) {
  const std::size_t n = z.rows();
  const auto dist = [](const Samples& s, std::size_t i, std::size_t j) {
    double d = 0.0;
    for (std::size_t c = 0; c < s.dims; ++c) d = std::max(d, std::fabs(s.at(i, c) - s.at(j, c)));
    return d;
  };
  DigammaTable psi(n + 1);
  double sum = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<double> joint;
    for (std::size_t j = 0; j < n; ++j) {
      if ((i > j ? i - j : j - i) <= window) continue;
      joint.push_back(std::max({dist(x, i, j), dist(y, i, j), dist(z, i, j)}));
    }
    std::nth_element(joint.begin(), joint.begin() + static_cast<std::ptrdiff_t>(k - 1),
                     joint.end());
    const double eps = joint[k - 1];
    std::size_t nxz = 0, nyz = 0, nz = 0;
    for (std::size_t j = 0; j < n; ++j) {
      if ((i > j ? i - j : j - i) <= window) continue;
      const double dz = dist(z, i, j);
      nxz += std::max(dist(x, i, j), dz) < eps;
      nyz += std::max(dist(y, i, j), dz) < eps;
      nz += dz < eps;
    }
    sum += psi(nxz + 1) + psi(nyz + 1) - psi(nz + 1);
  }
  return psi(k) - sum / static_cast<double>(n);
}

double fast_ksg(const Samples& x, const Samples& y, const Samples& z, std::size_t k,
                std::size_t window) {
  auto cmi = KsgConditionalMi::create(y, z, x.dims, k, window);
  REQUIRE(cmi.ok());
  return cmi->estimate(x);
}

template <class T>
lf::ErrorCode error_of(const lf::Result<T>& result) {
  REQUIRE_FALSE(result.ok());
  return result.error().code;
}

}  // namespace

TEST_SUITE("graph") {
  TEST_CASE("KSG transfer entropy reproduces JIDT on 2coupledRandomCols-1") {
    const auto data = read_columns("jidt/2coupledRandomCols-1.txt");
    REQUIRE(data.size() == 2);
    REQUIRE(data[0].size() == 100);
    CHECK(std::fabs(ksg_te(data[0], data[1]) - 0.3058006) < 1e-6);
    CHECK(std::fabs(ksg_te(data[1], data[0]) - -0.0029744) < 1e-6);
    // Dynamic correlation exclusion (Theiler window).
    CHECK(std::fabs(ksg_te(data[0], data[1], 10) - 0.2930714) < 1e-6);
    CHECK(std::fabs(ksg_te(data[1], data[0], 10) - -0.0387031) < 1e-6);
    CHECK(std::fabs(ksg_te(data[0], data[1], 20) - 0.2995997) < 1e-6);
    CHECK(std::fabs(ksg_te(data[1], data[0], 20) - -0.0381608) < 1e-6);
    TeParams params;
    auto te = TransferEntropy::for_target(data[1], params);
    REQUIRE(te.ok());
    CHECK(te->observations() == 99);
  }

  TEST_CASE("KSG transfer entropy reproduces JIDT on 4randomCols-1") {
    const auto data = read_columns("jidt/4randomCols-1.txt");
    REQUIRE(data.size() == 4);
    REQUIRE(data[0].size() == 3000);
    CHECK(std::fabs(ksg_te(data[0], data[1]) - -0.0096556) < 1e-6);
    CHECK(std::fabs(ksg_te(data[1], data[2]) - 0.0175389) < 1e-6);
    CHECK(std::fabs(ksg_te(data[1], data[0]) - 0.0026367) < 1e-6);
    CHECK(std::fabs(ksg_te(data[0], data[2]) - -0.00012474) < 1e-6);
    CHECK(std::fabs(ksg_te(data[2], data[0]) - -0.0054437) < 1e-6);
  }

  TEST_CASE("JIDT's own normalisation of the embedded variables gives a different value") {
    const auto data = read_columns("jidt/2coupledRandomCols-1.txt");
    TeParams params;
    params.ksg.normalisation = Normalisation::embedded;
    auto te = transfer_entropy(data[0], data[1], params);
    REQUIRE(te.ok());
    CHECK(std::fabs(*te - 0.3058006) > 1e-4);
    CHECK(std::fabs(*te - 0.3058006) < 0.01);
  }

  TEST_CASE("KSG neighbour searches match a direct O(N^2) scan exactly, ties included") {
    // Scalar variables (rank counts) and two-dimensional histories (k-d
    // tree counts), each with and without a Theiler window.
    const std::size_t n = 400;
    const auto a = gridded(n + 2, 11, 0.25);
    const auto b = gridded(n + 2, 12, 0.5);
    for (const std::size_t history : {1u, 2u}) {
      EmbeddingParams embedding;
      embedding.target_history = history;
      embedding.source_history = history;
      const Samples x = embed_source_past(a, embedding);
      const Samples y = embed_target_next(b, embedding);
      const Samples z = embed_target_past(b, embedding);
      for (const std::size_t window : {0u, 3u}) {
        for (const std::size_t k : {1u, 4u}) {
          CAPTURE(history);
          CAPTURE(window);
          CAPTURE(k);
          CHECK(fast_ksg(x, y, z, k, window) == brute_force_ksg(x, y, z, k, window));
        }
      }
    }
  }

  TEST_CASE("k-d tree: k-th neighbour distances and strict counts") {
    // Points 0, 1, 2, 3, 4 on a line.
    Samples points(5, 1);
    for (std::size_t i = 0; i < 5; ++i) points.values[i] = static_cast<double>(i);
    const KdTree tree(points);
    const auto eps = tree.kth_neighbour_distances(2, 0);
    CHECK(eps == std::vector<double>{2.0, 1.0, 1.0, 1.0, 2.0});
    // Strictly closer than 2: the direct neighbours only.
    const auto counts = tree.count_closer({2.0, 2.0, 2.0, 2.0, 2.0}, 0);
    CHECK(counts == std::vector<std::uint32_t>{1, 2, 2, 2, 1});
    // Window 1 excludes the direct neighbours too.
    CHECK(tree.kth_neighbour_distances(1, 1) == std::vector<double>{2.0, 2.0, 2.0, 2.0, 2.0});
  }

  TEST_CASE("digamma: table and function agree with known values") {
    const DigammaTable psi(100000);
    const double euler = 0.57721566490153286;
    CHECK(psi(1) == doctest::Approx(-euler).epsilon(1e-15));
    CHECK(psi(2) == doctest::Approx(1.0 - euler).epsilon(1e-15));
    CHECK(std::fabs(digamma(0.5) - (-euler - 2.0 * std::log(2.0))) < 1e-14);
    for (const std::size_t m : {3u, 10u, 1000u, 99999u}) {
      CHECK(std::fabs(psi(m) - digamma(static_cast<double>(m))) < 1e-13);
    }
  }

  TEST_CASE("linear-Gaussian coupling: KSG and Gaussian estimators near the analytic TE") {
    // At N = 10,000 the KSG estimate has a sampling standard deviation of
    // about 0.0085 nats here (20 seeds); this seed's series is a typical one.
    const auto pair = linear_gaussian(10000, 5);
    const double ksg = ksg_te(pair.source, pair.target);
    CHECK(std::fabs(ksg - kAnalyticTe) < 0.01);
    TeParams gaussian;
    gaussian.estimator = Estimator::gaussian;
    auto linear = transfer_entropy(pair.source, pair.target, gaussian);
    REQUIRE(linear.ok());
    CHECK(std::fabs(*linear - kAnalyticTe) < 0.01);
    // No influence the other way.
    auto reverse = transfer_entropy(pair.target, pair.source, gaussian);
    REQUIRE(reverse.ok());
    CHECK(std::fabs(*reverse) < 0.005);
  }

  TEST_CASE("KSG options: lag, histories, and seeded noise") {
    const auto pair = linear_gaussian(3000, 9);
    // The coupling acts at lag 1; lag 3 sees none of it.
    TeParams lagged;
    lagged.embedding.lag = 3;
    auto far = transfer_entropy(pair.source, pair.target, lagged);
    REQUIRE(far.ok());
    CHECK(std::fabs(*far) < 0.03);
    TeParams longer;
    longer.embedding.target_history = 2;
    longer.embedding.target_delay = 2;
    auto te = transfer_entropy(pair.source, pair.target, longer);
    REQUIRE(te.ok());
    CHECK(std::fabs(*te - kAnalyticTe) < 0.05);
    // Noise is a function of the seed: the same seed, the same value.
    TeParams noisy;
    noisy.ksg.noise = 1e-8;
    noisy.ksg.noise_seed = 42;
    auto first = transfer_entropy(pair.source, pair.target, noisy);
    auto second = transfer_entropy(pair.source, pair.target, noisy);
    REQUIRE(first.ok());
    REQUIRE(second.ok());
    CHECK(*first == *second);
    CHECK(std::fabs(*first - ksg_te(pair.source, pair.target)) < 0.01);
  }

  TEST_CASE("discrete estimator: a copied bit carries ln 2, an independent one nothing") {
    lf::test::Gaussian gauss(3);
    const std::size_t n = 20000;
    std::vector<double> source(n), copy(n), independent(n);
    for (std::size_t t = 0; t < n; ++t) {
      source[t] = gauss() > 0 ? 1.0 : 0.0;
      independent[t] = gauss() > 0 ? 1.0 : 0.0;
    }
    copy[0] = 0.0;
    for (std::size_t t = 1; t < n; ++t) copy[t] = source[t - 1];
    TeParams params;
    params.estimator = Estimator::discrete;
    auto te = transfer_entropy(source, copy, params);
    REQUIRE(te.ok());
    CHECK(*te == doctest::Approx(std::log(2.0)).epsilon(1e-3));
    auto none = transfer_entropy(independent, copy, params);
    REQUIRE(none.ok());
    CHECK(std::fabs(*none) < 0.001);
    // Continuous data binned: the linear-Gaussian pair, 4 quantile bins.
    const auto pair = linear_gaussian(20000, 4);
    params.discrete = {Binning::quantile, 4};
    auto binned = transfer_entropy(pair.source, pair.target, params);
    REQUIRE(binned.ok());
    CHECK(*binned > 0.05);
    CHECK(*binned < kAnalyticTe);
  }

  TEST_CASE("binning: uniform, quantile and distinct values") {
    const std::vector<double> x{0.0, 10.0, 2.0, 2.0, 7.5, 5.0};
    auto uniform = symbolise(x, {Binning::uniform, 4});
    REQUIRE(uniform.ok());
    CHECK(uniform->values == std::vector<std::uint32_t>{0, 3, 0, 0, 3, 2});
    auto quantile = symbolise(x, {Binning::quantile, 3});
    REQUIRE(quantile.ok());
    // Ranks 0..5 → bins 0,0,1,1,2,2; the tied 2.0s share their first rank's bin.
    CHECK(quantile->values == std::vector<std::uint32_t>{0, 2, 0, 0, 2, 1});
    auto distinct = symbolise(x, {Binning::none, 2});
    REQUIRE(distinct.ok());
    CHECK(distinct->values == std::vector<std::uint32_t>{0, 4, 1, 1, 3, 2});
    CHECK(distinct->alphabet == 5);
  }

  TEST_CASE("surrogates: coupled pairs are significant, independent ones are not") {
    const auto pair = linear_gaussian(1000, 21);
    TeParams params;
    auto estimator = TransferEntropy::for_target(pair.target, params);
    REQUIRE(estimator.ok());
    auto source = estimator->prepare_source(pair.source);
    REQUIRE(source.ok());
    auto te = estimator->estimate(*source);
    REQUIRE(te.ok());
    SurrogateParams surrogates{19, 7, SurrogateMethod::shuffle, 0};
    auto test = significance(*estimator, *source, *te, surrogates);
    REQUIRE(test.ok());
    CHECK(test->p_value == doctest::Approx(0.05));  // the minimum for 19 surrogates
    CHECK(test->surrogate_mean < 0.03);
    // Same seed, same surrogates.
    auto again = significance(*estimator, *source, *te, surrogates);
    REQUIRE(again.ok());
    CHECK(again->surrogate_mean == test->surrogate_mean);
    surrogates.method = SurrogateMethod::circular_shift;
    auto shifted = significance(*estimator, *source, *te, surrogates);
    REQUIRE(shifted.ok());
    CHECK(shifted->p_value == doctest::Approx(0.05));

    lf::test::Gaussian gauss(22);
    std::vector<double> unrelated(1000);
    for (auto& v : unrelated) v = gauss();
    auto other = estimator->prepare_source(unrelated);
    REQUIRE(other.ok());
    auto te_other = estimator->estimate(*other);
    REQUIRE(te_other.ok());
    auto null_test =
        significance(*estimator, *other, *te_other, {19, 7, SurrogateMethod::shuffle, 0});
    REQUIRE(null_test.ok());
    CHECK(null_test->p_value > 0.05);
  }

  TEST_CASE("causal graph of a chain 0 -> 1 -> 2 with an independent 3") {
    lf::test::Gaussian gauss(31);
    const std::size_t n = 2000;
    std::vector<std::vector<double>> series(4, std::vector<double>(n));
    for (std::size_t t = 0; t < n; ++t) {
      series[0][t] = gauss();
      series[3][t] = gauss();
      series[1][t] = (t > 0 ? 0.8 * series[0][t - 1] : 0.0) + gauss(0.5);
      series[2][t] = (t > 0 ? 0.8 * series[1][t - 1] : 0.0) + gauss(0.5);
    }
    GraphParams params;
    auto graph = causal_graph(series, params);
    REQUIRE(graph.ok());
    CHECK(graph->nodes == 4);
    CHECK(graph->te_at(0, 0) == 0.0);
    CHECK(graph->te_at(0, 1) > 0.3);
    CHECK(graph->te_at(1, 2) > 0.3);
    REQUIRE(graph->edges.size() == 2);
    CHECK(graph->edges[0].source == 0);
    CHECK(graph->edges[0].target == 1);
    CHECK(graph->edges[1].source == 1);
    CHECK(graph->edges[1].target == 2);
    const Topology shape = topology(*graph);
    CHECK(shape.in_degree == std::vector<double>{0, 1, 1, 0});
    // 1 is the only broker: one of the (n−1)(n−2) = 6 ordered pairs.
    CHECK(shape.betweenness[1] == doctest::Approx(1.0 / 6.0));
    CHECK(shape.weighted_betweenness[1] == doctest::Approx(1.0 / 6.0));
    CHECK(shape.in_degree_gini == doctest::Approx(0.5));

    // With surrogates (on the first 600 samples, to keep the test quick) the
    // chain's edges are significant.
    std::vector<std::vector<double>> head;
    for (const auto& s : series) head.emplace_back(s.begin(), s.begin() + 600);
    params.surrogates = {19, 5, SurrogateMethod::shuffle, 0};
    params.threshold = 0.0;
    auto tested = causal_graph(head, params);
    REQUIRE(tested.ok());
    REQUIRE(tested->p_values.size() == 16);
    CHECK(tested->p_values[0 * 4 + 1] == doctest::Approx(0.05));
    bool has_chain = false;
    for (const auto& e : tested->edges) has_chain = has_chain || (e.source == 1 && e.target == 2);
    CHECK(has_chain);
  }

  TEST_CASE("betweenness: Brandes on small graphs, hop count and weighted") {
    // A diamond 0 -> {1, 2} -> 3: two shortest 0 -> 3 paths by hops.
    const std::vector<Arc> diamond{{0, 1, 1.0}, {0, 2, 5.0}, {1, 3, 1.0}, {2, 3, 1.0}};
    const auto hops = betweenness(4, diamond, false, false);
    CHECK(hops == std::vector<double>{0.0, 0.5, 0.5, 0.0});
    // By length only the path through 1 is shortest.
    const auto weighted = betweenness(4, diamond, true, false);
    CHECK(weighted == std::vector<double>{0.0, 1.0, 0.0, 0.0});
    // A directed path a -> b -> c: b lies on the one pair (a, c).
    const std::vector<Arc> path{{0, 1, 1.0}, {1, 2, 1.0}};
    CHECK(betweenness(3, path, false, true) == std::vector<double>{0.0, 0.5, 0.0});
  }

  TEST_CASE("gini coefficient") {
    CHECK(gini(std::vector<double>{1, 1, 1, 1}) == 0.0);
    CHECK(gini(std::vector<double>{0, 0, 0, 0}) == 0.0);
    CHECK(gini(std::vector<double>{0, 0, 0, 4}) == doctest::Approx(0.75));
    CHECK(gini(std::vector<double>{1, 2, 3, 4}) == doctest::Approx(0.25));
  }

  TEST_CASE("te_gradient: strengthening coupling and a reversal raise alerts") {
    lf::test::Gaussian gauss(41);
    const std::size_t n = 6000;
    std::vector<double> rows;
    rows.reserve(2 * n);
    double a = 0.0, b = 0.0;
    for (std::size_t t = 0; t < n; ++t) {
      // 0 drives 1 with a coupling that grows until t = 3000; then 1 drives 0.
      const double forward = t < 3000 ? 0.9 * static_cast<double>(t) / 3000.0 : 0.0;
      const double backward = t < 3000 ? 0.0 : 0.9;
      const double next_a = backward * b + gauss();
      const double next_b = forward * a + gauss();
      a = next_a;
      b = next_b;
      rows.push_back(a);
      rows.push_back(b);
    }
    TeGradientDetector::Params params;
    params.window = 400;
    params.step = 100;
    params.te.estimator = Estimator::gaussian;
    REQUIRE(TeGradientDetector::check(params).ok());
    TeGradientDetector detector(params);
    REQUIRE(detector.push(rows).ok());
    const auto alerts = detector.take_alerts();
    const auto points = detector.take_points();
    CHECK(points.size() == (n - 400) / 100 + 1);
    bool rising = false, flip = false;
    for (const auto& alert : alerts) {
      CHECK(alert.detector == "te_gradient");
      CHECK(alert.version == "1.0.0");
      if (alert.kind == "rising_forward" && alert.index < 3000) rising = true;
      if (alert.kind == "direction_flip") {
        flip = true;
        CHECK(alert.index > 3000);
        CHECK(alert.index < 3600);
        CHECK(alert.score < 0.0);  // now backward
        CHECK(alert.severity == lf::detect::Severity::critical);
      }
    }
    CHECK(rising);
    CHECK(flip);
    // Streaming in pieces gives the same alerts.
    detector.reset();
    REQUIRE(detector.push(std::span<const double>(rows).first(2 * 2500)).ok());
    REQUIRE(detector.push(std::span<const double>(rows).subspan(2 * 2500)).ok());
    CHECK(detector.take_alerts() == alerts);
  }

  TEST_CASE("fragility: influence converging on one hub is flagged") {
    lf::test::Gaussian gauss(51);
    const std::size_t n = 3000;
    const std::size_t m = 5;
    std::vector<double> rows;
    std::vector<double> previous(m, 0.0);
    for (std::size_t t = 0; t < n; ++t) {
      std::vector<double> now(m);
      for (std::size_t s = 0; s < m; ++s) now[s] = gauss();
      // From t = 1500 every series drives series 0.
      if (t >= 1500) {
        for (std::size_t s = 1; s < m; ++s) now[0] += 0.7 * previous[s];
      }
      rows.insert(rows.end(), now.begin(), now.end());
      previous = now;
    }
    FragilityDetector::Params params;
    params.window = 500;
    params.step = 250;
    params.graph.te.estimator = Estimator::gaussian;
    REQUIRE(FragilityDetector::check(params).ok());
    FragilityDetector detector(m, params);
    REQUIRE(detector.push(rows).ok());
    const auto alerts = detector.take_alerts();
    REQUIRE(alerts.size() == 1);
    CHECK(alerts[0].detector == "fragility");
    CHECK(alerts[0].kind == "fragile_structure");
    CHECK(alerts[0].index >= 1500);
    CHECK(alerts[0].score == doctest::Approx(0.8));  // in-degrees {4, 0, 0, 0, 0}
    const auto points = detector.take_points();
    CHECK(points.front().edges == 0);
  }

  TEST_CASE("bad inputs give typed errors") {
    const auto pair = linear_gaussian(200, 61);
    TeParams params;
    std::vector<double> shorter(pair.source.begin(), pair.source.end() - 1);
    CHECK(error_of(transfer_entropy(shorter, pair.target, params)) ==
          lf::ErrorCode::length_mismatch);
    std::vector<double> with_nan = pair.source;
    with_nan[17] = std::numeric_limits<double>::quiet_NaN();
    CHECK(error_of(transfer_entropy(with_nan, pair.target, params)) ==
          lf::ErrorCode::non_finite_value);
    const std::vector<double> constant(200, 3.0);
    CHECK(error_of(transfer_entropy(constant, pair.target, params)) ==
          lf::ErrorCode::degenerate_input);
    CHECK(error_of(transfer_entropy(pair.source, constant, params)) ==
          lf::ErrorCode::degenerate_input);
    // 7 observations cannot give every point 4 neighbours outside a window of 2.
    const std::vector<double> tiny_source{1, 2, 3, 1, 5, 2, 4, 6};
    const std::vector<double> tiny_target{2, 1, 4, 3, 2, 6, 5, 1};
    params.ksg.theiler_window = 2;
    CHECK(error_of(transfer_entropy(tiny_source, tiny_target, params)) ==
          lf::ErrorCode::insufficient_data);
    params.ksg.theiler_window = 0;
    params.ksg.k = 0;
    CHECK(error_of(transfer_entropy(pair.source, pair.target, params)) ==
          lf::ErrorCode::invalid_parameter);
    CHECK(error_of(transfer_entropy(std::vector<double>{}, std::vector<double>{}, TeParams{})) ==
          lf::ErrorCode::empty_input);
    // Gaussian: a source that is an exact copy of the target's past.
    TeParams gaussian;
    gaussian.estimator = Estimator::gaussian;
    std::vector<double> lagged(200);
    for (std::size_t t = 0; t < 200; ++t) lagged[t] = pair.target[t];
    gaussian.embedding.lag = 1;
    CHECK(error_of(transfer_entropy(lagged, pair.target, gaussian)) ==
          lf::ErrorCode::degenerate_input);
    const std::vector<std::vector<double>> one{pair.source};
    CHECK(error_of(causal_graph(one, GraphParams{})) == lf::ErrorCode::insufficient_data);
  }
}

namespace {

nlohmann::json call(std::string_view route, const nlohmann::json& request, int status = 200) {
  const auto response = lf::api::dispatch(route, request.dump());
  CHECK(response.status == status);
  nlohmann::json body = nlohmann::json::parse(response.body, nullptr, false);
  REQUIRE_FALSE(body.is_discarded());
  return body;
}

}  // namespace

TEST_SUITE("graph") {
  TEST_CASE("te route: the JIDT value, parameters echoed, significance and gradient") {
    const auto data = read_columns("jidt/2coupledRandomCols-1.txt");
    nlohmann::json request{{"source", data[0]}, {"target", data[1]}};
    nlohmann::json body = call("te", request);
    CHECK(std::fabs(body["te"].get<double>() - 0.3058006) < 1e-6);
    CHECK(body["units"] == "nats");
    CHECK(body["estimator"] == "ksg");
    CHECK(body["samples"] == 100);
    CHECK(body["observations"] == 99);
    CHECK(body["parameters"]["ksg"]["k"] == 4);
    CHECK(body["parameters"]["ksg"]["normalisation"] == "series");
    CHECK(body["parameters"]["embedding"]["lag"] == 1);
    CHECK_FALSE(body.contains("significance"));

    request["ksg"] = {{"theiler_window", 10}};
    request["surrogates"] = {{"count", 19}, {"seed", 3}};
    body = call("te", request);
    CHECK(std::fabs(body["te"].get<double>() - 0.2930714) < 1e-6);
    CHECK(body["significance"]["p_value"] == doctest::Approx(0.05));
    CHECK(body["significance"]["surrogates"]["count"] == 19);

    const auto pair = linear_gaussian(1500, 71);
    nlohmann::json rolling{{"source", pair.source},
                           {"target", pair.target},
                           {"estimator", "gaussian"},
                           {"gradient", {{"window", 500}, {"step", 250}, {"slope_points", 2}}}};
    body = call("te", rolling);
    const auto& gradient = body["gradient"];
    CHECK(gradient["detector"] == "te_gradient");
    CHECK(gradient["version"] == "1.0.0");
    REQUIRE(gradient["points"].size() == 5);
    CHECK(gradient["points"][0]["index"] == 499);
    CHECK(gradient["points"][0]["forward_gradient"].is_null());
    CHECK(gradient["points"][1]["forward_gradient"].is_number());
    CHECK(gradient["alerts"].is_array());
  }

  TEST_CASE("te route: estimators and typed errors") {
    const auto pair = linear_gaussian(400, 72);
    nlohmann::json request{{"source", pair.source}, {"target", pair.target}};
    request["estimator"] = "discrete";
    request["discrete"] = {{"binning", "quantile"}, {"bins", 3}};
    nlohmann::json body = call("te", request);
    CHECK(body["estimator"] == "discrete");
    CHECK(body["parameters"]["discrete"]["bins"] == 3);

    nlohmann::json bad{{"source", pair.source}, {"target", std::vector<double>(399, 1.0)}};
    CHECK(call("te", bad, 422)["error"]["code"] == "degenerate_input");
    bad["target"] = std::vector<double>(pair.target.begin(), pair.target.end() - 1);
    CHECK(call("te", bad, 422)["error"]["code"] == "length_mismatch");
    bad["target"] = pair.target;
    bad["source"][5] = nullptr;
    CHECK(call("te", bad, 422)["error"]["code"] == "non_finite_value");
    bad["source"] = pair.source;
    bad["ksg"] = {{"k", 0}};
    CHECK(call("te", bad, 400)["error"]["code"] == "invalid_parameter");
    bad["ksg"] = {{"k", 4}, {"theiler_window", 300}};
    CHECK(call("te", bad, 422)["error"]["code"] == "insufficient_data");
    bad.erase("ksg");
    bad["estimator"] = "kraskov";
    CHECK(call("te", bad, 400)["error"]["code"] == "invalid_parameter");
    bad.erase("estimator");
    bad["extra"] = 1;
    CHECK(call("te", bad, 400)["error"]["code"] == "schema_error");
    CHECK(call("te", nlohmann::json{{"source", "x"}, {"target", pair.target}},
               400)["error"]["code"] == "schema_error");
  }

  TEST_CASE("graph route: matrix, edges, centrality, fragility") {
    lf::test::Gaussian gauss(73);
    const std::size_t n = 1000;
    std::vector<std::vector<double>> series(3, std::vector<double>(n));
    for (std::size_t t = 0; t < n; ++t) {
      series[0][t] = gauss();
      series[2][t] = gauss();
      series[1][t] = (t > 0 ? 0.8 * series[0][t - 1] : 0.0) + gauss(0.5);
    }
    nlohmann::json request{{"series", series}, {"names", {"a", "b", "c"}}};
    nlohmann::json body = call("graph", request);
    CHECK(body["nodes"] == nlohmann::json{"a", "b", "c"});
    CHECK(body["te"][0][0] == 0);
    CHECK(body["te"][0][1].get<double>() > 0.3);
    CHECK(body["p_values"].is_null());
    REQUIRE(body["edges"].size() == 1);
    CHECK(body["edges"][0]["source"] == 0);
    CHECK(body["edges"][0]["target"] == 1);
    CHECK(body["centrality"]["in_degree"] == nlohmann::json{0, 1, 0});
    CHECK(body["concentration"]["in_degree_gini"].get<double>() == doctest::Approx(2.0 / 3.0));
    CHECK(body["parameters"]["threshold"] == 0.05);

    request["estimator"] = "gaussian";
    request["fragility"] = {{"window", 500}, {"step", 250}, {"bound", 0.5}};
    body = call("graph", request);
    CHECK(body["fragility"]["detector"] == "fragility");
    CHECK(body["fragility"]["points"].size() == 3);
    REQUIRE(body["fragility"]["alerts"].size() == 1);
    CHECK(body["fragility"]["alerts"][0]["kind"] == "fragile_structure");

    CHECK(call("graph", nlohmann::json{{"series", {series[0]}}}, 422)["error"]["code"] ==
          "insufficient_data");
    request.erase("fragility");
    request["names"] = {"a"};
    CHECK(call("graph", request, 400)["error"]["code"] == "schema_error");
  }
}

// Fragile network structure (design seed 000 §4.10): causal influence
// concentrating on few nodes. Every `step` rows once `window` rows are in,
// the causal graph of the last `window` rows is built (causal_graph.hpp)
// and the concentration of its in-degrees (or of its weighted betweenness)
// measured by the Gini coefficient. When the concentration crosses above
// `bound`, a `fragile_structure` alert (warning; score: the concentration)
// is raised, even if no single series is anomalous on its own: many links
// converging on one hub, or every path running through one broker, is a
// structure one failure can break. Re-arms once the concentration is back at
// or below the bound. A window whose graph is undefined (e.g. a constant
// stretch in one series) is skipped.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "lf/graph/causal_graph.hpp"
#include "lf/graph/multi_series_detector.hpp"
#include "lf/signal/ring_buffer.hpp"

namespace lf::graph {

enum class Concentration : std::uint8_t { in_degree, betweenness };

std::string_view to_string(Concentration measure) noexcept;
// invalid_parameter for a name other than in_degree, betweenness.
Result<Concentration> parse_concentration(std::string_view name);

struct FragilityPoint {
  std::size_t index;  // the row that completed the window
  std::size_t edges;
  double in_degree_gini;
  double betweenness_gini;
};

class FragilityDetector final : public MultiSeriesDetector {
 public:
  static constexpr std::string_view kName = "fragility";
  static constexpr std::string_view kVersion = "1.0.0";

  struct Params {
    GraphParams graph;
    std::size_t window = 500;
    std::size_t step = 100;
    Concentration measure = Concentration::in_degree;
    double bound = 0.5;

    bool operator==(const Params&) const = default;
  };

  // invalid_parameter for window < 20, step < 1, bound outside [0, 1], or a
  // bad graph parameter.
  static Status check(const Params& params);
  // Call check() first; series >= 2.
  FragilityDetector(std::size_t series, const Params& params);

  std::string_view name() const noexcept override { return kName; }
  std::string_view version() const noexcept override { return kVersion; }
  const Params& params() const noexcept { return params_; }

  // Evaluations made since the last take_points(), oldest first.
  std::vector<FragilityPoint> take_points();

 private:
  void process(std::span<const double> row, std::size_t index) override;
  void clear_state() override;
  void evaluate(std::size_t index);

  Params params_;
  std::vector<signal::RingBuffer<double>> window_;  // one per series
  std::vector<FragilityPoint> points_;
  bool fragile_ = false;
};

}  // namespace lf::graph

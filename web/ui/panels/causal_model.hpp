// The Causal panel's logic, without drawing: aligning the workspace's series
// into the equal-length arrays the graph and emergence routes take, the
// requests, reading the transfer-entropy matrix back, the significance
// filter, and regime labellings for Psi. Checked by
// tests/ui/panels_causal_test.cpp.
//
// Alignment: the graph route needs series of one length whose samples
// correspond. Series sampled at the same instants (columns of one file) are
// aligned on the timestamps they share, when those cover at least half of the
// shortest series; otherwise series of equal length are paired by index
// (sample i with sample i); anything else cannot be aligned and the panel
// says why. Then only the last `max_samples` aligned samples are kept: KSG
// transfer entropy costs O(N log N) per ordered pair and surrogate, so the
// cap keeps one computation within a frame's patience.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lf/common/result.hpp"
#include "lf/detect/alert.hpp"
#include "ui/workspace.hpp"

namespace lf::ui::causal {

enum class Alignment { timestamps, index };
std::string_view to_string(Alignment alignment) noexcept;

struct AlignedSeries {
  Alignment alignment = Alignment::index;
  std::vector<std::string> names;
  std::vector<std::vector<double>> values;  // [series][sample]
  // [series][sample]: where each aligned sample sits in its workspace series.
  std::vector<std::vector<std::size_t>> indices;
  std::size_t available = 0;  // aligned samples before the cap

  std::size_t samples() const noexcept { return values.empty() ? 0 : values.front().size(); }
};

// At least 2 series (insufficient_data otherwise); invalid_argument when they
// can be aligned neither way, naming the lengths and the shared timestamps.
Result<AlignedSeries> align(std::span<const Series* const> series, std::size_t max_samples);

struct GraphSettings {
  std::string estimator = "ksg";  // ksg, gaussian, discrete
  int neighbours = 4;             // ksg.k
  double threshold = 0.05;        // nats: an edge needs TE above it
  int surrogates = 19;            // per ordered pair, for the p-values (0: no test)
  int seed = 1;
  double alpha = 0.05;  // significance level of the route's own edge list
};

nlohmann::json graph_request(const AlignedSeries& aligned, const GraphSettings& settings);

// What one graph request costs, in units of one Gaussian TE estimate over one
// sample: ordered pairs x (1 + surrogates) x samples x the estimator's
// relative cost per sample (gaussian 1, discrete 3, ksg 40: measured with
// the wasm build, docs/DASHBOARD.md). The panel refuses to start more than
// kGraphWorkBudget, about a second in the browser on a loaded machine, so a
// press of Compute never freezes the page for long.
double graph_work(std::size_t series, std::size_t samples, const GraphSettings& settings);
inline constexpr double kGraphWorkBudget = 12e6;

struct FragilitySettings {
  std::size_t window = 0;
  std::size_t step = 0;
  std::string measure = "in_degree";  // in_degree, betweenness
  double bound = 0.5;
};
// Half the samples per window (at least the detector's minimum of 20), ten
// steps across them.
FragilitySettings default_fragility(std::size_t samples);
// The fragility detector's sliding graphs. Without surrogates: each window's
// edges are those above the TE threshold, so the indicator costs a few plain
// graphs rather than (1 + surrogates) times that many.
nlohmann::json fragility_request(const AlignedSeries& aligned, const GraphSettings& settings,
                                 const FragilitySettings& fragility);

// The graph route's matrices: te[i][j] = TE(i -> j), nats; p_values the same
// shape when surrogates were drawn.
struct GraphView {
  std::vector<std::string> nodes;
  std::vector<std::vector<double>> te;
  std::optional<std::vector<std::vector<double>>> p_values;
};
// schema_error when the answer lacks square matrices of the node count.
Result<GraphView> read_graph(const nlohmann::json& body);

struct Edge {
  std::size_t source = 0;
  std::size_t target = 0;
  double te = 0.0;
  std::optional<double> p_value;
};
// The graph route's edge rule applied to its matrices, so the analyst can
// move the significance level without recomputing: TE(i -> j) > max(threshold,
// 0) and, with p-values, p <= alpha. By source, then target.
std::vector<Edge> significant_edges(const GraphView& graph, double threshold, double alpha);
double largest_te(const GraphView& graph);  // over i != j, at least 0

// A regime labelling for Psi: each aligned sample's label is the number of
// alerts on workspace series `member` (an index into aligned) at or before
// that sample, counting only `detector`'s alerts, or every detector's when
// it is empty. Each alert opens a new regime.
std::vector<double> alert_segment_labels(const AlignedSeries& aligned, std::size_t member,
                                         std::span<const detect::Alert> alerts,
                                         std::string_view detector);
std::size_t regime_count(std::span<const double> labels);

struct EmergenceSettings {
  int lag = 1;
  int micro_bins = 4;      // quantile bins for the micro series (plug-in estimator)
  double threshold = 0.1;  // bits: the labelling is accepted when Psi reaches it
};
// Psi of the labelling over the aligned series, with the route's regime
// validation. The labels are symbols, so the discrete (plug-in, bits)
// estimator is used; the micro series are binned into equal-count bins.
nlohmann::json emergence_request(std::span<const double> labels, const AlignedSeries& aligned,
                                 const EmergenceSettings& settings);

}  // namespace lf::ui::causal

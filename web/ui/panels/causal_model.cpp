#include "ui/panels/causal_model.hpp"

#include <algorithm>
#include <set>

#include "ui/panels/json_fields.hpp"

namespace lf::ui::causal {
namespace {

// Fragility's own minimum window (docs/API.md, te_gradient and fragility).
constexpr std::size_t kMinimumWindow = 20;

// The positions, in each series, of the timestamps every series has.
std::vector<std::vector<std::size_t>> shared_timestamps(std::span<const Series* const> series) {
  std::vector<std::vector<std::size_t>> out(series.size());
  std::vector<std::size_t> at(series.size(), 0);
  const auto& first = series[0]->timestamps;
  for (std::size_t i = 0; i < first.size(); ++i) {
    const double t = first[i];
    bool everywhere = true;
    for (std::size_t s = 1; s < series.size(); ++s) {
      const auto& ts = series[s]->timestamps;
      while (at[s] < ts.size() && ts[at[s]] < t) ++at[s];
      everywhere = everywhere && at[s] < ts.size() && ts[at[s]] == t;
    }
    if (!everywhere) continue;
    out[0].push_back(i);
    for (std::size_t s = 1; s < series.size(); ++s) out[s].push_back(at[s]);
  }
  return out;
}

Result<std::vector<std::vector<double>>> square_matrix(const nlohmann::json& body,
                                                       std::string_view key, std::size_t n) {
  const nlohmann::json* node = json_field(body, key);
  if (node == nullptr || !node->is_array() || node->size() != n) {
    return make_error(ErrorCode::schema_error,
                      std::string(key) + " must be " + std::to_string(n) + " rows");
  }
  std::vector<std::vector<double>> out;
  for (const auto& row : *node) {
    if (!row.is_array() || row.size() != n) {
      return make_error(ErrorCode::schema_error,
                        std::string(key) + " rows must hold " + std::to_string(n) + " numbers");
    }
    std::vector<double> values;
    for (const auto& v : row) values.push_back(v.is_number() ? v.get<double>() : 0.0);
    out.push_back(std::move(values));
  }
  return out;
}

nlohmann::json series_values(const AlignedSeries& aligned) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& v : aligned.values) out.push_back(v);
  return out;
}

}  // namespace

std::string_view to_string(Alignment alignment) noexcept {
  return alignment == Alignment::timestamps ? "timestamps" : "index";
}

Result<AlignedSeries> align(std::span<const Series* const> series, std::size_t max_samples) {
  if (series.size() < 2) {
    return make_error(ErrorCode::insufficient_data,
                      "choose at least 2 series: transfer entropy is between series");
  }
  std::size_t shortest = series[0]->values.size();
  bool equal_lengths = true;
  for (const Series* s : series) {
    shortest = std::min(shortest, s->values.size());
    equal_lengths = equal_lengths && s->values.size() == series[0]->values.size();
  }
  AlignedSeries out;
  std::vector<std::vector<std::size_t>> positions = shared_timestamps(series);
  const std::size_t shared = positions[0].size();
  if (shared > 0 && 2 * shared >= shortest) {
    out.alignment = Alignment::timestamps;
  } else if (equal_lengths) {
    out.alignment = Alignment::index;
    for (auto& p : positions) {
      p.resize(shortest);
      for (std::size_t i = 0; i < shortest; ++i) p[i] = i;
    }
  } else {
    std::string lengths;
    for (const Series* s : series) {
      lengths += (lengths.empty() ? "" : ", ") + s->name + " " + std::to_string(s->values.size());
    }
    return make_error(ErrorCode::invalid_argument,
                      "cannot align the series: they share " + std::to_string(shared) +
                          " timestamps (fewer than half of the shortest) and differ in length (" +
                          lengths + ")");
  }
  out.available = positions[0].size();
  const std::size_t keep = std::min(out.available, max_samples);
  const std::size_t skip = out.available - keep;
  for (std::size_t s = 0; s < series.size(); ++s) {
    out.names.push_back(series[s]->name);
    std::vector<std::size_t> kept(positions[s].begin() + static_cast<std::ptrdiff_t>(skip),
                                  positions[s].end());
    std::vector<double> values;
    values.reserve(kept.size());
    for (std::size_t i : kept) values.push_back(series[s]->values[i]);
    out.values.push_back(std::move(values));
    out.indices.push_back(std::move(kept));
  }
  return out;
}

nlohmann::json graph_request(const AlignedSeries& aligned, const GraphSettings& settings) {
  nlohmann::json request = {{"series", series_values(aligned)},
                            {"names", aligned.names},
                            {"estimator", settings.estimator},
                            {"threshold", settings.threshold}};
  if (settings.estimator == "ksg") request["ksg"] = {{"k", settings.neighbours}};
  if (settings.estimator == "discrete") {
    request["discrete"] = {{"binning", "quantile"}, {"bins", 4}};
  }
  if (settings.surrogates > 0) {
    request["surrogates"] = {{"count", settings.surrogates}, {"seed", settings.seed}};
    request["alpha"] = settings.alpha;
  }
  return request;
}

double graph_work(std::size_t series, std::size_t samples, const GraphSettings& settings) {
  const double per_sample = settings.estimator == "ksg"        ? 40.0
                            : settings.estimator == "discrete" ? 3.0
                                                               : 1.0;
  const double pairs = series > 1 ? static_cast<double>(series * (series - 1)) : 0.0;
  return pairs * (1.0 + std::max(settings.surrogates, 0)) * static_cast<double>(samples) *
         per_sample;
}

FragilitySettings default_fragility(std::size_t samples) {
  FragilitySettings out;
  out.window = std::max(kMinimumWindow, samples / 2);
  out.step = std::max<std::size_t>(1, samples / 10);
  return out;
}

nlohmann::json fragility_request(const AlignedSeries& aligned, const GraphSettings& settings,
                                 const FragilitySettings& fragility) {
  GraphSettings plain = settings;
  plain.surrogates = 0;
  nlohmann::json request = graph_request(aligned, plain);
  request["fragility"] = {{"window", fragility.window},
                          {"step", fragility.step},
                          {"measure", fragility.measure},
                          {"bound", fragility.bound}};
  return request;
}

Result<GraphView> read_graph(const nlohmann::json& body) {
  GraphView out;
  const nlohmann::json* nodes = json_field(body, "nodes");
  if (nodes == nullptr || !nodes->is_array()) {
    return make_error(ErrorCode::schema_error, "nodes must be an array of names");
  }
  for (const auto& n : *nodes) out.nodes.push_back(n.is_string() ? n.get<std::string>() : "?");
  auto te = square_matrix(body, "te", out.nodes.size());
  if (!te) return std::move(te).error();
  out.te = std::move(*te);
  const nlohmann::json* p = json_field(body, "p_values");
  if (p != nullptr && !p->is_null()) {
    auto p_values = square_matrix(body, "p_values", out.nodes.size());
    if (!p_values) return std::move(p_values).error();
    out.p_values = std::move(*p_values);
  }
  return out;
}

std::vector<Edge> significant_edges(const GraphView& graph, double threshold, double alpha) {
  std::vector<Edge> out;
  for (std::size_t s = 0; s < graph.te.size(); ++s) {
    for (std::size_t t = 0; t < graph.te.size(); ++t) {
      if (s == t) continue;
      const double te = graph.te[s][t];
      if (!(te > 0.0 && te > threshold)) continue;
      std::optional<double> p;
      if (graph.p_values) {
        p = (*graph.p_values)[s][t];
        if (!(*p <= alpha)) continue;
      }
      out.push_back({s, t, te, p});
    }
  }
  return out;
}

double largest_te(const GraphView& graph) {
  double out = 0.0;
  for (std::size_t s = 0; s < graph.te.size(); ++s) {
    for (std::size_t t = 0; t < graph.te.size(); ++t) {
      if (s != t) out = std::max(out, graph.te[s][t]);
    }
  }
  return out;
}

std::vector<double> alert_segment_labels(const AlignedSeries& aligned, std::size_t member,
                                         std::span<const detect::Alert> alerts,
                                         std::string_view detector) {
  std::vector<std::size_t> opened;  // the sample indices where regimes begin
  for (const auto& a : alerts) {
    if (detector.empty() || a.detector == detector) opened.push_back(a.index);
  }
  std::sort(opened.begin(), opened.end());
  // Detectors agreeing on one sample open one regime, not several.
  opened.erase(std::unique(opened.begin(), opened.end()), opened.end());
  std::vector<double> labels;
  if (member >= aligned.indices.size()) return labels;
  for (std::size_t index : aligned.indices[member]) {
    const auto upto = std::upper_bound(opened.begin(), opened.end(), index) - opened.begin();
    labels.push_back(static_cast<double>(upto));
  }
  return labels;
}

std::size_t regime_count(std::span<const double> labels) {
  return std::set<double>(labels.begin(), labels.end()).size();
}

nlohmann::json emergence_request(std::span<const double> labels, const AlignedSeries& aligned,
                                 const EmergenceSettings& settings) {
  return {{"macro", std::vector<double>(labels.begin(), labels.end())},
          {"micro", series_values(aligned)},
          {"estimator", "discrete"},
          {"lag", settings.lag},
          {"micro_binning", {{"binning", "quantile"}, {"bins", settings.micro_bins}}},
          {"validate", {{"threshold", settings.threshold}}}};
}

}  // namespace lf::ui::causal

#include "ui/panels/causal_panel.hpp"

#include <imgui.h>

#include <algorithm>
#include <array>
#include <limits>

#include "ui/panels/analysis_widgets.hpp"
#include "ui/panels/graph_drawing.hpp"
#include "ui/panels/heat_map.hpp"
#include "ui/panels/json_fields.hpp"

namespace lf::ui {
namespace {

// The graph route's cost grows with the square of the series count.
constexpr std::size_t kMaxSeries = 8;
constexpr std::size_t kDefaultSeries = 4;
constexpr double kAutoUpdateSeconds = 10.0;
constexpr double kNoValue = std::numeric_limits<double>::quiet_NaN();

constexpr std::array<ExplainedOption, 3> kEstimators{{
    {"ksg",
     "Kraskov-Stoegbauer-Grassberger nearest neighbours (as JIDT): no distributional "
     "assumption; the costliest."},
    {"gaussian", "Linear-Gaussian closed form: fast, sees only linear coupling."},
    {"discrete", "Plug-in estimate over 4 equal-count bins per series."},
}};

constexpr std::array<ExplainedOption, 2> kMeasures{{
    {"in_degree", "Gini of the in-degrees: many edges converging on one target."},
    {"betweenness", "Gini of the weighted betweenness: influence routed through one hub."},
}};

std::string edge_tooltip(const causal::GraphView& graph, std::size_t i, std::size_t j,
                         bool significant) {
  std::string text =
      "TE(" + graph.nodes[i] + " -> " + graph.nodes[j] + ") = " + format_number(graph.te[i][j], 5) +
      " nats\nThe information the past of " + graph.nodes[i] + " adds about the next value of " +
      graph.nodes[j] + " beyond " + graph.nodes[j] + "'s own past.";
  if (graph.p_values) {
    text += "\np = " + format_number((*graph.p_values)[i][j], 4) +
            " (share of surrogates, source shuffled, with TE at least this large)";
  }
  text += significant ? "\nAn edge at the current filter." : "\nNot an edge at the current filter.";
  return text;
}

bool is_edge(std::span<const causal::Edge> edges, std::size_t i, std::size_t j) {
  return std::any_of(edges.begin(), edges.end(),
                     [&](const causal::Edge& e) { return e.source == i && e.target == j; });
}

}  // namespace

std::vector<const Series*> CausalPanel::chosen_series(const Workspace& workspace) const {
  std::vector<const Series*> out;
  for (const auto& name : chosen_) {
    if (const Series* s = workspace.find(name)) out.push_back(s);
  }
  return out;
}

std::string CausalPanel::fragility_key() const {
  return std::string(kMeasures[fragility_measure_].name) + '\n' +
         format_number(fragility_bound_, 17);
}

std::string CausalPanel::labelling_key() const {
  return label_series_ + '\n' + label_detector_ + '\n' + std::to_string(emergence_settings_.lag) +
         '\n' + std::to_string(emergence_settings_.micro_bins) + '\n' +
         format_number(emergence_settings_.threshold, 17);
}

void CausalPanel::draw(const Workspace& workspace) {
  ImGui::PushID("causal");
  if (!chosen_by_analyst_) {
    chosen_.clear();
    for (const auto& s : workspace.series()) {
      if (chosen_.size() < kDefaultSeries) chosen_.push_back(s.name);
    }
  }
  run_next_step(workspace);
  draw_inputs(workspace);
  ImGui::Separator();
  draw_status(workspace);
  if (aligned_) {
    draw_graph_results();
    ImGui::Separator();
    draw_fragility();
    ImGui::Separator();
    draw_labelling_inputs(workspace);
    draw_emergence();
  }
  ImGui::PopID();
}

void CausalPanel::draw_inputs(const Workspace& workspace) {
  ImGui::TextUnformatted("Series");
  help_marker(
      "The series whose pairwise transfer entropy is estimated (2 to 8: the cost grows with the "
      "square of the count). Aligned on shared timestamps, or by index when they have equal "
      "lengths.");
  const auto all = workspace.series();
  if (all.size() < 2) {
    ImGui::TextWrapped(
        "Transfer entropy needs at least 2 series: load a file with several "
        "columns, or add a live feed.");
  }
  for (std::size_t i = 0; i < all.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    const auto at = std::find(chosen_.begin(), chosen_.end(), all[i].name);
    bool checked = at != chosen_.end();
    ImGui::BeginDisabled(!checked && chosen_.size() >= kMaxSeries);
    if (ImGui::Checkbox(all[i].name.c_str(), &checked)) {
      chosen_by_analyst_ = true;
      if (checked) {
        chosen_.push_back(all[i].name);
      } else {
        chosen_.erase(at);
      }
    }
    ImGui::EndDisabled();
    explain_last_item(std::to_string(all[i].values.size()) + " samples from " + all[i].origin);
    if (i + 1 < all.size() && (i + 1) % 3 != 0) ImGui::SameLine();
    ImGui::PopID();
  }

  const float field = ImGui::GetFontSize() * 8.0f;
  ImGui::SetNextItemWidth(field);
  ImGui::SliderInt("last N samples", &max_samples_, 50, 5000, "%d", ImGuiSliderFlags_AlwaysClamp);
  help_marker(
      "Only the last N aligned samples enter the estimate, which bounds the work: KSG costs "
      "O(N log N) per ordered pair and surrogate.");
  ImGui::SetNextItemWidth(field);
  explained_combo("estimator", kEstimators, estimator_);
  help_marker(kEstimators[estimator_].explanation);
  settings_.estimator = kEstimators[estimator_].name;
  ImGui::SetNextItemWidth(field);
  ImGui::SliderInt("surrogates", &settings_.surrogates, 0, 199, "%d", ImGuiSliderFlags_AlwaysClamp);
  help_marker(
      "Per ordered pair, TE is recomputed with the source shuffled this many times; p = (1 + "
      "#{surrogate TE >= TE}) / (1 + count). 0: no test. 19 gives p down to 0.05; each "
      "surrogate costs one more estimate.");
  ImGui::SetNextItemWidth(field);
  const double zero = 0.0, one = 1.0;
  ImGui::SliderScalar("TE threshold (nats)", ImGuiDataType_Double, &settings_.threshold, &zero,
                      &one, "%.3f", ImGuiSliderFlags_AlwaysClamp);
  help_marker("An edge needs TE above this many nats, whatever its p-value.");

  // The work a press would start, from the samples it can use at most.
  std::size_t samples = static_cast<std::size_t>(max_samples_);
  const std::vector<const Series*> chosen = chosen_series(workspace);
  for (const Series* s : chosen) samples = std::min(samples, s->values.size());
  const double work = causal::graph_work(chosen.size(), samples, settings_);
  const bool too_much = work > causal::kGraphWorkBudget;
  const bool busy = !pending_.empty();
  ImGui::BeginDisabled(busy || chosen.size() < 2 || too_much);
  if (ImGui::Button("Compute")) schedule(workspace);
  ImGui::EndDisabled();
  explain_last_item(
      "Align the chosen series and run the graph route, the fragility detector and "
      "Psi, one step per frame.");
  ImGui::SameLine();
  ImGui::Checkbox("auto-update", &auto_update_);
  explain_last_item("Recompute when the workspace changes, at most every 10 s.");
  ImGui::SameLine();
  const double share = work / causal::kGraphWorkBudget;
  if (too_much) {
    ImGui::TextColored(ImVec4(0.95f, 0.42f, 0.42f, 1.0f), "work %.0f%% of the budget", 100 * share);
  } else {
    ImGui::TextDisabled("work %.0f%% of the budget", 100 * share);
  }
  explain_last_item(
      "Ordered pairs x (1 + surrogates) x samples x the estimator's cost per sample (ksg 40, "
      "discrete 3, gaussian 1). Over 100% the computation would hold the page for seconds: "
      "choose fewer series, samples or surrogates, or a cheaper estimator.");
  const bool stale = !computed_revision_ || *computed_revision_ != workspace.revision();
  if (auto_update_ && stale && !busy && !too_much && chosen.size() >= 2 &&
      ImGui::GetTime() - computed_at_ >= kAutoUpdateSeconds) {
    schedule(workspace);
  }
}

void CausalPanel::schedule(const Workspace& workspace) {
  const std::vector<const Series*> series = chosen_series(workspace);
  computed_revision_ = workspace.revision();
  computed_at_ = ImGui::GetTime();
  computed_settings_ = settings_;
  graph_reply_ = {};
  fragility_reply_ = {};
  emergence_reply_ = {};
  graph_.reset();
  fragility_key_.clear();
  emergence_key_.clear();
  pending_.clear();
  auto aligned = causal::align(series, static_cast<std::size_t>(max_samples_));
  if (!aligned) {
    aligned_.reset();
    align_error_code_ = std::string(to_string(aligned.error().code));
    align_error_ = aligned.error().message;
    return;
  }
  align_error_code_.clear();
  align_error_.clear();
  aligned_ = std::move(*aligned);
  if (std::find(aligned_->names.begin(), aligned_->names.end(), label_series_) ==
      aligned_->names.end()) {
    label_series_ = aligned_->names.front();
  }
  pending_ = {Step::graph, Step::fragility, Step::emergence};
  step_ran_last_frame_ = true;  // let this frame show the status first
}

void CausalPanel::run_next_step(const Workspace& workspace) {
  if (pending_.empty() || !aligned_) return;
  if (step_ran_last_frame_) {
    step_ran_last_frame_ = false;
    return;
  }
  const Step step = pending_.front();
  pending_.erase(pending_.begin());
  step_ran_last_frame_ = true;
  switch (step) {
    case Step::graph: {
      graph_reply_ = call_route("graph", causal::graph_request(*aligned_, computed_settings_));
      graph_.reset();
      if (!graph_reply_.failed()) {
        auto view = causal::read_graph(graph_reply_.body);
        if (view) graph_ = std::move(*view);
      }
      break;
    }
    case Step::fragility: {
      causal::FragilitySettings fragility = causal::default_fragility(aligned_->samples());
      fragility.measure = kMeasures[fragility_measure_].name;
      fragility.bound = fragility_bound_;
      fragility_key_ = fragility_key();
      fragility_reply_ =
          call_route("graph", causal::fragility_request(*aligned_, computed_settings_, fragility));
      break;
    }
    case Step::emergence: {
      std::size_t member = 0;
      for (std::size_t i = 0; i < aligned_->names.size(); ++i) {
        if (aligned_->names[i] == label_series_) member = i;
      }
      const Series* source = workspace.find(aligned_->names[member]);
      labels_ = source != nullptr ? causal::alert_segment_labels(*aligned_, member, source->alerts,
                                                                 label_detector_)
                                  : std::vector<double>{};
      emergence_key_ = labelling_key();
      emergence_reply_ = call_route(
          "emergence", causal::emergence_request(labels_, *aligned_, emergence_settings_));
      break;
    }
  }
}

void CausalPanel::draw_status(const Workspace& workspace) {
  if (!align_error_.empty()) {
    inline_error(align_error_code_, align_error_);
    return;
  }
  if (!aligned_) {
    ImGui::TextDisabled("Choose the series and press Compute.");
    return;
  }
  const char* how = aligned_->alignment == causal::Alignment::timestamps
                        ? "aligned on shared timestamps"
                        : "aligned by index (equal lengths, no shared timestamps)";
  ImGui::Text("%s: the last %zu of %zu samples", how, aligned_->samples(), aligned_->available);
  explain_last_item(
      "Series sampled at the same instants are paired on the timestamps they share (when these "
      "cover at least half of the shortest series); otherwise series of equal length are paired "
      "sample by sample.");
  if (!pending_.empty()) {
    const char* step = pending_.front() == Step::graph       ? "transfer entropy graph"
                       : pending_.front() == Step::fragility ? "fragility windows"
                                                             : "Psi";
    ImGui::TextColored(ImVec4(0.85f, 0.65f, 0.15f, 1.0f), "computing: %s (%zu step%s left)", step,
                       pending_.size(), pending_.size() == 1 ? "" : "s");
  } else if (computed_revision_ != workspace.revision()) {
    ImGui::TextDisabled("The workspace changed since this was computed: press Compute to update.");
  }
}

void CausalPanel::draw_graph_results() {
  if (graph_reply_.failed()) {
    route_error(graph_reply_);
    return;
  }
  if (!graph_) return;
  const causal::GraphView& graph = *graph_;
  ImGui::TextDisabled("graph route: %zu series, %zu samples, %s, %.0f ms", graph.nodes.size(),
                      aligned_->samples(), computed_settings_.estimator.c_str(),
                      graph_reply_.milliseconds);

  const bool tested = graph.p_values.has_value();
  if (tested) {
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8.0f);
    const double low = 0.001, high = 1.0;
    ImGui::SliderScalar("significance (max p)", ImGuiDataType_Double, &filter_alpha_, &low, &high,
                        "%.3f", ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp);
    help_marker(
        "Edges are drawn when TE exceeds the threshold and its p-value is at most this. "
        "The smallest p the surrogates can give is 1 / (1 + surrogates).");
    ImGui::SameLine();
    ImGui::TextDisabled("(smallest possible p: %s)",
                        format_number(1.0 / (1.0 + computed_settings_.surrogates), 3).c_str());
  } else {
    ImGui::TextDisabled("No surrogates: edges by the TE threshold alone.");
  }
  const std::vector<causal::Edge> edges =
      causal::significant_edges(graph, computed_settings_.threshold, filter_alpha_);
  const double te_max = causal::largest_te(graph);

  ImGui::TextUnformatted("Transfer entropy matrix (row -> column)");
  help_marker(
      "Cell (i, j) is TE(i -> j) in nats, coloured from 0 to the largest off-diagonal "
      "value. Negative estimates (KSG's bias at independence) take the colour of 0.");
  const HeatMapCell cell = draw_heat_map(graph.nodes, graph.te, te_max, "nats", true);
  if (cell.row >= 0) {
    const auto i = static_cast<std::size_t>(cell.row), j = static_cast<std::size_t>(cell.column);
    ImGui::BeginTooltip();
    ImGui::TextUnformatted(edge_tooltip(graph, i, j, is_edge(edges, i, j)).c_str());
    ImGui::EndTooltip();
  }

  ImGui::TextUnformatted("Causal graph");
  help_marker(
      "Nodes are the series; an arrow i -> j is an edge at the current filter, its width "
      "proportional to TE. Pairwise TE: a common driver or a chain can also show as an "
      "edge.");
  ImGui::SameLine();
  ImGui::TextDisabled("%zu edge%s", edges.size(), edges.size() == 1 ? "" : "s");
  const float side = std::clamp(ImGui::GetContentRegionAvail().x, 160.0f, 420.0f);
  const int hovered = draw_causal_graph(graph.nodes, edges, te_max, side);
  if (hovered >= 0) {
    const causal::Edge& e = edges[static_cast<std::size_t>(hovered)];
    ImGui::BeginTooltip();
    ImGui::TextUnformatted(edge_tooltip(graph, e.source, e.target, true).c_str());
    ImGui::EndTooltip();
  }
  const nlohmann::json& concentration = json_member(graph_reply_.body, "concentration");
  figure("in-degree Gini",
         format_number(json_number(concentration, "in_degree_gini").value_or(kNoValue)),
         "How unevenly the edges converge on targets: 0 even, (n - 1)/n all on one node.");
  ImGui::SameLine();
  figure("betweenness Gini",
         format_number(json_number(concentration, "betweenness_gini").value_or(kNoValue)),
         "How unevenly the shortest paths pass through nodes: a high value is a hub.");
}

void CausalPanel::draw_fragility() {
  ImGui::TextUnformatted("Fragility");
  help_marker(
      "The graph recomputed over sliding windows (half the samples, 10 steps; TE threshold only, "
      "no surrogates, to stay cheap). A fragile_structure alert fires when the chosen Gini "
      "crosses above the bound: influence converging on one hub, even when no series is "
      "anomalous alone.");
  const float field = ImGui::GetFontSize() * 8.0f;
  ImGui::SetNextItemWidth(field);
  int measure = fragility_measure_;
  explained_combo("measure", kMeasures, measure);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(field);
  const double zero = 0.0, one = 1.0;
  double bound = fragility_bound_;
  ImGui::SliderScalar("bound", ImGuiDataType_Double, &bound, &zero, &one, "%.2f",
                      ImGuiSliderFlags_AlwaysClamp);
  fragility_measure_ = measure;
  fragility_bound_ = bound;
  // A new measure or bound reruns the windows once the slider is released.
  const bool queued =
      std::find(pending_.begin(), pending_.end(), Step::fragility) != pending_.end();
  if (!queued && !fragility_key_.empty() && fragility_key_ != fragility_key() &&
      !ImGui::IsAnyItemActive()) {
    pending_.push_back(Step::fragility);
  }

  if (fragility_reply_.failed()) {
    route_error(fragility_reply_);
    return;
  }
  const nlohmann::json& result = json_member(fragility_reply_.body, "fragility");
  const nlohmann::json& points = json_member(result, "points");
  if (!points.is_array() || points.empty()) {
    if (fragility_reply_.status == 200) {
      ImGui::TextDisabled("Too few samples for one window.");
    }
    return;
  }
  const std::string key =
      std::string(json_string(json_member(result, "parameters"), "measure")) == "betweenness"
          ? "betweenness_gini"
          : "in_degree_gini";
  std::vector<float> curve;
  for (const auto& p : points) curve.push_back(static_cast<float>(json_number(p, key).value_or(0)));
  const double latest = curve.back();
  const double used_bound =
      json_number(json_member(result, "parameters"), "bound").value_or(fragility_bound_);
  const std::size_t alerts = json_member(result, "alerts").size();
  if (latest > used_bound) {
    badge("FRAGILE", kCautionColour,
          "The latest window's concentration is above the bound: influence converges on few "
          "nodes.");
  } else {
    badge("distributed", kGoodColour, "The latest window's concentration is within the bound.");
  }
  ImGui::SameLine();
  figure("latest Gini", format_number(latest, 3), "The chosen concentration in the last window.");
  ImGui::SameLine();
  figure("alerts", std::to_string(alerts), "fragile_structure alerts over the windows.");
  ImGui::PlotLines(
      "##gini", curve.data(), static_cast<int>(curve.size()), 0, nullptr, 0.0f, 1.0f,
      ImVec2(std::min(ImGui::GetContentRegionAvail().x, 320.0f), ImGui::GetFontSize() * 3.0f));
  explain_last_item("The concentration per window (0 to 1), oldest first, " +
                    std::to_string(curve.size()) + " windows.");
}

void CausalPanel::draw_labelling_inputs(const Workspace& workspace) {
  ImGui::TextUnformatted("Emergence of a regime labelling (Psi)");
  help_marker(
      "Is a labelling of the samples into regimes a real macroscopic variable? Psi = I(V_t; "
      "V_t+lag) - sum_j I(X^j_t; V_t+lag): how much better the labels predict their own future "
      "than the series do one at a time (bits, plug-in estimator). Accepted when Psi reaches the "
      "threshold. The labels: the segments between the alerts of a detector on a series.");
  if (label_series_.empty() || std::find(aligned_->names.begin(), aligned_->names.end(),
                                         label_series_) == aligned_->names.end()) {
    label_series_ = aligned_->names.front();
  }
  const float field = ImGui::GetFontSize() * 8.0f;
  ImGui::SetNextItemWidth(field);
  if (ImGui::BeginCombo("alerts of series", label_series_.c_str())) {
    for (const auto& name : aligned_->names) {
      if (ImGui::Selectable(name.c_str(), name == label_series_)) label_series_ = name;
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(field);
  const Series* source = workspace.find(label_series_);
  if (ImGui::BeginCombo("from detector",
                        label_detector_.empty() ? "any detector" : label_detector_.c_str())) {
    if (ImGui::Selectable("any detector", label_detector_.empty())) label_detector_.clear();
    if (source != nullptr) {
      for (const auto& d : source->detector_descriptions) {
        if (ImGui::Selectable(d.name.c_str(), d.name == label_detector_)) label_detector_ = d.name;
      }
    }
    ImGui::EndCombo();
  }
  ImGui::SetNextItemWidth(field);
  ImGui::SliderInt("lag", &emergence_settings_.lag, 1, 50, "%d", ImGuiSliderFlags_AlwaysClamp);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(field);
  ImGui::SliderInt("micro bins", &emergence_settings_.micro_bins, 2, 16, "%d",
                   ImGuiSliderFlags_AlwaysClamp);
  explain_last_item(
      "The series are binned into this many equal-count bins for the plug-in "
      "estimate.");
  ImGui::SetNextItemWidth(field);
  const double zero = 0.0, two = 2.0;
  ImGui::SliderScalar("accept at Psi >= (bits)", ImGuiDataType_Double,
                      &emergence_settings_.threshold, &zero, &two, "%.2f",
                      ImGuiSliderFlags_AlwaysClamp);
  const bool queued =
      std::find(pending_.begin(), pending_.end(), Step::emergence) != pending_.end();
  if (!queued && !emergence_key_.empty() && emergence_key_ != labelling_key() &&
      !ImGui::IsAnyItemActive()) {
    pending_.push_back(Step::emergence);
  }
}

void CausalPanel::draw_emergence() const {
  if (emergence_reply_.failed()) {
    route_error(emergence_reply_);
    return;
  }
  if (emergence_reply_.status != 200) return;
  const nlohmann::json& body = emergence_reply_.body;
  const nlohmann::json& validation = json_member(body, "validation");
  const std::string units = json_string(body, "units", "bits");
  ImGui::Text("%zu regimes over %zu samples", causal::regime_count(labels_), labels_.size());
  if (json_bool(validation, "accepted").value_or(false)) {
    badge("ACCEPTED", kGoodColour, "Psi reaches the threshold: the labels are causally emergent.");
  } else {
    badge("REJECTED", kBadColour, "The labelling is not a meaningful macroscopic variable.");
  }
  const auto show = [&](const char* label, const char* key, const char* tooltip) {
    ImGui::SameLine();
    const std::optional<double> v = json_number(body, key);
    figure(label, v ? format_number(*v) + " " + units : "n/a", tooltip);
  };
  show("Psi", "psi",
       "Causal emergence: > 0 means the labels predict their future better than "
       "the series do one at a time.");
  show("Delta", "delta",
       "Downward causation: > 0 when the labels predict some series' future "
       "beyond the series themselves.");
  show("Gamma", "gamma", "max_j I(V_t; X^j_t+lag). Psi > 0 with Gamma = 0: causal decoupling.");
  const nlohmann::json& reasons = json_member(validation, "reasons");
  if (reasons.is_array()) {
    for (const auto& r : reasons) {
      if (r.is_string()) ImGui::BulletText("%s", r.get<std::string>().c_str());
    }
  }
}

nlohmann::json CausalPanel::snapshot() const {
  nlohmann::json out = {
      {"series", chosen_},
      {"computing", !pending_.empty()},
      {"alignment", nullptr},
      {"samples", nullptr},
      {"available", nullptr},
      {"estimator", computed_settings_.estimator},
      {"surrogates", computed_settings_.surrogates},
      {"threshold", computed_settings_.threshold},
      {"significance", filter_alpha_},
      {"nodes", nullptr},
      {"te", nullptr},
      {"p_values", nullptr},
      {"edges", nlohmann::json::array()},
      {"concentration", nullptr},
      {"fragility", nullptr},
      {"emergence", nullptr},
      {"errors",
       {{"alignment", align_error_.empty()
                          ? nlohmann::json(nullptr)
                          : nlohmann::json{{"code", align_error_code_}, {"message", align_error_}}},
        {"graph", graph_reply_.error_json()},
        {"fragility", fragility_reply_.error_json()},
        {"emergence", emergence_reply_.error_json()}}}};
  if (!aligned_) return out;
  out["alignment"] = std::string(causal::to_string(aligned_->alignment));
  out["samples"] = aligned_->samples();
  out["available"] = aligned_->available;
  if (graph_) {
    out["nodes"] = graph_->nodes;
    out["te"] = graph_->te;
    if (graph_->p_values) out["p_values"] = *graph_->p_values;
    for (const auto& e :
         causal::significant_edges(*graph_, computed_settings_.threshold, filter_alpha_)) {
      out["edges"].push_back({{"source", graph_->nodes[e.source]},
                              {"target", graph_->nodes[e.target]},
                              {"te", e.te},
                              {"p_value", e.p_value ? nlohmann::json(*e.p_value) : nullptr}});
    }
    out["concentration"] = json_member(graph_reply_.body, "concentration");
  }
  const nlohmann::json& fragility = json_member(fragility_reply_.body, "fragility");
  if (fragility.is_object()) {
    const nlohmann::json& points = json_member(fragility, "points");
    out["fragility"] = {
        {"parameters", json_member(fragility, "parameters")},
        {"windows", points.is_array() ? points.size() : 0},
        {"latest", points.is_array() && !points.empty() ? points.back() : nlohmann::json(nullptr)},
        {"alerts", json_member(fragility, "alerts").size()}};
  }
  if (emergence_reply_.status == 200 && !emergence_reply_.failed()) {
    const nlohmann::json& body = emergence_reply_.body;
    out["emergence"] = {{"labelling",
                         {{"series", label_series_},
                          {"detector", label_detector_.empty() ? nlohmann::json(nullptr)
                                                               : nlohmann::json(label_detector_)},
                          {"regimes", causal::regime_count(labels_)}}},
                        {"psi", json_member(body, "psi")},
                        {"delta", json_member(body, "delta")},
                        {"gamma", json_member(body, "gamma")},
                        {"units", json_member(body, "units")},
                        {"validation", json_member(body, "validation")}};
  }
  return out;
}

}  // namespace lf::ui

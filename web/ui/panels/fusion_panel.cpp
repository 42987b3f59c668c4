#include "ui/panels/fusion_panel.hpp"

#include <imgui.h>

#include <algorithm>
#include <array>
#include <string_view>

#include "ui/panels/analysis_widgets.hpp"
#include "ui/panels/json_fields.hpp"

namespace lf::ui {
namespace {

// docs/API.md, "Combination rules".
constexpr std::array<ExplainedOption, 7> kRules{{
    {"dempster",
     "Drops the conflicting products and renormalises by 1 - K. For reliable, independent "
     "sources that mostly agree; undefined at K = 1 and misleading near it."},
    {"yager", "Moves the conflict to Theta (don't know): conflict becomes ignorance."},
    {"pcr5",
     "Gives each conflicting product back to the two claims in proportion to their masses: "
     "for high conflict between specific claims. Applied pairwise in source order."},
    {"murphy",
     "Averages the sources, then combines the average with itself by Dempster's rule: a single "
     "faulty dissenter is damped instead of vetoing."},
    {"dubois_prade", "Moves a conflicting product to the union of the two claims."},
    {"conjunctive",
     "Keeps the conflict on the empty set (Smets' open world): the mass on 'neither' is K."},
    {"disjunctive",
     "Every product goes to the union: at least one source is right, nobody knows which. Never "
     "conflicts, rarely decides."},
}};

constexpr const char* kWindowHelp =
    "The samples the detectors' verdicts are read over. A detector that alerted in the window "
    "supports the hypothesis its strongest alert names; a silent one supports 'stable' for the "
    "part of the window it could see (past its warm-up).";

std::string verdict_text(const fusion::Evidence& e, std::size_t window_samples) {
  if (e.alert) {
    return e.alert->kind + " (" + std::string(detect::to_string(e.alert->severity)) + ") @" +
           std::to_string(e.alert->index);
  }
  if (e.watched == 0) return "blind until sample " + std::to_string(e.warm_up - 1);
  return "silent, saw " + std::to_string(e.watched) + "/" + std::to_string(window_samples);
}

std::string verdict_tooltip(const fusion::Evidence& e) {
  std::string text;
  if (e.alert) {
    text = "Strongest alert in the window: score " + format_number(e.alert->score, 6) +
           " (detector-specific, docs/DETECTORS.md), timestamp " +
           format_number(e.alert->timestamp, 10) + ".";
    if (!e.alert->detail.empty()) text += "\n" + e.alert->detail;
  } else if (e.watched == 0) {
    text = "The detector needs " + std::to_string(e.warm_up) +
           " samples before it can alert at all, so its silence says nothing: all its mass goes "
           "to Theta.";
  } else {
    text =
        "No alert in the window. Silence supports 'stable' with 2/3 of the mass, scaled by "
        "the share of the window the detector could see (warm-up: " +
        std::to_string(e.warm_up) + " samples).";
  }
  return text + "\nBefore discounting: " + format_number(e.commitment) + " on {" +
         std::string(e.hypothesis) + "}, the rest on Theta.";
}

const nlohmann::json* source_in(const nlohmann::json& body, const std::string& name) {
  const nlohmann::json* sources = json_field(body, "sources");
  if (sources == nullptr || !sources->is_array()) return nullptr;
  for (const auto& s : *sources) {
    if (json_string(s, "name") == name) return &s;
  }
  return nullptr;
}

// The measures of the single hypothesis `name`, from the fuse answer.
const nlohmann::json* measures_of(const nlohmann::json& body, std::string_view name) {
  const nlohmann::json* measures = json_field(body, "measures");
  if (measures == nullptr || !measures->is_array()) return nullptr;
  for (const auto& m : *measures) {
    const nlohmann::json* set = json_field(m, "set");
    if (set != nullptr && set->is_array() && set->size() == 1 && (*set)[0].is_string() &&
        (*set)[0].get<std::string>() == name) {
      return &m;
    }
  }
  return nullptr;
}

nlohmann::json masses_json(const fusion::Masses& m) {
  return {{"regime_change", m.regime_change},
          {"stable", m.stable},
          {"theta", m.either},
          {"empty", m.none}};
}

void header(const char* name, std::string_view tooltip) {
  ImGui::TableNextColumn();
  ImGui::TableHeader(name);
  explain_last_item(tooltip);
}

void number_cell(double value) {
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(format_number(value).c_str());
}

}  // namespace

double& FusionPanel::reliability(const std::string& detector) {
  for (auto& [name, value] : reliabilities_) {
    if (name == detector) return value;
  }
  reliabilities_.emplace_back(detector, fusion::kDefaultReliability);
  return reliabilities_.back().second;
}

void FusionPanel::draw(const Workspace& workspace) {
  ImGui::PushID("fusion");
  const Series* series = series_combo("Series", workspace, series_name_);
  help_marker(
      "Every detector enabled on this series is one source of evidence about one question: did "
      "the series change regime within the window? Frame {regime_change, stable}.");
  if (series == nullptr || series->values.empty()) {
    ImGui::TextWrapped("No samples yet: load a series (Data) or start a live feed.");
    has_window_ = false;
    evidence_.clear();
    reply_ = {};
    ImGui::PopID();
    return;
  }
  if (!series->analysis_error.empty()) inline_error("analysis", series->analysis_error);
  draw_window_controls(*series);
  draw_rule_controls();
  update(workspace, *series);
  ImGui::Separator();
  draw_sources();
  ImGui::Separator();
  draw_fused();
  ImGui::PopID();
}

void FusionPanel::draw_window_controls(const Series& series) {
  const int samples = static_cast<int>(std::min<std::size_t>(series.values.size(), 1 << 30));
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10.0f);
  ImGui::SliderInt("window (samples)", &window_length_, 1, std::max(samples, 1), "%d",
                   ImGuiSliderFlags_AlwaysClamp);
  help_marker(kWindowHelp);
  ImGui::Checkbox("follow the latest sample", &follow_latest_);
  explain_last_item("Keep the window on the newest samples (a live series grows).");
  if (follow_latest_) window_end_ = samples - 1;
  if (!follow_latest_) {
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10.0f);
    ImGui::SliderInt("window ends at sample", &window_end_, 0, samples - 1, "%d",
                     ImGuiSliderFlags_AlwaysClamp);
  }
  // The same window update() reads the evidence over.
  if (const auto window =
          fusion::window_ending_at(series.values.size(), static_cast<std::size_t>(window_end_),
                                   static_cast<std::size_t>(window_length_))) {
    ImGui::TextDisabled("window: samples %zu-%zu, timestamps %s to %s", window->first, window->last,
                        format_number(series.timestamps[window->first], 10).c_str(),
                        format_number(series.timestamps[window->last], 10).c_str());
  }
}

void FusionPanel::draw_rule_controls() {
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10.0f);
  explained_combo("rule", kRules, rule_);
  help_marker(kRules[rule_].explanation);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10.0f);
  const double zero = 0.0, one = 1.0;
  ImGui::SliderScalar("contested above K", ImGuiDataType_Double, &contested_threshold_, &zero, &one,
                      "%.2f", ImGuiSliderFlags_AlwaysClamp);
  help_marker(
      "The result is CONTESTED when the sources' conflict K (the mass their combination puts on "
      "contradictions) exceeds this threshold: show the disagreement, not a conclusion.");
}

void FusionPanel::update(const Workspace& workspace, const Series& series) {
  const auto window =
      fusion::window_ending_at(series.values.size(), static_cast<std::size_t>(window_end_),
                               static_cast<std::size_t>(window_length_));
  has_window_ = window.has_value();
  if (!window) return;
  if (gathered_revision_ != workspace.revision() || gathered_series_ != series.name ||
      window->first != window_.first || window->last != window_.last) {
    evidence_ = fusion::gather_evidence(series, *window);
    gathered_revision_ = workspace.revision();
    gathered_series_ = series.name;
    window_ = *window;
  }
  if (evidence_.empty()) {
    request_ = nullptr;
    reply_ = {};
    return;
  }
  std::vector<double> reliabilities;
  for (const auto& e : evidence_) reliabilities.push_back(reliability(e.detector));
  nlohmann::json request =
      fusion::fuse_request(evidence_, reliabilities, {kRules[rule_].name, contested_threshold_});
  if (request == request_) return;
  request_ = std::move(request);
  reply_ = call_route("fuse", request_);
}

void FusionPanel::draw_sources() {
  ImGui::TextUnformatted("Sources");
  help_marker(
      "Each detector's mass function as it entered the combination: its verdict over the "
      "window, discounted by its reliability r (every mass times r, the rest to Theta).");
  if (evidence_.empty()) {
    ImGui::TextWrapped("No detector has analysed this series: enable some in Detectors.");
    return;
  }
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_Resizable;
  if (!ImGui::BeginTable("sources", 6, flags)) return;
  ImGui::TableSetupColumn("detector");
  ImGui::TableSetupColumn("verdict", ImGuiTableColumnFlags_WidthStretch, 2.0f);
  ImGui::TableSetupColumn("reliability");
  ImGui::TableSetupColumn("m(change)");
  ImGui::TableSetupColumn("m(stable)");
  ImGui::TableSetupColumn("m(Theta)");
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  header("detector", "The detector (one source per detector name).");
  header("verdict", "What the detector said about the window's samples (hover a row).");
  header("reliability", "How far the analyst trusts this detector, in [0, 1] (Shafer discount).");
  header("m(change)", "Mass on {regime_change} after discounting.");
  header("m(stable)", "Mass on {stable} after discounting.");
  header("m(Theta)", "Mass on Theta = {regime_change, stable}: 'don't know'.");
  for (const auto& e : evidence_) {
    ImGui::PushID(e.detector.c_str());
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(e.detector.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(verdict_text(e, window_.size()).c_str());
    explain_last_item(verdict_tooltip(e));
    ImGui::TableNextColumn();
    ImGui::SetNextItemWidth(-1.0f);
    const double zero = 0.0, one = 1.0;
    ImGui::SliderScalar("##reliability", ImGuiDataType_Double, &reliability(e.detector), &zero,
                        &one, "%.2f", ImGuiSliderFlags_AlwaysClamp);
    const nlohmann::json* source = reply_.failed() ? nullptr : source_in(reply_.body, e.detector);
    if (source != nullptr) {
      const fusion::Masses m = fusion::read_masses(json_member(*source, "masses"));
      number_cell(m.regime_change);
      number_cell(m.stable);
      number_cell(m.either);
    } else {
      for (int i = 0; i < 3; ++i) ImGui::TableNextColumn();
    }
    ImGui::PopID();
  }
  ImGui::EndTable();
}

void FusionPanel::draw_fused() const {
  ImGui::TextUnformatted("Fused");
  help_marker("The sources combined by the core's fuse route under the chosen rule.");
  if (reply_.failed()) {
    route_error(reply_);
    return;
  }
  if (reply_.status != 200) return;
  const nlohmann::json& body = reply_.body;
  const double conflict = json_number(body, "conflict").value_or(0.0);
  const bool contested = json_bool(body, "contested").value_or(false);
  if (contested) {
    badge("CONTESTED", kBadColour,
          "The sources disagree: K exceeds the threshold. Read the fused masses as a measure of "
          "the disagreement, not as the answer.");
  } else {
    badge("consistent", kGoodColour, "K is at or below the contested threshold.");
  }
  ImGui::SameLine();
  figure("conflict K", format_number(conflict),
         "K: the mass the sources' combination puts on contradictions (the sum of the products "
         "of masses whose focal sets do not intersect), in [0, 1]. The same whatever the rule.");
  ImGui::SameLine();
  const std::optional<double> weight = json_number(body, "weight_of_conflict");
  figure("weight of conflict", weight ? format_number(*weight) : "infinite",
         "-ln(1 - K), in nats of evidence: 0 when the sources agree, infinite at total conflict.");

  const fusion::Masses fused = fusion::read_masses(json_member(body, "masses"));
  const ImGuiTableFlags flags =
      ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("fused", 5, flags)) return;
  ImGui::TableSetupColumn("hypothesis");
  ImGui::TableSetupColumn("mass");
  ImGui::TableSetupColumn("belief");
  ImGui::TableSetupColumn("plausibility");
  ImGui::TableSetupColumn("pignistic");
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  header("hypothesis", "A focal set of the fused mass function.");
  header("mass", "The fused mass on exactly this set.");
  header("belief", "Bel: the evidence that implies the hypothesis (a lower bound).");
  header("plausibility", "Pl: the evidence that does not contradict it (an upper bound).");
  header("pignistic",
         "BetP: the probability to decide with (Theta's mass shared equally); Bel <= BetP <= Pl.");
  for (const std::string_view name : {fusion::kRegimeChange, fusion::kStable}) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(name.data(), name.data() + name.size());
    number_cell(name == fusion::kRegimeChange ? fused.regime_change : fused.stable);
    const nlohmann::json* m = measures_of(body, name);
    for (const char* measure : {"belief", "plausibility", "pignistic"}) {
      number_cell(m != nullptr ? json_number(*m, measure).value_or(0.0) : 0.0);
    }
  }
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::TextUnformatted("Theta (don't know)");
  number_cell(fused.either);
  if (fused.none > 0.0) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted("empty set (neither)");
    number_cell(fused.none);
  }
  ImGui::EndTable();
  ImGui::TextDisabled("fuse route, %.1f ms", reply_.milliseconds);
}

nlohmann::json FusionPanel::snapshot() const {
  nlohmann::json out = {{"series", has_window_ ? nlohmann::json(gathered_series_) : nullptr},
                        {"rule", kRules[rule_].name},
                        {"contested_threshold", contested_threshold_},
                        {"window", nullptr},
                        {"sources", nlohmann::json::array()},
                        {"fused", nullptr},
                        {"error", reply_.error_json()}};
  if (!has_window_) return out;
  out["window"] = {{"first", window_.first}, {"last", window_.last}, {"samples", window_.size()}};
  for (const auto& e : evidence_) {
    nlohmann::json alert = nullptr;
    if (e.alert) {
      alert = {{"kind", e.alert->kind},
               {"severity", std::string(detect::to_string(e.alert->severity))},
               {"index", e.alert->index},
               {"score", e.alert->score}};
    }
    const nlohmann::json* source = reply_.failed() ? nullptr : source_in(reply_.body, e.detector);
    double reliability = fusion::kDefaultReliability;
    for (const auto& [name, value] : reliabilities_) {
      if (name == e.detector) reliability = value;
    }
    out["sources"].push_back(
        {{"detector", e.detector},
         {"verdict", e.alert ? "alert" : (e.watched == 0 ? "warming_up" : "silent")},
         {"alert", alert},
         {"warm_up", e.warm_up},
         {"watched", e.watched},
         {"hypothesis", std::string(e.hypothesis)},
         {"commitment", e.commitment},
         {"reliability", reliability},
         {"masses", source != nullptr
                        ? masses_json(fusion::read_masses(json_member(*source, "masses")))
                        : nlohmann::json(nullptr)}});
  }
  if (reply_.status == 200 && !reply_.failed()) {
    const nlohmann::json& body = reply_.body;
    nlohmann::json pignistic = nlohmann::json::object(), belief = nlohmann::json::object(),
                   plausibility = nlohmann::json::object();
    for (const std::string_view name : {fusion::kRegimeChange, fusion::kStable}) {
      if (const nlohmann::json* m = measures_of(body, name)) {
        pignistic[std::string(name)] = json_number(*m, "pignistic").value_or(0.0);
        belief[std::string(name)] = json_number(*m, "belief").value_or(0.0);
        plausibility[std::string(name)] = json_number(*m, "plausibility").value_or(0.0);
      }
    }
    const nlohmann::json* weight = json_field(body, "weight_of_conflict");
    out["fused"] = {{"masses", masses_json(fusion::read_masses(json_member(body, "masses")))},
                    {"belief", belief},
                    {"plausibility", plausibility},
                    {"pignistic", pignistic},
                    {"conflict", json_number(body, "conflict").value_or(0.0)},
                    {"weight_of_conflict", weight != nullptr ? *weight : nlohmann::json(nullptr)},
                    {"contested", json_bool(body, "contested").value_or(false)}};
  }
  return out;
}

}  // namespace lf::ui

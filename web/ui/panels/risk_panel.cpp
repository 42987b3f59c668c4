#include "ui/panels/risk_panel.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <chrono>
#include <cmath>

#include "ui/panels/analysis_widgets.hpp"
#include "ui/panels/json_fields.hpp"

namespace lf::ui {
namespace {

constexpr double kBreakerRefreshSeconds = 1.0;
constexpr std::size_t kMaxEvents = 40;
constexpr std::size_t kCorrelationWindowLimit = 4;  // index of correlation_window in kLimits
constexpr std::size_t kDefaultCorrelationWindow = 30;

// The caller's clock the risk routes expect: Unix time.
double unix_seconds() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

ImU32 mode_colour(std::string_view mode) {
  if (mode == "normal") return kGoodColour;
  if (mode == "reduced" || mode == "paused") return kCautionColour;
  return kBadColour;
}

ImU32 breaker_colour(std::string_view state) {
  if (state == "closed") return kGoodColour;
  if (state == "half_open" || state == "metrics_only" || state == "disabled") {
    return kCautionColour;
  }
  return kBadColour;
}

std::string short_hash(std::string_view hash) {
  return std::string(hash.substr(0, 12)) + (hash.size() > 12 ? "..." : "");
}

std::string upper(std::string text) {
  for (char& c : text) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return text;
}

void header(const char* name, std::string_view tooltip) {
  ImGui::TableNextColumn();
  ImGui::TableHeader(name);
  explain_last_item(tooltip);
}

void text_cell(std::string_view text) {
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(text.data(), text.data() + text.size());
}

std::string number_or_dash(const nlohmann::json& object, std::string_view key, int digits = 4) {
  const std::optional<double> v = json_number(object, key);
  return v ? format_number(*v, digits) : std::string("-");
}

bool input_number(const char* label, double& value, const char* format = "%.6g") {
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8.0f);
  return ImGui::InputDouble(label, &value, 0.0, 0.0, format);
}

}  // namespace

RiskPanel::RiskPanel() : check_form_(risk::example_check_form()) {}

void RiskPanel::collect(const RouteReply& reply) {
  const nlohmann::json& lines = json_member(reply.body, "audit_lines");
  if (!lines.is_array() || lines.empty()) return;
  for (const auto& line : lines) {
    if (line.is_string()) audit_log_.push_back(line.get<std::string>());
  }
  // Another route changed the trading state (a drawdown trip, a breaker
  // cascade): show the new mode now.
  if (reply.route != "risk/state") refresh_state();
}

void RiskPanel::remember_events(const RouteReply& reply) {
  const nlohmann::json& events = json_member(reply.body, "events");
  if (events.is_array()) {
    for (const auto& e : events) events_.push_back(e);
  }
  if (events_.size() > kMaxEvents) {
    events_.erase(events_.begin(),
                  events_.begin() + static_cast<std::ptrdiff_t>(events_.size() - kMaxEvents));
  }
}

void RiskPanel::refresh_state() {
  state_ = call_route("risk/state", nlohmann::json::object());
  collect(state_);
}

void RiskPanel::refresh_breakers() {
  breakers_ = call_route("breaker/state", {{"now_ms", unix_seconds() * 1000.0}});
  breakers_refreshed_at_ = ImGui::GetTime();
  collect(breakers_);
  remember_events(breakers_);
}

void RiskPanel::draw(const Workspace& workspace) {
  ImGui::PushID("risk");
  if (state_.status == 0) refresh_state();
  if (ImGui::GetTime() - breakers_refreshed_at_ >= kBreakerRefreshSeconds) refresh_breakers();
  if (ImGui::CollapsingHeader("Trading state", ImGuiTreeNodeFlags_DefaultOpen)) {
    draw_trading_state();
  }
  if (ImGui::CollapsingHeader("Circuit breakers", ImGuiTreeNodeFlags_DefaultOpen)) {
    draw_breakers();
  }
  if (ImGui::CollapsingHeader("What-if pre-trade check", ImGuiTreeNodeFlags_DefaultOpen)) {
    draw_check_form(workspace);
    draw_check_result();
  }
  ImGui::PopID();
}

void RiskPanel::draw_trading_state() {
  if (state_.failed()) {
    route_error(state_);
    return;
  }
  const nlohmann::json& body = state_.body;
  const std::string mode = json_string(body, "mode", "unknown");
  ImGui::TextUnformatted("mode");
  ImGui::SameLine();
  badge(upper(mode), mode_colour(mode),
        "normal: all orders; reduced: only orders that reduce a position; paused: no orders; "
        "emergency: only liquidations, latched until an operator resets it to paused.");
  ImGui::SameLine();
  if (ImGui::SmallButton("refresh")) refresh_state();

  const risk::KillSwitchView kill = risk::kill_switch_view(body);
  ImGui::TextUnformatted("kill switch");
  ImGui::SameLine();
  if (kill.engaged) {
    badge("ENGAGED", kBadColour,
          "The trading state is latched in emergency: only liquidations pass until an operator "
          "moves it to paused, then normal.");
    ImGui::SameLine();
    ImGui::TextWrapped("by %s%s%s",
                       kill.cause.empty() ? "an earlier transition" : kill.cause.c_str(),
                       kill.detail.empty() ? "" : ": ", kill.detail.c_str());
  } else {
    badge("released", kGoodColour,
          "The state is not latched in emergency. The physical switch is read by the native GPIO "
          "host (lf gpio run), which trips its own state; this process reports its own.");
  }

  figure("audit records",
         std::to_string(static_cast<long long>(json_number(body, "audit_records").value_or(0.0))),
         "Transitions recorded in this process's hash-chained audit log.");
  ImGui::SameLine();
  figure("head", short_hash(json_string(body, "audit_head")),
         "The hash of the last audit record: it commits to every record before it.");

  draw_transition_form();

  const nlohmann::json& transitions = json_member(body, "transitions");
  if (transitions.is_array() && !transitions.empty()) {
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                  ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_ScrollY;
    const float height = ImGui::GetTextLineHeightWithSpacing() *
                         static_cast<float>(std::min<std::size_t>(transitions.size(), 6) + 1);
    if (ImGui::BeginTable("transitions", 6, flags, {0.0f, height})) {
      ImGui::TableSetupScrollFreeze(0, 1);
      ImGui::TableSetupColumn("seq");
      ImGui::TableSetupColumn("time (s)");
      ImGui::TableSetupColumn("from -> to");
      ImGui::TableSetupColumn("by");
      ImGui::TableSetupColumn("why", ImGuiTableColumnFlags_WidthStretch, 2.0f);
      ImGui::TableSetupColumn("record hash");
      ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
      header("seq", "The record's position in the audit chain.");
      header("time (s)", "The caller's timestamp, Unix seconds.");
      header("from -> to", "The mode change.");
      header("by", "Manual: the actor. Trip: the cause (drawdown, kill_switch, ...).");
      header("why", "Manual: the reason given. Trip: the monitor's detail.");
      header("record hash", "SHA-256 of the canonical record (docs/VERIFY.md, 'Audit log').");
      // Newest first.
      for (auto it = transitions.rbegin(); it != transitions.rend(); ++it) {
        auto entry = risk::read_audit_line(json_string(*it, "audit_line"));
        ImGui::TableNextRow();
        text_cell(number_or_dash(*it, "seq", 10));
        text_cell(number_or_dash(*it, "timestamp", 12));
        text_cell(json_string(*it, "from") + " -> " + json_string(*it, "to"));
        const bool trip = json_string(*it, "kind") == "trip";
        text_cell(trip ? "trip: " + json_string(*it, "cause") : json_string(*it, "actor"));
        text_cell(json_string(*it, trip ? "detail" : "reason"));
        text_cell(entry ? short_hash(entry->hash) : std::string("unreadable"));
      }
      ImGui::EndTable();
    }
  }
  draw_audit();
}

void RiskPanel::draw_transition_form() {
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7.0f);
  ImGui::Combo("to", &transition_to_, risk::kModes.data(), static_cast<int>(risk::kModes.size()));
  explain_last_item(
      "Emergency latches: from it, only paused is allowed. A transition to the "
      "current mode is refused.");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6.0f);
  ImGui::InputText("actor", &actor_);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 13.0f);
  ImGui::InputTextWithHint("reason", "required", &reason_);
  ImGui::SameLine();
  if (ImGui::Button("Request transition")) {
    transition_ =
        call_route("risk/state", {{"to", risk::kModes[static_cast<std::size_t>(transition_to_)]},
                                  {"actor", actor_},
                                  {"reason", reason_},
                                  {"timestamp", unix_seconds()}});
    collect(transition_);
    if (!transition_.failed()) {
      state_ = transition_;
    }
  }
  explain_last_item("risk/state with to, actor, reason and this machine's time: audited.");
  route_error(transition_);
}

void RiskPanel::draw_audit() {
  ImGui::AlignTextToFramePadding();
  ImGui::Text("audit lines collected: %zu", audit_log_.size());
  explain_last_item(
      "Every answer that added audit records (risk/state, risk/check under the "
      "process's state, breaker cascades that trip it) carried their lines; the "
      "panel keeps them as a host would persist them.");
  ImGui::SameLine();
  ImGui::BeginDisabled(audit_log_.empty());
  if (ImGui::Button("Verify chain")) {
    std::string log;
    for (const auto& line : audit_log_) log += line;
    nlohmann::json request = {{"log", log}};
    if (const auto head = json_field(state_.body, "audit_head")) request["expected_head"] = *head;
    if (const auto records = json_number(state_.body, "audit_records")) {
      request["expected_records"] = static_cast<long long>(*records);
    }
    audit_check_ = call_route("audit/verify", request);
  }
  ImGui::EndDisabled();
  explain_last_item(
      "audit/verify over the collected lines, anchored on the state's head and "
      "record count: names the first bad line if any record was lost or altered.");
  if (audit_check_.status == 0) return;
  if (audit_check_.failed()) {
    route_error(audit_check_);
    return;
  }
  ImGui::SameLine();
  if (json_bool(audit_check_.body, "intact").value_or(false)) {
    badge("INTACT", kGoodColour, "Every record links to the one before and the head matches.");
  } else {
    const nlohmann::json& bad = json_member(audit_check_.body, "first_bad");
    badge("BROKEN", kBadColour, "The chain does not verify.");
    ImGui::SameLine();
    ImGui::TextWrapped("line %s: %s %s", number_or_dash(bad, "line", 10).c_str(),
                       json_string(bad, "reason").c_str(), json_string(bad, "detail").c_str());
  }
}

void RiskPanel::draw_breakers() {
  if (breakers_.failed()) {
    route_error(breakers_);
  } else {
    const nlohmann::json& global = json_member(breakers_.body, "global");
    const std::string state = json_string(global, "state", "closed");
    ImGui::TextUnformatted("global");
    ImGui::SameLine();
    badge(upper(state), breaker_colour(state),
          "Open when at least 3 breakers exist and at least half of them are open: then this "
          "process's trading state is paused (breaker_cascade).");
    ImGui::SameLine();
    ImGui::Text("%s of %s components open", number_or_dash(global, "open_components", 6).c_str(),
                number_or_dash(global, "components", 6).c_str());
    const nlohmann::json& list = json_member(breakers_.body, "breakers");
    if (list.is_array() && !list.empty()) {
      const ImGuiTableFlags flags =
          ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp;
      if (ImGui::BeginTable("breakers", 6, flags)) {
        ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
        header("component", "The breaker's name.");
        header("state", "closed, open, half_open, disabled, forced_open or metrics_only.");
        header("failure rate (%)", "Failed calls in the window, percent; - below minimum calls.");
        header("calls", "Calls in the current window (half-open: the probes reported).");
        header("refused", "Calls not permitted since the last transition.");
        header("opens to probes in (s)", "Open: seconds until calls may probe (half-open).");
        const double now_ms = unix_seconds() * 1000.0;
        for (const auto& b : list) {
          ImGui::TableNextRow();
          text_cell(json_string(b, "name"));
          ImGui::TableNextColumn();
          const std::string s = json_string(b, "state");
          ImGui::PushStyleColor(ImGuiCol_Text, breaker_colour(s));
          ImGui::TextUnformatted(s.c_str());
          ImGui::PopStyleColor();
          text_cell(number_or_dash(b, "failure_rate"));
          text_cell(number_or_dash(b, "calls", 10));
          text_cell(number_or_dash(b, "not_permitted", 10));
          const std::optional<double> until = json_number(b, "open_until_ms");
          text_cell(until ? format_number(std::max(0.0, (*until - now_ms) / 1000.0), 3) : "-");
        }
        ImGui::EndTable();
      }
    } else {
      ImGui::TextDisabled("No breakers yet: record a call outcome below to create one.");
    }
  }
  draw_breaker_forms();
  if (!events_.empty() && ImGui::TreeNode("events", "Recent events (%zu)", events_.size())) {
    for (auto it = events_.rbegin(); it != events_.rend(); ++it) {
      ImGui::BulletText("%s", json_text(*it).c_str());
    }
    ImGui::TreePop();
  }
}

void RiskPanel::draw_breaker_forms() {
  const float narrow = ImGui::GetFontSize() * 7.0f;
  ImGui::SetNextItemWidth(narrow);
  ImGui::InputText("component", &component_);
  explain_last_item("1-64 letters, digits and _ - . : /. Created by its first recorded call.");
  ImGui::SameLine();
  if (ImGui::RadioButton("success", outcome_success_)) outcome_success_ = true;
  ImGui::SameLine();
  if (ImGui::RadioButton("failure", !outcome_success_)) outcome_success_ = false;
  ImGui::SetNextItemWidth(narrow);
  ImGui::InputDouble("duration (ms)", &duration_ms_, 0.0, 0.0, "%.0f");
  ImGui::SameLine();
  if (ImGui::Button("Record call")) {
    breaker_action_ = call_route(
        "breaker/record", risk::breaker_record_request(component_, outcome_success_, duration_ms_,
                                                       unix_seconds() * 1000.0, config_));
    collect(breaker_action_);
    remember_events(breaker_action_);
    refresh_breakers();
  }
  explain_last_item("breaker/record: one finished call and its outcome, as the component saw it.");
  if (ImGui::TreeNode("new breakers' configuration")) {
    ImGui::SetNextItemWidth(narrow);
    ImGui::InputInt("window size (calls)", &config_.window_size);
    ImGui::SetNextItemWidth(narrow);
    ImGui::InputInt("minimum calls", &config_.minimum_calls);
    input_number("failure rate threshold (%)", config_.failure_rate_threshold, "%.1f");
    input_number("wait in open (ms)", config_.wait_in_open_ms, "%.0f");
    ImGui::SetNextItemWidth(narrow);
    ImGui::InputInt("probes in half-open", &config_.permitted_calls_in_half_open);
    ImGui::TextDisabled(
        "A breaker keeps the configuration it was created with; sending another "
        "one for it is an invalid_argument.");
    ImGui::TreePop();
  }

  ImGui::SetNextItemWidth(narrow);
  ImGui::Combo("move to", &breaker_to_, risk::kBreakerStates.data(),
               static_cast<int>(risk::kBreakerStates.size()));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(narrow);
  ImGui::InputText("by##breaker", &breaker_actor_);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 13.0f);
  ImGui::InputTextWithHint("because##breaker", "required", &breaker_reason_);
  ImGui::SameLine();
  if (ImGui::Button("Move breaker")) {
    breaker_action_ =
        call_route("breaker/transition",
                   risk::breaker_transition_request(
                       component_, risk::kBreakerStates[static_cast<std::size_t>(breaker_to_)],
                       breaker_actor_, breaker_reason_, unix_seconds() * 1000.0));
    collect(breaker_action_);
    remember_events(breaker_action_);
    refresh_breakers();
  }
  explain_last_item(
      "breaker/transition by an operator (closed = reset). closed -> half_open and "
      "metrics_only -> open/half_open are refused.");

  ImGui::SetNextItemWidth(narrow);
  ImGui::InputText("when open", &cascade_source_);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 13.0f);
  ImGui::InputText("also open", &cascade_dependants_);
  explain_last_item("The dependants, comma-separated.");
  ImGui::SameLine();
  if (ImGui::Button("Add cascade")) {
    breaker_action_ = call_route(
        "breaker/cascade", risk::breaker_cascade_request(cascade_source_, cascade_dependants_));
    refresh_breakers();
  }
  explain_last_item(
      "breaker/cascade: whenever the source opens, each dependant is tripped. Both "
      "must exist.");
  route_error(breaker_action_);
}

void RiskPanel::draw_check_form(const Workspace& workspace) {
  risk::CheckForm& f = check_form_;
  ImGui::TextUnformatted("Order");
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6.0f);
  ImGui::InputText("instrument", &f.instrument);
  ImGui::SameLine();
  int side = f.buy ? 0 : 1;
  ImGui::RadioButton("buy", &side, 0);
  ImGui::SameLine();
  ImGui::RadioButton("sell", &side, 1);
  f.buy = side == 0;
  ImGui::SameLine();
  input_number("quantity", f.quantity);
  ImGui::Checkbox("market", &f.market);
  explain_last_item("A market order has no limit price: it is valued at the last price.");
  if (!f.market) {
    ImGui::SameLine();
    input_number("limit price", f.price);
  }
  ImGui::Checkbox("##stop", &f.has_stop_loss);
  ImGui::SameLine();
  ImGui::BeginDisabled(!f.has_stop_loss);
  input_number("stop-loss", f.stop_loss);
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::Checkbox("##take", &f.has_take_profit);
  ImGui::SameLine();
  ImGui::BeginDisabled(!f.has_take_profit);
  input_number("take-profit", f.take_profit);
  ImGui::EndDisabled();
  input_number("leverage", f.leverage, "%.2f");
  ImGui::SameLine();
  ImGui::Checkbox("reduce only", &f.reduce_only);

  ImGui::TextUnformatted("Portfolio");
  ImGui::Checkbox("##equity", &f.has_equity);
  explain_last_item("Unticked: equity unknown, which the engine rejects (missing_account_data).");
  ImGui::SameLine();
  ImGui::BeginDisabled(!f.has_equity);
  input_number("equity", f.equity, "%.2f");
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::Checkbox("##cash", &f.has_cash);
  ImGui::SameLine();
  ImGui::BeginDisabled(!f.has_cash);
  input_number("cash", f.cash, "%.2f");
  ImGui::EndDisabled();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16.0f);
  ImGui::InputText("equity curve", &f.equity_curve);
  explain_last_item("Past equity, oldest first: its peak sets the drawdown.");

  if (ImGui::TreeNodeEx("positions", ImGuiTreeNodeFlags_DefaultOpen, "Positions (%zu)",
                        f.positions.size())) {
    for (std::size_t i = 0; i < f.positions.size(); ++i) {
      ImGui::PushID(static_cast<int>(i));
      ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5.0f);
      ImGui::InputText("##instrument", &f.positions[i].instrument);
      ImGui::SameLine();
      input_number("quantity (signed)", f.positions[i].quantity);
      ImGui::SameLine();
      input_number("entry", f.positions[i].entry_price);
      ImGui::SameLine();
      const bool remove = ImGui::SmallButton("x");
      ImGui::PopID();
      if (remove) {
        f.positions.erase(f.positions.begin() + static_cast<std::ptrdiff_t>(i));
        break;
      }
    }
    if (ImGui::SmallButton("add position")) f.positions.push_back({"", 0.0, 0.0});
    ImGui::TreePop();
  }
  if (ImGui::TreeNodeEx("prices", ImGuiTreeNodeFlags_DefaultOpen, "Price histories (%zu)",
                        f.prices.size())) {
    std::size_t window = kDefaultCorrelationWindow;
    if (f.limits[kCorrelationWindowLimit].enabled) {
      window = static_cast<std::size_t>(std::max(1.0, f.limits[kCorrelationWindowLimit].value));
    }
    for (std::size_t i = 0; i < f.prices.size(); ++i) {
      ImGui::PushID(static_cast<int>(i));
      ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5.0f);
      ImGui::InputText("##instrument", &f.prices[i].instrument);
      ImGui::SameLine();
      ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14.0f);
      ImGui::InputText("##prices", &f.prices[i].prices);
      explain_last_item("Prices oldest first, every one > 0; the last is the current price.");
      ImGui::SameLine();
      ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6.0f);
      if (ImGui::BeginCombo("##from", "from series")) {
        for (const auto& s : workspace.series()) {
          if (!ImGui::Selectable(s.name.c_str())) continue;
          // The correlation needs window + 1 prices: take the series' last ones.
          const std::size_t take = std::min(s.values.size(), window + 1);
          std::string text;
          bool positive = true;
          for (std::size_t k = s.values.size() - take; k < s.values.size(); ++k) {
            positive = positive && s.values[k] > 0.0;
            text += (text.empty() ? "" : ", ") + format_number(s.values[k], 10);
          }
          if (positive) {
            f.prices[i].prices = text;
            form_error_.clear();
          } else {
            form_error_ = "series " + s.name + " has values <= 0: not a price history";
          }
        }
        ImGui::EndCombo();
      }
      explain_last_item("Fill with the last correlation_window + 1 values of a workspace series.");
      ImGui::SameLine();
      const bool remove = ImGui::SmallButton("x");
      ImGui::PopID();
      if (remove) {
        f.prices.erase(f.prices.begin() + static_cast<std::ptrdiff_t>(i));
        break;
      }
    }
    if (ImGui::SmallButton("add instrument")) f.prices.push_back({"", ""});
    ImGui::TreePop();
  }
  if (ImGui::TreeNode("limits", "Limits (%zu overridden)",
                      static_cast<std::size_t>(
                          std::count_if(f.limits.begin(), f.limits.end(),
                                        [](const risk::LimitOverride& l) { return l.enabled; })))) {
    for (std::size_t i = 0; i < risk::kLimits.size(); ++i) {
      ImGui::PushID(static_cast<int>(i));
      ImGui::Checkbox("##override", &f.limits[i].enabled);
      ImGui::SameLine();
      ImGui::BeginDisabled(!f.limits[i].enabled);
      input_number(risk::kLimits[i].name, f.limits[i].value,
                   risk::kLimits[i].integer ? "%.0f" : "%.6g");
      ImGui::EndDisabled();
      explain_last_item(std::string(risk::kLimits[i].explanation) +
                        " Unticked: the core's default.");
      ImGui::PopID();
    }
    ImGui::TreePop();
  }

  ImGui::TextUnformatted("Judge under");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7.0f);
  ImGui::BeginDisabled(judge_under_process_state_);
  ImGui::Combo("##mode", &judge_mode_, risk::kModes.data(), static_cast<int>(risk::kModes.size()));
  ImGui::EndDisabled();
  explain_last_item("A scratch state in this mode: the process's state does not change.");
  ImGui::SameLine();
  ImGui::Checkbox("the process's trading state", &judge_under_process_state_);
  explain_last_item(
      "Judge under this process's state instead: a drawdown at max_drawdown then "
      "trips it to emergency (audited).");
  f.mode = judge_under_process_state_ ? std::string()
                                      : risk::kModes[static_cast<std::size_t>(judge_mode_)];
  input_number("now (s)", f.now, "%.3f");
  ImGui::SameLine();
  if (ImGui::SmallButton("use this machine's time")) f.now = unix_seconds();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14.0f);
  ImGui::InputText("earlier submits (s)", &f.recent_submits);
  explain_last_item("Times of orders already approved elsewhere, for the submit-rate limit.");

  if (ImGui::Button("Check order")) {
    auto request = risk::check_request(f);
    if (!request) {
      form_error_ = request.error().message;
      check_ = {};
    } else {
      form_error_.clear();
      check_ = call_route("risk/check", *request);
      collect(check_);
    }
  }
  ImGui::SameLine();
  if (ImGui::SmallButton("load the docs/API.md example")) {
    check_form_ = risk::example_check_form();
    judge_under_process_state_ = false;
    judge_mode_ = 0;
  }
  if (!form_error_.empty()) inline_error("invalid_argument", form_error_);
}

void RiskPanel::draw_check_result() const {
  if (check_.failed()) {
    route_error(check_);
    return;
  }
  if (check_.status != 200) return;
  const nlohmann::json& body = check_.body;
  const std::string decision = json_string(body, "decision");
  const ImU32 colour = decision == "approved"          ? kGoodColour
                       : decision == "modify_required" ? kCautionColour
                                                       : kBadColour;
  badge(upper(decision), colour,
        "approved: send it with the stop and take-profit below; modify_required: move the stop "
        "as suggested; rejected: the first failing rule decides.");
  ImGui::SameLine();
  const std::string reason = json_string(body, "reason");
  if (!reason.empty()) {
    figure("rule", reason, "The reason code of the first failing rule (docs/RISK.md).");
    ImGui::SameLine();
  }
  figure("intent", json_string(body, "intent"),
         "open (opens or adds), reduce (reduce_only, smaller than the position) or liquidate.");
  ImGui::SameLine();
  figure("judged under", json_string(body, "mode"), "The mode the order was judged under.");
  const std::string message = json_string(body, "message");
  if (!message.empty()) ImGui::TextWrapped("%s", message.c_str());
  if (json_bool(body, "kill_switch_tripped").value_or(false)) {
    badge("THIS CHECK TRIPPED THE STATE", kBadColour,
          "The drawdown reached max_drawdown: the process's trading state is now in emergency.");
  }
  if (const std::optional<double> score = json_number(body, "risk_score")) {
    figure("risk score", format_number(*score),
           "The largest fraction of any limit the order uses, in [0, 1]: 1 is at a limit.");
  }
  for (const char* key : {"suggested_quantity", "suggested_stop_loss"}) {
    if (const std::optional<double> v = json_number(body, key)) {
      ImGui::SameLine();
      figure(key, format_number(*v, 8), "The closest value the failing rule would allow.");
    }
  }
  const nlohmann::json& figures = json_member(body, "figures");
  if (figures.is_object() &&
      ImGui::BeginTable("figures", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
    for (const auto& [name, value] : figures.items()) {
      ImGui::TableNextRow();
      text_cell(name);
      text_cell(value.is_number() ? format_number(value.get<double>(), 8)
                                  : std::string("not reached"));
    }
    ImGui::EndTable();
  }
}

nlohmann::json RiskPanel::snapshot() const {
  const risk::KillSwitchView kill = risk::kill_switch_view(state_.body);
  nlohmann::json transitions = nlohmann::json::array();
  const nlohmann::json& recent = json_member(state_.body, "transitions");
  if (recent.is_array()) {
    for (const auto& t : recent) {
      if (!t.is_object()) continue;
      nlohmann::json copy = t;
      copy.erase("audit_line");
      transitions.push_back(std::move(copy));
    }
  }
  nlohmann::json breakers = nlohmann::json::array();
  const nlohmann::json& list = json_member(breakers_.body, "breakers");
  if (list.is_array()) {
    for (const auto& b : list) {
      breakers.push_back({{"name", json_member(b, "name")},
                          {"state", json_member(b, "state")},
                          {"failure_rate", json_member(b, "failure_rate")},
                          {"calls", json_member(b, "calls")}});
    }
  }
  nlohmann::json check = nullptr;
  if (check_.status == 200 && !check_.failed()) {
    check = {{"decision", json_member(check_.body, "decision")},
             {"reason", json_member(check_.body, "reason")},
             {"message", json_member(check_.body, "message")},
             {"intent", json_member(check_.body, "intent")},
             {"mode", json_member(check_.body, "mode")},
             {"risk_score", json_member(check_.body, "risk_score")},
             {"kill_switch_tripped", json_member(check_.body, "kill_switch_tripped")}};
  }
  nlohmann::json audit_check = nullptr;
  if (audit_check_.status != 0 && !audit_check_.failed()) {
    audit_check = {{"intact", json_member(audit_check_.body, "intact")},
                   {"records", json_member(audit_check_.body, "records")},
                   {"first_bad", json_member(audit_check_.body, "first_bad")}};
  }
  return {{"mode", json_member(state_.body, "mode")},
          {"audit_records", json_member(state_.body, "audit_records")},
          {"audit_head", json_member(state_.body, "audit_head")},
          {"kill_switch",
           {{"engaged", kill.engaged},
            {"cause", kill.engaged ? nlohmann::json(kill.cause) : nlohmann::json(nullptr)},
            {"since", kill.since ? nlohmann::json(*kill.since) : nlohmann::json(nullptr)}}},
          {"transitions", std::move(transitions)},
          {"audit", {{"collected", audit_log_.size()}, {"check", std::move(audit_check)}}},
          {"breakers",
           {{"global", json_member(breakers_.body, "global")}, {"list", std::move(breakers)}}},
          {"check", std::move(check)},
          {"errors",
           {{"state", state_.error_json()},
            {"transition", transition_.error_json()},
            {"breakers", breakers_.error_json()},
            {"breaker_action", breaker_action_.error_json()},
            {"check", check_.failed()
                          ? check_.error_json()
                          : (form_error_.empty() ? nlohmann::json(nullptr)
                                                 : nlohmann::json{{"code", "invalid_argument"},
                                                                  {"message", form_error_}})},
            {"audit", audit_check_.error_json()}}}};
}

}  // namespace lf::ui

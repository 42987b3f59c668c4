#include "gpio/audit_persist.hpp"

#include <nlohmann/json.hpp>
#include <ostream>

namespace lf::gpio {
namespace {

using Json = nlohmann::json;

void log_transition(const risk::Transition& t, std::ostream& log) {
  log << "lf gpio: " << risk::to_string(t.from) << " -> " << risk::to_string(t.to) << " ("
      << (t.cause ? "trip " + std::string(risk::to_string(*t.cause)) : "by " + t.actor) << ": "
      << t.reason << ")" << std::endl;
}

}  // namespace

Status persist_transitions(risk::TradingState& state, storage::AuditLogFile& file,
                           std::ostream& log) {
  const std::vector<std::string> lines = state.drain_audit_lines();
  const auto& recent = state.recent_transitions();
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const Json record = Json::parse(lines[i], nullptr, false);
    if (record.is_discarded() || !record.is_object() || record.value("type", "") != "entry") {
      return make_error(ErrorCode::storage_error,
                        "the trading state produced an audit line that is not an entry");
    }
    const std::string data = record["data"].dump(-1, ' ', false, Json::error_handler_t::replace);
    if (auto s = file.append(data); !s) return s;
    // The drained lines record the last lines.size() transitions.
    const std::size_t back = lines.size() - i;
    if (back <= recent.size()) log_transition(recent[recent.size() - back], log);
  }
  if (file.chain().head() != state.audit_head()) {
    return make_error(ErrorCode::storage_error,
                      "the audit file's chain (head " + file.chain().head() +
                          ") and the trading state's (head " + state.audit_head() + ") disagree");
  }
  return {};
}

}  // namespace lf::gpio

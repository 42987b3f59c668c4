// Moves the trading state's new audit records into the audit log file.
//
// The state (lf/risk/trading_state.hpp) produces chain lines but does no
// I/O; storage::AuditLogFile appends records with fsync. Both chains start
// from the same log, so appending each new record's data to the file
// reproduces the state's line byte for byte; the heads are compared after
// every batch to prove it. `lf audit verify FILE` checks the result.
#pragma once

#include <iosfwd>

#include "lf/risk/trading_state.hpp"
#include "storage/audit_log_file.hpp"

namespace lf::gpio {

// Appends the records state.drain_audit_lines() hands out, oldest first,
// logging one line per transition to `log`. storage_error if the file
// refuses a record or the two chains disagree afterwards.
Status persist_transitions(risk::TradingState& state, storage::AuditLogFile& file,
                           std::ostream& log);

}  // namespace lf::gpio

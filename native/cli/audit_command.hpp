// `lf audit verify|append`: the hash-chained audit log (docs/VERIFY.md).
//
//   lf audit verify LOG [--public-key B64] [--expected-head HEX]
//                       [--expected-records N] [--json]
//     exit 0 only for an intact chain; otherwise names the first bad line
//   lf audit append LOG JSON [--checkpoint-key FILE]
//     appends one record (fsync'd), then a signed checkpoint if a key is given
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>

namespace CLI {
class App;
}

namespace lf::cli {

struct AuditOptions {
  std::string file;
  std::string data;
  std::string public_key;
  std::string expected_head;
  std::optional<std::int64_t> expected_records;
  std::string checkpoint_key_file;
  bool json = false;
};

struct AuditCommand {
  CLI::App* command = nullptr;
  CLI::App* verify = nullptr;
  CLI::App* append = nullptr;
};

AuditCommand add_audit_command(CLI::App& app, AuditOptions& options);

int run_audit(const AuditCommand& command, const AuditOptions& options, std::ostream& out,
              std::ostream& err);

}  // namespace lf::cli

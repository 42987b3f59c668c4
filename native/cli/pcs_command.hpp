// `lf pcs build|sign|verify`: Fractal-LBA-compatible PCS records
// (docs/VERIFY.md).
//
//   lf pcs build DATA.csv --shard ID --epoch N --seed N
//                [--hmac-key SECRET | --ed25519-key FILE] [--sent-at RFC3339]
//     prints the PCS in the reference agent's layout (sent_at defaults to now)
//   lf pcs sign PCS.json (--hmac-key SECRET | --ed25519-key FILE)
//     prints the record with a new signature
//   lf pcs verify PCS.json [--hmac-key SECRET | --ed25519-pub B64] [--json] [--compat]
//     prints the verdict of the pcs/verify route; exit 0 only when accepted
//     and not escalated
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>

namespace CLI {
class App;
}

namespace lf::cli {

struct PcsOptions {
  std::string file;
  std::string shard;
  std::int64_t epoch = 0;
  std::int64_t seed = 42;
  std::string sent_at;
  std::string hmac_key;
  std::string ed25519_key_file;
  std::string ed25519_public_key;
  bool json = false;
  bool compat = false;
};

struct PcsCommand {
  CLI::App* command = nullptr;
  CLI::App* build = nullptr;
  CLI::App* sign = nullptr;
  CLI::App* verify = nullptr;
};

PcsCommand add_pcs_command(CLI::App& app, PcsOptions& options);

// Exit status: 0 on success (verify: accepted and not escalated), 1 otherwise.
int run_pcs(const PcsCommand& command, const PcsOptions& options, std::ostream& out,
            std::ostream& err);

}  // namespace lf::cli

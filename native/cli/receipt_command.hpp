// `lf receipt sign|verify`: signed receipts for results (docs/VERIFY.md).
//
//   lf receipt sign SUBJECT.json --algorithm NAME --algorithm-version V
//                   (--input FILE | --input-digest sha256:HEX) --key FILE
//                   [--issued-at RFC3339]
//     prints the receipt (canonical JSON)
//   lf receipt verify RECEIPT.json [--public-key B64] [--json]
//     exit 0 only when the signature verifies (by the pinned key, if given)
#pragma once

#include <iosfwd>
#include <string>

namespace CLI {
class App;
}

namespace lf::cli {

struct ReceiptOptions {
  std::string file;
  std::string algorithm;
  std::string algorithm_version;
  std::string input_file;
  std::string input_digest;
  std::string key_file;
  std::string issued_at;
  std::string public_key;
  bool json = false;
};

struct ReceiptCommand {
  CLI::App* command = nullptr;
  CLI::App* sign = nullptr;
  CLI::App* verify = nullptr;
};

ReceiptCommand add_receipt_command(CLI::App& app, ReceiptOptions& options);

int run_receipt(const ReceiptCommand& command, const ReceiptOptions& options, std::ostream& out,
                std::ostream& err);

}  // namespace lf::cli

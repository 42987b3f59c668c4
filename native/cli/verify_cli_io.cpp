#include "cli/verify_cli_io.hpp"

#include <ostream>

#include "lf/verify/encoding.hpp"
#include "storage/audit_log_file.hpp"

namespace lf::cli {

Result<std::string> read_whole_file(const std::string& path) {
  return storage::read_text_file(path);
}

Result<verify::Ed25519Seed> read_seed_file(const std::string& path) {
  auto text = read_whole_file(path);
  if (!text) return std::move(text).error();
  const auto first = text->find_first_not_of(" \t\r\n");
  const auto last = text->find_last_not_of(" \t\r\n");
  const std::string trimmed =
      first == std::string::npos ? "" : text->substr(first, last - first + 1);
  return verify::fixed_from_base64<32>(trimmed, "the Ed25519 key file (base64 of a 32-byte seed)");
}

int report(std::ostream& err, std::string_view command, const Error& error) {
  err << "lf " << command << ": " << error.message << " [" << to_string(error.code) << "]\n";
  return 1;
}

}  // namespace lf::cli

#include "lf/verify/merkle.hpp"

#include <vector>

#include "lf/verify/crypto.hpp"
#include "lf/verify/encoding.hpp"

namespace lf::verify {
namespace {

constexpr std::size_t kChunk = 64;

std::string hex_sha256(std::string_view data) {
  return to_hex(sha256(data));
}

}  // namespace

std::string merkle_root_hex(std::string_view raw) {
  if (raw.empty()) return std::string(64, '0');
  std::vector<std::string> level;
  for (std::size_t offset = 0; offset < raw.size(); offset += kChunk) {
    level.push_back(hex_sha256(raw.substr(offset, kChunk)));
  }
  while (level.size() > 1) {
    std::vector<std::string> parents;
    for (std::size_t i = 0; i < level.size(); i += 2) {
      const std::string& left = level[i];
      const std::string& right = i + 1 < level.size() ? level[i + 1] : left;
      parents.push_back(hex_sha256(left + right));
    }
    level = std::move(parents);
  }
  return level.front();
}

std::string pcs_id_hex(std::string_view merkle_root, std::int64_t epoch,
                       std::string_view shard_id) {
  const std::string text =
      std::string(merkle_root) + "|" + std::to_string(epoch) + "|" + std::string(shard_id);
  return hex_sha256(text);
}

}  // namespace lf::verify

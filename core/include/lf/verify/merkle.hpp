// The PCS Merkle root and identifier, as the reference agent derives them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace lf::verify {

// Leaves: hex(sha256(chunk)) of the 64-byte chunks of `raw`; a parent is
// hex(sha256(left_hex + right_hex)) (the hex text, not the bytes); an odd last
// node pairs with itself. Empty input: 64 zeros.
std::string merkle_root_hex(std::string_view raw);

// hex(sha256(merkle_root_hex + "|" + decimal(epoch) + "|" + shard_id)).
std::string pcs_id_hex(std::string_view merkle_root, std::int64_t epoch, std::string_view shard_id);

}  // namespace lf::verify

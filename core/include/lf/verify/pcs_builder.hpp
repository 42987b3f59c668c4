// Builds a PCS from a `timestamp,x,y,z` CSV the way the reference agent's
// build_pcs does, optionally signing it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "lf/common/result.hpp"
#include "lf/verify/pcs.hpp"
#include "lf/verify/signing.hpp"

namespace lf::verify {

struct PcsBuildOptions {
  std::string shard_id;
  std::int64_t epoch = 0;
  std::int64_t seed = 42;  // numpy's legacy seeding: [0, 2^32 - 1]
  // RFC 3339; the caller's clock (the core reads none).
  std::string sent_at;
  std::optional<SigningKey> key;  // none: sig stays empty
};

struct BuiltPcs {
  Pcs pcs;
  std::string payload;  // the signature payload bytes
};

// Errors: those of read_point_csv; empty_input without rows; invalid_argument
// for an empty shard_id, a negative epoch, a seed outside numpy's range, a
// malformed sent_at, or coordinates too large to box-count.
Result<BuiltPcs> build_pcs(std::string_view csv_text, const PcsBuildOptions& options);

}  // namespace lf::verify

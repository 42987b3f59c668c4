// The PCS record (proof-of-computation summary) of Fractal LBA, schema
// "fractal-lba-kakeya" version "0.1": reading and writing its JSON.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lf/common/result.hpp"

namespace lf::verify {

inline constexpr std::string_view kPcsSchema = "fractal-lba-kakeya";
inline constexpr std::string_view kPcsVersion = "0.1";

struct FaultTolerance {
  std::int64_t outbox_seq = 0;
  bool degraded = false;
  std::vector<std::string> fallbacks;
  std::int64_t clock_skew_ms = 0;
};

struct Pcs {
  std::string pcs_id;
  std::string schema{kPcsSchema};
  std::string version{kPcsVersion};
  std::string shard_id;
  std::int64_t epoch = 0;
  std::int64_t attempt = 1;
  std::string sent_at;
  std::int64_t seed = 0;
  std::vector<std::int64_t> scales;
  // N_j as the record spells it: decimal scale -> count, in document order.
  std::vector<std::pair<std::string, std::int64_t>> n_j;
  double coh_star = 0.0;
  std::vector<double> v_star;
  double d_hat = 0.0;
  double r = 0.0;
  std::string regime;
  double budget = 0.0;
  std::string merkle_root;
  std::string sig;
  FaultTolerance ft;
};

enum class PcsParsing : std::uint8_t {
  // Every field present with its JSON type (integers as integers); unknown
  // members are ignored (forward compatibility).
  strict,
  // The reference server's reading (Go encoding/json): absent members and
  // nulls take zero values; a wrong type still fails.
  lenient,
};

// json_parse_error when the text is not JSON; pcs_invalid (naming the field)
// when it is not a PCS record of the right shape.
Result<Pcs> parse_pcs(std::string_view json_text, PcsParsing parsing = PcsParsing::strict);

// The record as the reference agent writes it (json.dump with indent=2:
// fields in its order, floats as Python's repr, non-ASCII as \u escapes).
std::string write_pcs(const Pcs& pcs);

// The N_j count for `scale`, looked up by its decimal spelling.
const std::int64_t* find_count(const Pcs& pcs, std::int64_t scale);

}  // namespace lf::verify

// Hex (lowercase) and base64 (standard alphabet, padded: RFC 4648 section 4)
// through libsodium's constant-time codecs. Decoding is strict: the whole
// text must be well-formed, no whitespace or missing padding.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lf/common/result.hpp"

namespace lf::verify {

std::string to_hex(std::span<const std::uint8_t> bytes);
std::string to_base64(std::span<const std::uint8_t> bytes);

// invalid_argument naming `what` when the text is not valid.
Result<std::vector<std::uint8_t>> from_hex(std::string_view text, std::string_view what);
Result<std::vector<std::uint8_t>> from_base64(std::string_view text, std::string_view what);

// Exactly N bytes (a key, a seed, a signature), else invalid_argument.
template <std::size_t N>
Result<std::array<std::uint8_t, N>> fixed_bytes(const std::vector<std::uint8_t>& bytes,
                                                std::string_view what) {
  if (bytes.size() != N) {
    return make_error(ErrorCode::invalid_argument, std::string(what) + " must be " +
                                                       std::to_string(N) + " bytes, not " +
                                                       std::to_string(bytes.size()));
  }
  std::array<std::uint8_t, N> out;
  for (std::size_t i = 0; i < N; ++i) out[i] = bytes[i];
  return out;
}

template <std::size_t N>
Result<std::array<std::uint8_t, N>> fixed_from_base64(std::string_view text,
                                                      std::string_view what) {
  auto bytes = from_base64(text, what);
  if (!bytes) return std::move(bytes).error();
  return fixed_bytes<N>(*bytes, what);
}

}  // namespace lf::verify

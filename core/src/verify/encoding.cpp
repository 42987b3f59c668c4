#include "lf/verify/encoding.hpp"

#include <sodium.h>

namespace lf::verify {
namespace {

Error malformed(std::string_view what, std::string_view encoding) {
  return make_error(ErrorCode::invalid_argument,
                    std::string(what) + " is not valid " + std::string(encoding));
}

}  // namespace

// Empty inputs return early throughout: an empty span or vector may carry a
// null pointer, which libsodium's non-null prototypes forbid whatever the length.

std::string to_hex(std::span<const std::uint8_t> bytes) {
  if (bytes.empty()) return {};
  std::string text(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(text.data(), text.size(), bytes.data(), bytes.size());
  text.pop_back();
  return text;
}

std::string to_base64(std::span<const std::uint8_t> bytes) {
  if (bytes.empty()) return {};
  constexpr int kVariant = sodium_base64_VARIANT_ORIGINAL;
  std::string text(sodium_base64_ENCODED_LEN(bytes.size(), kVariant), '\0');
  sodium_bin2base64(text.data(), text.size(), bytes.data(), bytes.size(), kVariant);
  text.pop_back();
  return text;
}

Result<std::vector<std::uint8_t>> from_hex(std::string_view text, std::string_view what) {
  if (text.empty()) return std::vector<std::uint8_t>{};
  if (text.size() % 2 != 0) return malformed(what, "hex");
  std::vector<std::uint8_t> bytes(text.size() / 2);
  std::size_t length = 0;
  const char* end = nullptr;
  if (sodium_hex2bin(bytes.data(), bytes.size(), text.data(), text.size(), nullptr, &length,
                     &end) != 0 ||
      end != text.data() + text.size() || length != bytes.size()) {
    return malformed(what, "hex");
  }
  return bytes;
}

Result<std::vector<std::uint8_t>> from_base64(std::string_view text, std::string_view what) {
  if (text.empty()) return std::vector<std::uint8_t>{};
  std::vector<std::uint8_t> bytes(text.size() / 4 * 3 + 3);
  std::size_t length = 0;
  const char* end = nullptr;
  if (sodium_base642bin(bytes.data(), bytes.size(), text.data(), text.size(), nullptr, &length,
                        &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != text.data() + text.size()) {
    return malformed(what, "base64");
  }
  bytes.resize(length);
  return bytes;
}

}  // namespace lf::verify

#include "verify_read.hpp"

#include "lf/verify/encoding.hpp"

namespace lf::api::verify_read {
namespace {

using namespace json_read;

Error schema(std::string message) {
  return make_error(ErrorCode::schema_error, std::move(message));
}

Result<std::string> algorithm_of(const Json& value, std::string_view path) {
  if (auto s = expect_object(value, path); !s) return std::move(s).error();
  auto node = require(value, "algorithm", path);
  if (!node) return std::move(node).error();
  return string(**node, std::string(path) + ".algorithm");
}

template <std::size_t N>
Result<std::array<std::uint8_t, N>> base64_member(const Json& value, std::string_view key,
                                                  std::string_view path) {
  const std::string member = std::string(path) + "." + std::string(key);
  auto node = require(value, key, path);
  if (!node) return std::move(node).error();
  auto text = string(**node, member);
  if (!text) return std::move(text).error();
  return verify::fixed_from_base64<N>(*text, member);
}

Result<std::string> secret_of(const Json& value, std::string_view path) {
  if (auto s = only_keys(value, path, {"algorithm", "secret"}); !s) return std::move(s).error();
  auto node = require(value, "secret", path);
  if (!node) return std::move(node).error();
  auto secret = string(**node, std::string(path) + ".secret");
  if (secret && secret->empty()) {
    return make_error(ErrorCode::invalid_argument, std::string(path) + ".secret is empty");
  }
  return secret;
}

}  // namespace

Result<std::int64_t> integer(const Json& value, std::string_view path, std::int64_t min,
                             std::int64_t max) {
  const bool fits = value.is_number_integer() &&
                    !(value.is_number_unsigned() &&
                      value.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX));
  if (!fits) return schema(std::string(path) + " must be an integer");
  const auto number = value.get<std::int64_t>();
  if (number < min || number > max) {
    return make_error(ErrorCode::invalid_argument, std::string(path) + " must be in [" +
                                                       std::to_string(min) + ", " +
                                                       std::to_string(max) + "]");
  }
  return number;
}

Result<verify::SigningKey> signing_key(const Json& value, std::string_view path) {
  auto algorithm = algorithm_of(value, path);
  if (!algorithm) return std::move(algorithm).error();
  if (*algorithm == "hmac-sha256") {
    auto secret = secret_of(value, path);
    if (!secret) return std::move(secret).error();
    return verify::SigningKey::hmac(std::move(*secret));
  }
  if (*algorithm == "ed25519") {
    if (auto s = only_keys(value, path, {"algorithm", "seed"}); !s) return std::move(s).error();
    auto key_seed = base64_member<32>(value, "seed", path);
    if (!key_seed) return std::move(key_seed).error();
    return verify::SigningKey::ed25519(*key_seed);
  }
  return schema(std::string(path) + ".algorithm must be \"hmac-sha256\" or \"ed25519\"");
}

Result<verify::VerificationKey> verification_key(const Json& value, std::string_view path) {
  auto algorithm = algorithm_of(value, path);
  if (!algorithm) return std::move(algorithm).error();
  if (*algorithm == "hmac-sha256") {
    auto secret = secret_of(value, path);
    if (!secret) return std::move(secret).error();
    return verify::VerificationKey::hmac(std::move(*secret));
  }
  if (*algorithm == "ed25519") {
    if (auto s = only_keys(value, path, {"algorithm", "public_key"}); !s) {
      return std::move(s).error();
    }
    auto key = base64_member<32>(value, "public_key", path);
    if (!key) return std::move(key).error();
    return verify::VerificationKey::ed25519(*key);
  }
  if (*algorithm == "none") {
    if (auto s = only_keys(value, path, {"algorithm"}); !s) return std::move(s).error();
    return verify::VerificationKey{};
  }
  return schema(std::string(path) + ".algorithm must be \"hmac-sha256\", \"ed25519\" or \"none\"");
}

Result<verify::Ed25519PublicKey> public_key(const Json& value, std::string_view path) {
  auto text = string(value, path);
  if (!text) return std::move(text).error();
  return verify::fixed_from_base64<32>(*text, path);
}

Result<verify::Ed25519Seed> seed(const Json& value, std::string_view path) {
  auto text = string(value, path);
  if (!text) return std::move(text).error();
  return verify::fixed_from_base64<32>(*text, path);
}

Result<verify::VerifyMode> mode(const Json& request) {
  const Json* node = find(request, "mode");
  if (node == nullptr) return verify::VerifyMode::strict;
  auto text = string(*node, "mode");
  if (!text) return std::move(text).error();
  if (*text == "strict") return verify::VerifyMode::strict;
  if (*text == "compat") return verify::VerifyMode::compat;
  return schema("mode must be \"strict\" or \"compat\"");
}

Result<std::string> document_text(const Json& value, std::string_view path) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_object()) return dump(value);
  return schema(std::string(path) + " must be an object or its JSON text");
}

}  // namespace lf::api::verify_read

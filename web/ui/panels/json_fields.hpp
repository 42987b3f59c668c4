// Reading the API's answers without aborting. The JSON library is built
// without exceptions (JSON_NOEXCEPTION): reading a member of the wrong type,
// or a missing member of a const object, aborts the program instead of
// throwing. The analysis panels read every answer through these helpers,
// which check the type first and fall back to a value the caller chooses.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace lf::ui {

// The member `key` of `object`, or nullptr when `object` is not an object or
// has no such member.
inline const nlohmann::json* json_field(const nlohmann::json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  const auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

// The member `key` of `object`, or a null value when there is none.
inline const nlohmann::json& json_member(const nlohmann::json& object, std::string_view key) {
  static const nlohmann::json null_value;
  const nlohmann::json* v = json_field(object, key);
  return v != nullptr ? *v : null_value;
}

inline std::optional<double> json_number(const nlohmann::json& object, std::string_view key) {
  const nlohmann::json* v = json_field(object, key);
  if (v == nullptr || !v->is_number()) return std::nullopt;
  return v->get<double>();
}

inline std::string json_string(const nlohmann::json& object, std::string_view key,
                               std::string_view fallback = {}) {
  const nlohmann::json* v = json_field(object, key);
  if (v == nullptr || !v->is_string()) return std::string(fallback);
  return v->get<std::string>();
}

inline std::optional<bool> json_bool(const nlohmann::json& object, std::string_view key) {
  const nlohmann::json* v = json_field(object, key);
  if (v == nullptr || !v->is_boolean()) return std::nullopt;
  return v->get<bool>();
}

// Text for any JSON value that must reach the screen or the API: invalid
// UTF-8 (a dropped binary file, say) becomes U+FFFD instead of aborting.
inline std::string json_text(const nlohmann::json& value, int indent = -1) {
  return value.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace lf::ui

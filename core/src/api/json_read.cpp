#include "json_read.hpp"

#include <cmath>
#include <cstdint>
#include <limits>

namespace lf::api::json_read {
namespace {

std::string child(std::string_view path, std::size_t index) {
  return std::string(path) + "[" + std::to_string(index) + "]";
}

}  // namespace

Result<Json> parse(std::string_view text) {
  Json value = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) {
    return make_error(ErrorCode::json_parse_error, "request body is not valid JSON");
  }
  return value;
}

Status expect_object(const Json& value, std::string_view path) {
  if (value.is_object()) return {};
  return make_error(ErrorCode::schema_error, std::string(path) + " must be an object");
}

Status only_keys(const Json& object, std::string_view path,
                 std::initializer_list<std::string_view> allowed) {
  for (auto it = object.begin(); it != object.end(); ++it) {
    bool known = false;
    for (auto key : allowed) known = known || it.key() == key;
    if (!known) {
      std::string list;
      for (auto key : allowed) list += (list.empty() ? "" : ", ") + std::string(key);
      return make_error(ErrorCode::schema_error, std::string(path) + " has an unknown member '" +
                                                     it.key() + "' (allowed: " + list + ")");
    }
  }
  return {};
}

const Json* find(const Json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  const auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

Result<const Json*> require(const Json& object, std::string_view key, std::string_view path) {
  if (const Json* value = find(object, key)) return value;
  return make_error(ErrorCode::schema_error,
                    std::string(path) + "." + std::string(key) + " is required");
}

Result<double> number(const Json& value, std::string_view path) {
  if (!value.is_number()) {
    return make_error(ErrorCode::schema_error, std::string(path) + " must be a number");
  }
  return value.get<double>();
}

Result<std::string> string(const Json& value, std::string_view path) {
  if (!value.is_string()) {
    return make_error(ErrorCode::schema_error, std::string(path) + " must be a string");
  }
  return value.get<std::string>();
}

Result<std::vector<double>> numbers(const Json& value, std::string_view path, bool null_as_nan) {
  if (!value.is_array()) {
    return make_error(ErrorCode::schema_error, std::string(path) + " must be an array of numbers");
  }
  std::vector<double> out;
  out.reserve(value.size());
  for (std::size_t i = 0; i < value.size(); ++i) {
    const Json& element = value[i];
    if (element.is_number()) {
      out.push_back(element.get<double>());
    } else if (null_as_nan && element.is_null()) {
      out.push_back(std::numeric_limits<double>::quiet_NaN());
    } else {
      return make_error(
          ErrorCode::schema_error,
          child(path, i) + (null_as_nan ? " must be a number or null" : " must be a number"));
    }
  }
  return out;
}

std::string dump(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Json number_value(double value) {
  constexpr double kExactIntegerLimit = 9007199254740992.0;  // 2^53
  if (value == std::floor(value) && std::fabs(value) <= kExactIntegerLimit) {
    return static_cast<std::int64_t>(value);
  }
  return value;
}

}  // namespace lf::api::json_read

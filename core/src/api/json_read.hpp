// Typed reading of request JSON. nlohmann::json is built with
// JSON_NOEXCEPTION (the core has no exceptions), where reading a value as the
// wrong type would abort; every read here checks the type first and turns a
// mismatch into a schema_error that names the JSON path.
#pragma once

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "lf/common/result.hpp"

namespace lf::api::json_read {

using Json = nlohmann::json;

Result<Json> parse(std::string_view text);

Status expect_object(const Json& value, std::string_view path);
// schema_error naming the first key of `object` not in `allowed`.
Status only_keys(const Json& object, std::string_view path,
                 std::initializer_list<std::string_view> allowed);

// nullptr when absent (or when `object` is not an object).
const Json* find(const Json& object, std::string_view key);
Result<const Json*> require(const Json& object, std::string_view key, std::string_view path);

Result<double> number(const Json& value, std::string_view path);
Result<std::string> string(const Json& value, std::string_view path);
// An array of numbers; with `null_as_nan`, null entries become quiet NaN.
Result<std::vector<double>> numbers(const Json& value, std::string_view path, bool null_as_nan);

// Serialises `value` compactly; invalid UTF-8 (from echoed input) is replaced.
std::string dump(const Json& value);
// Integral values within 2^53 as JSON integers, others as doubles.
Json number_value(double value);

}  // namespace lf::api::json_read

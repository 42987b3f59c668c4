// JCS over an already parsed nlohmann::json value (core-internal: the public
// headers do not expose nlohmann).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace lf::verify::detail {

std::string canonical_json(const nlohmann::json& value);

}  // namespace lf::verify::detail

#include "lf/verify/jcs.hpp"

#include <algorithm>
#include <vector>

#include "jcs_json.hpp"
#include "json_strings.hpp"
#include "lf/verify/float_format.hpp"

namespace lf::verify {
namespace detail {
namespace {

void append(std::string& out, const nlohmann::json& value) {
  using Type = nlohmann::json::value_t;
  switch (value.type()) {
    case Type::null: out += "null"; return;
    case Type::boolean: out += value.get<bool>() ? "true" : "false"; return;
    case Type::number_integer:
      out += ecmascript_number(static_cast<double>(value.get<std::int64_t>()));
      return;
    case Type::number_unsigned:
      out += ecmascript_number(static_cast<double>(value.get<std::uint64_t>()));
      return;
    case Type::number_float: out += ecmascript_number(value.get<double>()); return;
    case Type::string: append_jcs_string(out, value.get_ref<const std::string&>()); return;
    case Type::array: {
      out += '[';
      bool first = true;
      for (const auto& element : value) {
        if (!first) out += ',';
        first = false;
        append(out, element);
      }
      out += ']';
      return;
    }
    case Type::object: {
      struct Member {
        std::u16string order;
        const std::string* name;
        const nlohmann::json* value;
      };
      std::vector<Member> members;
      members.reserve(value.size());
      for (auto it = value.begin(); it != value.end(); ++it) {
        members.push_back({utf16_units(it.key()), &it.key(), &it.value()});
      }
      std::sort(members.begin(), members.end(),
                [](const Member& a, const Member& b) { return a.order < b.order; });
      out += '{';
      for (std::size_t i = 0; i < members.size(); ++i) {
        if (i > 0) out += ',';
        append_jcs_string(out, *members[i].name);
        out += ':';
        append(out, *members[i].value);
      }
      out += '}';
      return;
    }
    case Type::binary:
    case Type::discarded: return;  // never produced by parsing JSON text
  }
}

}  // namespace

std::string canonical_json(const nlohmann::json& value) {
  std::string out;
  append(out, value);
  return out;
}

}  // namespace detail

Result<std::string> canonical_json(std::string_view json_text) {
  const auto value = nlohmann::json::parse(json_text.begin(), json_text.end(), nullptr, false);
  if (value.is_discarded()) {
    return make_error(ErrorCode::json_parse_error, "the text to canonicalise is not valid JSON");
  }
  return detail::canonical_json(value);
}

}  // namespace lf::verify

#include "cli/detector_spec.hpp"

#include <charconv>
#include <cmath>
#include <string>

namespace lf::cli {
namespace {

// "<option> '<spec>': [<item> ]<why> (expected ...)". Built by appending:
// GCC 12 warns falsely (-Wrestrict, bug 105651) on "literal" + std::string.
Error bad_spec(std::string_view option, std::string_view spec, std::string_view why,
               std::string_view item = {}) {
  std::string message(option);
  message.append(" '").append(spec).append("': ");
  if (!item.empty()) message.append("'").append(item).append("' ");
  message.append(why).append(" (expected NAME or NAME:key=value,key=value)");
  return make_error(ErrorCode::invalid_argument, message);
}

Result<detect::DetectorRequest> parse_spec(std::string_view option, std::string_view spec) {
  const auto colon = spec.find(':');
  detect::DetectorRequest request{std::string(spec.substr(0, colon)), {}, {}};
  if (request.name.empty()) return bad_spec(option, spec, "the detector name is empty");
  if (colon == std::string_view::npos) return request;

  std::string_view rest = spec.substr(colon + 1);
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    const std::string_view pair = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);

    const auto equals = pair.find('=');
    if (equals == std::string_view::npos || equals == 0) {
      return bad_spec(option, spec, "is not key=value", pair);
    }
    const std::string_view text = pair.substr(equals + 1);
    double value = 0.0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(value)) {
      return bad_spec(option, spec, "is not a number", text);
    }
    request.parameters.push_back({std::string(pair.substr(0, equals)), value});
  }
  return request;
}

}  // namespace

Result<detect::DetectorRequest> parse_detector_spec(std::string_view spec) {
  return parse_spec("--detector", spec);
}

Result<detect::MemberRequest> parse_member_spec(std::string_view spec) {
  auto parsed = parse_spec("--member", spec);
  if (!parsed) return std::move(parsed).error();
  detect::MemberRequest member{std::move(parsed->name), {}, 1.0};
  for (auto& parameter : parsed->parameters) {
    if (parameter.name == "weight") {
      member.weight = parameter.value;
    } else {
      member.parameters.push_back(std::move(parameter));
    }
  }
  return member;
}

}  // namespace lf::cli

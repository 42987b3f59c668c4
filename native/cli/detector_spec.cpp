#include "cli/detector_spec.hpp"

#include <charconv>
#include <cmath>
#include <string>

namespace lf::cli {
namespace {

Error bad_spec(std::string_view spec, const std::string& why) {
  return make_error(ErrorCode::invalid_argument,
                    "--detector '" + std::string(spec) + "': " + why +
                        " (expected NAME or NAME:key=value,key=value)");
}

}  // namespace

Result<detect::DetectorRequest> parse_detector_spec(std::string_view spec) {
  const auto colon = spec.find(':');
  detect::DetectorRequest request{std::string(spec.substr(0, colon)), {}};
  if (request.name.empty()) return bad_spec(spec, "the detector name is empty");
  if (colon == std::string_view::npos) return request;

  std::string_view rest = spec.substr(colon + 1);
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    const std::string_view pair = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);

    const auto equals = pair.find('=');
    if (equals == std::string_view::npos || equals == 0) {
      return bad_spec(spec, "'" + std::string(pair) + "' is not key=value");
    }
    const std::string_view text = pair.substr(equals + 1);
    double value = 0.0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(value)) {
      return bad_spec(spec, "'" + std::string(text) + "' is not a number");
    }
    request.parameters.push_back({std::string(pair.substr(0, equals)), value});
  }
  return request;
}

}  // namespace lf::cli

#include "gpio/gpio_backend.hpp"

#include <array>

namespace lf::gpio {
namespace {

constexpr std::array<Bias, 4> kBiases = {Bias::as_is, Bias::disabled, Bias::pull_up,
                                         Bias::pull_down};

}  // namespace

std::string to_string(Bias bias) {
  switch (bias) {
    case Bias::as_is: return "as_is";
    case Bias::disabled: return "disabled";
    case Bias::pull_up: return "pull_up";
    case Bias::pull_down: return "pull_down";
  }
  return "unknown";
}

Result<Bias> parse_bias(std::string_view text) {
  for (auto bias : kBiases) {
    if (to_string(bias) == text) return bias;
  }
  return make_error(
      ErrorCode::invalid_argument,
      "bias '" + std::string(text) + "' is not one of as_is, disabled, pull_up, pull_down");
}

}  // namespace lf::gpio

#include "lf/risk/order.hpp"

#include <string>

namespace lf::risk {

std::string_view to_string(Side side) noexcept {
  return side == Side::buy ? "buy" : "sell";
}

Result<Side> parse_side(std::string_view text) {
  if (text == "buy") return Side::buy;
  if (text == "sell") return Side::sell;
  return make_error(ErrorCode::invalid_argument,
                    "side '" + std::string(text) + "' is not buy or sell");
}

}  // namespace lf::risk

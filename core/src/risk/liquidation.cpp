#include "lf/risk/liquidation.hpp"

namespace lf::risk {

double liquidation_price(Side side, double entry_price, double leverage, double mmr) noexcept {
  const double margin_fraction = 1.0 / leverage;
  return side == Side::buy ? entry_price * (1.0 - margin_fraction + mmr)
                           : entry_price * (1.0 + margin_fraction - mmr);
}

}  // namespace lf::risk

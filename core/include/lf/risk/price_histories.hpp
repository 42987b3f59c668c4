// Price histories per instrument, and the return correlations the
// pre-trade correlation rule reads from them, cached.
//
// Histories are oldest first and aligned at their ends: the last price of
// every instrument is the same moment (the caller samples them on one clock).
// An instrument is "known" once it has a history, even an empty one; its last
// price is the latest sample.
//
// return_correlation(a, b, window) is Pearson's r (ddof 1) of the last
// `window` simple returns of a and b: the last value of
// rolling_pearson(simple_returns(a), simple_returns(b), window). It is
// computed once per pair and kept until either history changes (each
// history carries a revision that every set/append bumps), so a pre-trade
// check against 20 open positions reads 20 cached numbers. The cache makes
// const reads write to it: like the rest of the core, a PriceHistories is
// not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "lf/common/result.hpp"

namespace lf::risk {

class PriceHistories {
 public:
  // Replaces (or adds) the history of `instrument`. Errors (nothing
  // changes): invalid_argument for an empty instrument or a price <= 0,
  // non_finite_value for a NaN or infinite price.
  Status set(std::string_view instrument, std::vector<double> prices);
  // Appends one price (adding the instrument when new); same errors.
  Status append(std::string_view instrument, double price);

  bool contains(std::string_view instrument) const noexcept;
  // Empty when the instrument is unknown or has no prices.
  std::optional<double> last_price(std::string_view instrument) const noexcept;
  // Empty when the instrument is unknown.
  std::span<const double> history(std::string_view instrument) const noexcept;
  std::size_t size() const noexcept { return series_.size(); }

  // As described above; NaN when either instrument is unknown, has fewer
  // than window + 1 prices, or is constant over the window. window >= 2.
  double return_correlation(std::string_view a, std::string_view b, std::size_t window) const;

  // The same reads by index, for a caller that resolves names once (the
  // pre-trade engine's hot path). An instrument's index is stable: none is
  // ever removed. Indices must be < size().
  std::optional<std::size_t> index_of(std::string_view instrument) const noexcept;
  // The same, trying `hint` first (where the caller found the name last
  // time): a hint is checked against the name, so a stale one only costs
  // the hashed lookup it saves when right.
  std::optional<std::size_t> index_of(std::string_view instrument, std::size_t hint) const noexcept;
  std::optional<double> last_price_at(std::size_t index) const noexcept;
  double return_correlation_at(std::size_t a, std::size_t b, std::size_t window) const;

 private:
  struct Series {
    std::string name;
    std::vector<double> prices;
    std::uint64_t revision = 0;
  };
  struct CachedCorrelation {
    std::uint64_t revision_a = 0;
    std::uint64_t revision_b = 0;
    std::size_t window = 0;  // 0: never computed
    double value = 0.0;
  };

  std::size_t index_for_write(std::string_view instrument);
  double compute_correlation(const Series& a, const Series& b, std::size_t window) const;

  // Hashed, looked up by string_view; never iterated (output order comes
  // from the callers' own ordered containers).
  struct NameHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view name) const noexcept {
      return std::hash<std::string_view>{}(name);
    }
  };
  std::unordered_map<std::string, std::size_t, NameHash, std::equal_to<>> index_;
  std::vector<Series> series_;
  // size() x size(), row-major; entry (i, j) with i < j holds the pair.
  mutable std::vector<CachedCorrelation> cache_;
};

}  // namespace lf::risk

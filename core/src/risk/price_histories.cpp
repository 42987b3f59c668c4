#include "lf/risk/price_histories.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "lf/risk/correlation.hpp"

namespace lf::risk {
namespace {

Status check_price(std::string_view instrument, double price, std::size_t index) {
  const auto where = [&] {
    return "price " + std::to_string(index) + " of '" + std::string(instrument) + "'";
  };
  if (!std::isfinite(price))
    return make_error(ErrorCode::non_finite_value, where() + " is not finite");
  if (price <= 0.0) {
    return make_error(ErrorCode::invalid_argument,
                      where() + " = " + std::to_string(price) + " must be > 0");
  }
  return {};
}

Status check_instrument(std::string_view instrument) {
  if (instrument.empty()) {
    return make_error(ErrorCode::invalid_argument, "instrument must not be empty");
  }
  return {};
}

}  // namespace

Status PriceHistories::set(std::string_view instrument, std::vector<double> prices) {
  if (auto status = check_instrument(instrument); !status) return status;
  for (std::size_t i = 0; i < prices.size(); ++i) {
    if (auto status = check_price(instrument, prices[i], i); !status) return status;
  }
  Series& series = series_[index_for_write(instrument)];
  series.prices = std::move(prices);
  ++series.revision;
  return {};
}

Status PriceHistories::append(std::string_view instrument, double price) {
  if (auto status = check_instrument(instrument); !status) return status;
  const auto known = index_of(instrument);
  const std::size_t next = known ? series_[*known].prices.size() : 0;
  if (auto status = check_price(instrument, price, next); !status) return status;
  Series& series = series_[index_for_write(instrument)];
  series.prices.push_back(price);
  ++series.revision;
  return {};
}

bool PriceHistories::contains(std::string_view instrument) const noexcept {
  return index_of(instrument).has_value();
}

std::optional<double> PriceHistories::last_price(std::string_view instrument) const noexcept {
  const auto index = index_of(instrument);
  if (!index) return std::nullopt;
  return last_price_at(*index);
}

std::span<const double> PriceHistories::history(std::string_view instrument) const noexcept {
  const auto index = index_of(instrument);
  if (!index) return {};
  return series_[*index].prices;
}

double PriceHistories::return_correlation(std::string_view a, std::string_view b,
                                          std::size_t window) const {
  const auto ia = index_of(a);
  const auto ib = index_of(b);
  if (!ia || !ib) return std::numeric_limits<double>::quiet_NaN();
  return return_correlation_at(*ia, *ib, window);
}

std::optional<double> PriceHistories::last_price_at(std::size_t index) const noexcept {
  const auto& prices = series_[index].prices;
  if (prices.empty()) return std::nullopt;
  return prices.back();
}

double PriceHistories::return_correlation_at(std::size_t a, std::size_t b,
                                             std::size_t window) const {
  // The pair is symmetric: one cache entry, keyed by the smaller index first.
  const std::size_t lo = std::min(a, b);
  const std::size_t hi = std::max(a, b);
  const Series& first = series_[lo];
  const Series& second = series_[hi];
  CachedCorrelation& entry = cache_[lo * series_.size() + hi];
  if (entry.window != window || entry.revision_a != first.revision ||
      entry.revision_b != second.revision) {
    entry = {first.revision, second.revision, window, compute_correlation(first, second, window)};
  }
  return entry.value;
}

std::optional<std::size_t> PriceHistories::index_of(std::string_view instrument) const noexcept {
  const auto it = index_.find(instrument);
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

std::optional<std::size_t> PriceHistories::index_of(std::string_view instrument,
                                                    std::size_t hint) const noexcept {
  if (hint < series_.size() && series_[hint].name == instrument) return hint;
  return index_of(instrument);
}

std::size_t PriceHistories::index_for_write(std::string_view instrument) {
  if (const auto known = index_of(instrument)) return *known;
  const std::size_t old_size = series_.size();
  const std::size_t new_size = old_size + 1;
  // Keep the cached pairs: only the matrix's stride changes.
  std::vector<CachedCorrelation> grown(new_size * new_size);
  for (std::size_t i = 0; i < old_size; ++i) {
    for (std::size_t j = i + 1; j < old_size; ++j) {
      grown[i * new_size + j] = cache_[i * old_size + j];
    }
  }
  cache_ = std::move(grown);
  series_.push_back(Series{std::string(instrument), {}, 0});
  index_.emplace(std::string(instrument), old_size);
  return old_size;
}

double PriceHistories::compute_correlation(const Series& a, const Series& b,
                                           std::size_t window) const {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  if (window < 2 || a.prices.size() < window + 1 || b.prices.size() < window + 1) return kNaN;
  // Prices were validated finite and > 0 on the way in, so the returns exist.
  const auto tail = [window](const std::vector<double>& prices) {
    std::vector<double> returns(window);
    const std::size_t start = prices.size() - window - 1;
    for (std::size_t i = 0; i < window; ++i) {
      returns[i] = prices[start + i + 1] / prices[start + i] - 1.0;
    }
    return returns;
  };
  const std::vector<double> ra = tail(a.prices);
  const std::vector<double> rb = tail(b.prices);
  return pearson(ra, rb);
}

}  // namespace lf::risk

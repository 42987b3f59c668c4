#include "lf/graph/surrogates.hpp"

#include <cmath>
#include <numeric>
#include <string>
#include <vector>

#include "lf/graph/random.hpp"

namespace lf::graph {

std::string_view to_string(SurrogateMethod method) noexcept {
  switch (method) {
    case SurrogateMethod::shuffle: return "shuffle";
    case SurrogateMethod::circular_shift: return "circular_shift";
  }
  return "shuffle";
}

Result<SurrogateMethod> parse_surrogate_method(std::string_view name) {
  if (name == "shuffle") return SurrogateMethod::shuffle;
  if (name == "circular_shift") return SurrogateMethod::circular_shift;
  return make_error(
      ErrorCode::invalid_parameter,
      "surrogate method must be shuffle or circular_shift, not '" + std::string(name) + "'");
}

Status check_surrogates(const SurrogateParams& params) {
  if (params.count > 100000) {
    return make_error(ErrorCode::invalid_parameter,
                      "the number of surrogates must be an integer in [0, 100000]");
  }
  return {};
}

Result<Significance> significance(const TransferEntropy& estimator, const PreparedSource& source,
                                  double te, const SurrogateParams& params) {
  if (auto s = check_surrogates(params); !s) return std::move(s).error();
  const std::size_t rows = source.rows();
  const std::size_t min_shift =
      params.min_shift > 0 ? params.min_shift : std::max<std::size_t>(1, rows / 10);
  if (params.method == SurrogateMethod::circular_shift && rows <= 2 * min_shift) {
    return make_error(ErrorCode::invalid_parameter,
                      "a circular shift of at least " + std::to_string(min_shift) +
                          " needs more than " + std::to_string(2 * min_shift) + " observations");
  }
  Random random(params.seed);
  std::vector<std::size_t> order(rows);
  Significance out;
  out.te = te;
  out.count = params.count;
  std::size_t at_least = 0;
  double sum = 0.0;
  std::vector<double> values;
  values.reserve(params.count);
  for (std::size_t s = 0; s < params.count; ++s) {
    std::iota(order.begin(), order.end(), std::size_t{0});
    if (params.method == SurrogateMethod::shuffle) {
      shuffle(order, random);
    } else {
      const std::size_t shift = min_shift + random.below(rows - 2 * min_shift + 1);
      for (std::size_t r = 0; r < rows; ++r) order[r] = (r + shift) % rows;
    }
    auto value = estimator.estimate(permute(source, order));
    if (!value) return std::move(value).error();
    at_least += *value >= te ? 1 : 0;
    sum += *value;
    values.push_back(*value);
  }
  out.p_value = static_cast<double>(1 + at_least) / static_cast<double>(1 + params.count);
  if (params.count > 0) {
    out.surrogate_mean = sum / static_cast<double>(params.count);
    if (params.count > 1) {
      double m2 = 0.0;
      for (double v : values) m2 += (v - out.surrogate_mean) * (v - out.surrogate_mean);
      out.surrogate_std = std::sqrt(m2 / static_cast<double>(params.count - 1));
    }
  }
  return out;
}

}  // namespace lf::graph

#include "lf/graph/ksg_te.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "lf/graph/random.hpp"

namespace lf::graph {

std::string_view to_string(Normalisation normalisation) noexcept {
  switch (normalisation) {
    case Normalisation::series: return "series";
    case Normalisation::embedded: return "embedded";
    case Normalisation::none: return "none";
  }
  return "series";
}

Result<Normalisation> parse_normalisation(std::string_view name) {
  if (name == "series") return Normalisation::series;
  if (name == "embedded") return Normalisation::embedded;
  if (name == "none") return Normalisation::none;
  return make_error(
      ErrorCode::invalid_parameter,
      "normalisation must be series, embedded or none, not '" + std::string(name) + "'");
}

Status check_ksg(const KsgParams& params) {
  if (params.k < 1 || params.k > 1000) {
    return make_error(ErrorCode::invalid_parameter, "k must be an integer in [1, 1000]");
  }
  if (params.theiler_window > 1000000) {
    return make_error(ErrorCode::invalid_parameter,
                      "theiler_window must be an integer in [0, 1000000]");
  }
  if (!std::isfinite(params.noise) || params.noise < 0.0) {
    return make_error(ErrorCode::invalid_parameter, "noise must be a finite number >= 0");
  }
  return {};
}

Status ksg_preprocess(Samples& samples, const KsgParams& params, std::uint64_t stream) {
  if (params.normalisation == Normalisation::embedded) {
    if (auto s = standardise_columns(samples); !s) return s;
  }
  if (params.noise > 0.0) {
    Random random(derive_seed(params.noise_seed, stream));
    for (double& v : samples.values) v += params.noise * random.normal();
  }
  return {};
}

Result<KsgConditionalMi> KsgConditionalMi::create(Samples y, Samples z, std::size_t x_dims,
                                                  std::size_t k, std::size_t window) {
  const std::size_t rows = z.rows();
  if (rows < k + 2 * window + 1) {
    return make_error(ErrorCode::insufficient_data,
                      std::to_string(rows) +
                          " observations are too few for k = " + std::to_string(k) +
                          " with a Theiler window of " + std::to_string(window) + " (at least " +
                          std::to_string(k + 2 * window + 1) + " are needed)");
  }
  return KsgConditionalMi(std::move(y), std::move(z), x_dims, k, window);
}

KsgConditionalMi::KsgConditionalMi(Samples y, Samples z, std::size_t x_dims, std::size_t k,
                                   std::size_t window)
    : y_(std::move(y)),
      z_(std::move(z)),
      yz_(concat_columns(y_, z_)),
      k_(k),
      window_(window),
      digamma_(z_.rows() + 1) {
  if (x_dims == 1 && y_.dims == 1 && z_.dims == 1) {
    y_axis_.emplace(y_.values);
    z_axis_.emplace(z_.values);
  } else {
    yz_tree_.emplace(yz_);
    z_tree_.emplace(z_);
  }
}

KsgConditionalMi::Counts KsgConditionalMi::count_by_ranks(const Samples& x,
                                                          const std::vector<double>& eps) const {
  const SortedAxis x_axis(x.values);
  const std::vector<RankRun> x_runs = x_axis.runs(eps);
  const std::vector<RankRun> y_runs = y_axis_->runs(eps);
  const std::vector<RankRun> z_runs = z_axis_->runs(eps);
  Counts counts{count_in_both(x_axis, x_runs, *z_axis_, z_runs),
                count_in_both(*y_axis_, y_runs, *z_axis_, z_runs),
                std::vector<std::uint32_t>(z_runs.size())};
  for (std::size_t i = 0; i < z_runs.size(); ++i) counts.z[i] = z_runs[i].size();
  // The runs hold every point within eps, i itself included; take back the
  // points inside the exclusion window.
  const std::size_t n = eps.size();
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t from = i > window_ ? i - window_ : 0;
    const std::size_t to = std::min(n - 1, i + window_);
    for (std::size_t j = from; j <= to; ++j) {
      const bool x_close = std::fabs(x.values[j] - x.values[i]) < eps[i];
      const bool y_close = std::fabs(y_.values[j] - y_.values[i]) < eps[i];
      const bool z_close = std::fabs(z_.values[j] - z_.values[i]) < eps[i];
      counts.xz[i] -= x_close && z_close;
      counts.yz[i] -= y_close && z_close;
      counts.z[i] -= z_close;
    }
  }
  return counts;
}

KsgConditionalMi::Counts KsgConditionalMi::count_by_trees(const Samples& x,
                                                          const std::vector<double>& eps) const {
  return {KdTree(concat_columns(x, z_)).count_closer(eps, window_),
          yz_tree_->count_closer(eps, window_), z_tree_->count_closer(eps, window_)};
}

double KsgConditionalMi::estimate(const Samples& x) const {
  const std::vector<double> eps =
      KdTree(concat_columns(x, yz_)).kth_neighbour_distances(k_, window_);
  const Counts n = z_axis_ ? count_by_ranks(x, eps) : count_by_trees(x, eps);
  double sum = 0.0;
  for (std::size_t i = 0; i < eps.size(); ++i) {
    sum += digamma_(n.xz[i] + 1) + digamma_(n.yz[i] + 1) - digamma_(n.z[i] + 1);
  }
  return digamma_(k_) - sum / static_cast<double>(eps.size());
}

}  // namespace lf::graph

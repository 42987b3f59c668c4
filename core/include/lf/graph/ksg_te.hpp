// Transfer entropy by the Kraskov–Stögbauer–Grassberger estimator, algorithm
// 1, as a conditional mutual information I(X; Y | Z) in the joint space
// (Frenzel & Pompe 2007), exactly as JIDT's
// TransferEntropyCalculatorKraskov computes it:
//
//   ε_i   = max-norm distance from observation i to its k-th nearest
//           neighbour in the joint (x, y, z) space;
//   n_xz, n_yz, n_z = neighbours strictly closer than ε_i in the (x, z),
//           (y, z) and z subspaces;
//   TE    = ψ(k) − mean_i [ψ(n_xz + 1) + ψ(n_yz + 1) − ψ(n_z + 1)]   (nats)
//
// with neighbours j of i restricted to |i − j| > theiler_window in every
// search (dynamic correlation exclusion; window 0 excludes only i).
//
// The max-norm mixes variables, so the result depends on their scales:
// `normalisation` standardises (mean 0, sample standard deviation 1) either
// each input series before embedding (the default: what TRENTOOL does and
// how JIDT's own reference values are computed), or each embedded variable
// over the observations (JIDT's NORMALISE=true), or nothing. Then, when
// `noise` > 0, Gaussian noise of that standard deviation is added to every
// embedded variable (JIDT's NOISE_LEVEL_TO_ADD; off by default here so that
// results are deterministic without a seed). The estimate can be slightly
// negative.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "lf/common/result.hpp"
#include "lf/graph/digamma.hpp"
#include "lf/graph/kd_tree.hpp"
#include "lf/graph/samples.hpp"
#include "lf/graph/sorted_axis.hpp"

namespace lf::graph {

enum class Normalisation : std::uint8_t { series, embedded, none };

std::string_view to_string(Normalisation normalisation) noexcept;
// invalid_parameter for a name other than series, embedded, none.
Result<Normalisation> parse_normalisation(std::string_view name);

struct KsgParams {
  std::size_t k = 4;
  std::size_t theiler_window = 0;
  Normalisation normalisation = Normalisation::series;
  double noise = 0.0;            // standard deviation of the added noise; 0 = none
  std::uint64_t noise_seed = 0;  // the noise is a function of this seed only

  bool operator==(const KsgParams&) const = default;
};

// invalid_parameter for k outside [1, 1000], a window above 10^6, or noise
// negative / non-finite.
Status check_ksg(const KsgParams& params);

// The per-variable part of the preparation: standardises the embedded
// variable (if normalisation is embedded) and adds noise (if noise > 0) from
// stream `stream` of noise_seed. Every embedded variable has its own stream,
// so adding a series to a matrix never changes another's noise.
Status ksg_preprocess(Samples& samples, const KsgParams& params, std::uint64_t stream);

// I(X; Y | Z) for fixed Y and Z: their search structures are built once and
// reused for every X (the sources of a TE matrix, the surrogates of a test).
// When X, Y and Z are scalars (histories 1) the marginal counts go by ranks
// (sorted_axis.hpp); otherwise by k-d trees.
class KsgConditionalMi {
 public:
  // y and z have the same rows, already preprocessed; every x will have
  // x_dims columns. insufficient_data when rows < k + 2·window + 1 (some
  // point would have fewer than k candidates).
  static Result<KsgConditionalMi> create(Samples y, Samples z, std::size_t x_dims, std::size_t k,
                                         std::size_t window);

  // x has the same rows as y and z, and x_dims columns. Nats.
  double estimate(const Samples& x) const;

  std::size_t rows() const noexcept { return z_.rows(); }

 private:
  struct Counts {
    std::vector<std::uint32_t> xz, yz, z;
  };

  KsgConditionalMi(Samples y, Samples z, std::size_t x_dims, std::size_t k, std::size_t window);
  Counts count_by_ranks(const Samples& x, const std::vector<double>& eps) const;
  Counts count_by_trees(const Samples& x, const std::vector<double>& eps) const;

  Samples y_;
  Samples z_;
  Samples yz_;
  std::size_t k_;
  std::size_t window_;
  std::optional<SortedAxis> y_axis_, z_axis_;  // scalar x, y and z
  std::optional<KdTree> yz_tree_, z_tree_;     // otherwise
  DigammaTable digamma_;
};

}  // namespace lf::graph

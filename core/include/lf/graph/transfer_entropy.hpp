// Transfer entropy TE(source → target) = I(source past; target next |
// target past), by any of the three estimators, behind one interface:
//
//   ksg       KSG algorithm 1 (ksg_te.hpp), continuous data, nats;
//   gaussian  linear-Gaussian closed form (gaussian_te.hpp), nats;
//   discrete  plug-in over symbols (discrete_te.hpp), nats.
//
// A TransferEntropy is prepared for one target; sources are prepared
// separately and estimated against it, so a TE matrix prepares each series
// once per role, and a surrogate test permutes a prepared source without
// re-embedding it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "lf/common/result.hpp"
#include "lf/graph/discretise.hpp"
#include "lf/graph/embedding.hpp"
#include "lf/graph/ksg_te.hpp"
#include "lf/graph/samples.hpp"

namespace lf::graph {

enum class Estimator : std::uint8_t { ksg, gaussian, discrete };

std::string_view to_string(Estimator estimator) noexcept;
// invalid_parameter for a name other than ksg, gaussian, discrete.
Result<Estimator> parse_estimator(std::string_view name);

struct TeParams {
  Estimator estimator = Estimator::ksg;
  EmbeddingParams embedding;
  KsgParams ksg;            // estimator ksg only
  DiscreteParams discrete;  // estimator discrete only

  bool operator==(const TeParams&) const = default;
};

Status check_te_params(const TeParams& params);

// A source series embedded (and normalised, noised or symbolised) for one
// estimator: one row per observation.
struct PreparedSource {
  Samples past;                      // ksg, gaussian
  std::vector<std::uint64_t> codes;  // discrete: state code per observation

  std::size_t rows() const noexcept { return codes.empty() ? past.rows() : codes.size(); }
};

// The same source with its observations reordered (order[r] = old row).
PreparedSource permute(const PreparedSource& source, std::span<const std::size_t> order);

class TransferEntropy {
 public:
  // Validates the parameters and the target (finite, not constant, long
  // enough). `stream` selects the target's noise streams (ksg noise only).
  static Result<TransferEntropy> for_target(std::span<const double> target, const TeParams& params,
                                            std::uint64_t stream = 0);

  // Validates and prepares a source of the target's length.
  // `what` names it in messages.
  Result<PreparedSource> prepare_source(std::span<const double> source,
                                        std::string_view what = "source",
                                        std::uint64_t stream = 0) const;

  // Nats. Errors only from the gaussian estimator (a source collinear with
  // the target's past).
  Result<double> estimate(const PreparedSource& source) const;

  const TeParams& params() const noexcept { return params_; }
  std::size_t series_length() const noexcept { return length_; }
  std::size_t observations() const noexcept;

  // Opaque: the estimator's conditional mutual information for this target.
  class Estimate;

 private:
  TransferEntropy(const TeParams& params, std::size_t length,
                  std::shared_ptr<const Estimate> estimate)
      : params_(params), length_(length), estimate_(std::move(estimate)) {}

  TeParams params_;
  std::size_t length_;
  std::shared_ptr<const Estimate> estimate_;  // immutable, so copies may share it
};

// TE(source → target) in nats.
Result<double> transfer_entropy(std::span<const double> source, std::span<const double> target,
                                const TeParams& params);

}  // namespace lf::graph

#include "lf/detect/bocpd.hpp"

namespace lf::detect {
namespace {

RunLengthPosterior::Options posterior_options(const BocpdDetector::Params& params) {
  return {params.prior, 1.0 / params.lambda, params.truncation, params.max_run_lengths};
}

}  // namespace

// lambda >= 2 keeps the hazard at most 1/2: with H = 1 every sample would be
// a change and no run could grow.
const std::array<ParameterSpec, 8> BocpdDetector::kParameters{{
    {"lambda", 100, 2, 1e9, false, "expected run length: the hazard of a change is 1/lambda"},
    {"prior_mean", 0, -1e6, 1e6, false, "Normal-Gamma prior: mean of the mean"},
    {"prior_kappa", 1, 1e-6, 1e6, false,
     "Normal-Gamma prior: pseudo-observations behind the prior mean"},
    {"prior_alpha", 1, 1e-6, 1e6, false, "Normal-Gamma prior: shape of the precision"},
    {"prior_beta", 1, 1e-6, 1e6, false, "Normal-Gamma prior: rate of the precision"},
    {"truncation", 1e-4, 0, 0.5, false, "run lengths less probable than this are dropped"},
    {"max_run_lengths", 100, 2, 1e6, true,
     "most run lengths kept (the most probable), run length 0 included"},
    {"min_separation", 5, 0, 1e9, true,
     "samples after the last reported change within which a new run start is its refinement"},
}};

Result<BocpdDetector::Params> BocpdDetector::params_from(std::span<const double> v) {
  return Params{v[0], NormalGammaPrior{v[1], v[2], v[3], v[4]}, v[5],
                static_cast<std::size_t>(v[6]), static_cast<std::size_t>(v[7])};
}

BocpdDetector::BocpdDetector(const Params& params)
    : params_(params), posterior_(posterior_options(params)) {}

ParameterList BocpdDetector::parameters() const {
  const std::array<double, 8> values{params_.lambda,
                                     params_.prior.mean,
                                     params_.prior.kappa,
                                     params_.prior.alpha,
                                     params_.prior.beta,
                                     params_.truncation,
                                     static_cast<double>(params_.max_run_lengths),
                                     static_cast<double>(params_.min_separation)};
  return name_parameters(kParameters, values);
}

void BocpdDetector::process(std::span<const double> values, std::size_t first_index) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    posterior_.update(values[i], timestamp_at(first_index + i));
    const auto run = posterior_.most_probable_run();
    const bool separated =
        has_change_ ? run.start > last_change_ + params_.min_separation : run.start > 0;
    if (run.length < previous_map_length_ && separated) {
      emit_at(run.start, run.start_timestamp, "change_point", Severity::warning,
              posterior_.probability_at_most(run.length));
      has_change_ = true;
      last_change_ = run.start;
    }
    previous_map_length_ = run.length;
  }
}

void BocpdDetector::clear_state() {
  posterior_.reset();
  previous_map_length_ = 0;
  has_change_ = false;
  last_change_ = 0;
}

}  // namespace lf::detect

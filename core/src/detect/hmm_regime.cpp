#include "lf/detect/hmm_regime.hpp"

#include <cstdio>
#include <string>

namespace lf::detect {

const std::array<ParameterSpec, 8> HmmRegimeDetector::kParameters{{
    {"states", 2, 2, 8, true, "hidden states (regimes) K"},
    {"warmup", 250, 20, 1e6, true, "samples the model is fitted on before filtering starts"},
    {"restarts", 4, 1, 100, true, "Baum-Welch restarts from seeded starting points"},
    {"seed", 0, 0, 4294967295.0, true, "seed of the restarts' starting points"},
    {"max_iterations", 100, 1, 10000, true, "EM iterations per restart at most"},
    {"tolerance", 1e-4, 0, 1e6, false, "log-likelihood gain below which EM has converged"},
    {"min_posterior", 0.9, 0.5, 1, false, "filtered probability a new regime needs"},
    {"persistence", 3, 1, 1e6, true, "consecutive qualifying samples before a regime change"},
}};

Result<HmmRegimeDetector::Params> HmmRegimeDetector::params_from(std::span<const double> v) {
  Params p{static_cast<std::size_t>(v[0]),
           static_cast<std::size_t>(v[1]),
           static_cast<std::size_t>(v[2]),
           static_cast<std::uint64_t>(v[3]),
           static_cast<std::size_t>(v[4]),
           v[5],
           v[6],
           static_cast<std::size_t>(v[7])};
  if (p.warmup < 10 * p.states) {
    return make_error(ErrorCode::invalid_parameter,
                      "warmup must hold at least 10 samples per state (" +
                          std::to_string(10 * p.states) + " for " + std::to_string(p.states) +
                          " states)");
  }
  return p;
}

HmmRegimeDetector::HmmRegimeDetector(const Params& params) : params_(params) {
  warmup_.reserve(params_.warmup);
}

ParameterList HmmRegimeDetector::parameters() const {
  const std::array<double, 8> values{static_cast<double>(params_.states),
                                     static_cast<double>(params_.warmup),
                                     static_cast<double>(params_.restarts),
                                     static_cast<double>(params_.seed),
                                     static_cast<double>(params_.max_iterations),
                                     params_.tolerance,
                                     params_.min_posterior,
                                     static_cast<double>(params_.persistence)};
  return name_parameters(kParameters, values);
}

std::optional<std::size_t> HmmRegimeDetector::regime() const noexcept {
  if (!filter_) return std::nullopt;
  return regime_;
}

void HmmRegimeDetector::process(std::span<const double> values, std::size_t first_index) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (filter_) {
      step(first_index + i, values[i]);
      continue;
    }
    warmup_.push_back(values[i]);
    if (warmup_.size() == params_.warmup) fit_warmup();
  }
}

void HmmRegimeDetector::fit_warmup() {
  hmm::FitOptions options;
  options.states = params_.states;
  options.restarts = params_.restarts;
  options.seed = params_.seed;
  options.max_iterations = params_.max_iterations;
  options.tolerance = params_.tolerance;
  // Parameters are range-checked and the samples finite, so the fit fails
  // only on a constant span: then the next span is tried.
  auto fitted = hmm::fit(warmup_, options);
  auto filter = fitted ? hmm::ForwardFilter::create(std::move(fitted->model))
                       : Result<hmm::ForwardFilter>(std::move(fitted).error());
  if (filter) {
    filter_ = std::move(*filter);
    for (double x : warmup_) (void)filter_->update(x);
    regime_ = filter_->map_state();
    candidate_run_ = 0;
  }
  warmup_.clear();
  warmup_.shrink_to_fit();
  if (!filter_) warmup_.reserve(params_.warmup);
}

void HmmRegimeDetector::step(std::size_t index, double x) {
  (void)filter_->update(x);  // finite, Gaussian: valid; an impossible sample is skipped
  const std::size_t state = filter_->map_state();
  const double posterior = filter_->posterior()[state];
  if (state == regime_ || posterior < params_.min_posterior) {
    candidate_run_ = 0;
    return;
  }
  candidate_run_ = state == candidate_ ? candidate_run_ + 1 : 1;
  candidate_ = state;
  if (candidate_run_ < params_.persistence) return;

  const auto& means = std::get<hmm::GaussianEmissions>(filter_->model().emissions).means;
  char detail[128];
  std::snprintf(detail, sizeof detail, "state %zu -> %zu (mean %.6g -> %.6g)", regime_, state,
                means[regime_], means[state]);
  emit(index, "regime_change", Severity::warning, posterior, detail);
  regime_ = state;
  candidate_run_ = 0;
}

void HmmRegimeDetector::clear_state() {
  warmup_.clear();
  warmup_.reserve(params_.warmup);
  filter_.reset();
  regime_ = 0;
  candidate_ = 0;
  candidate_run_ = 0;
}

}  // namespace lf::detect

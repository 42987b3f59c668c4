#include "lf/detect/run_length_posterior.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <numbers>
#include <numeric>

#include "portable_math.hpp"

namespace lf::detect {
namespace {

using portable::Batch;

// Sums run in 4 fixed lanes whatever the batch width (4 doubles with AVX2, 2
// in wasm), so both targets add in the same order; the columns are padded to
// whole blocks of 4.
constexpr std::size_t kLanes = 4;
constexpr std::size_t kBatchesPerBlock = kLanes / Batch::size;
static_assert(kLanes % Batch::size == 0, "the lane scheme needs batches dividing 4");

constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr double kLargestSample = 1e100;
constexpr double kFourPiSquared = 4.0 * std::numbers::pi * std::numbers::pi;

std::size_t round_up_to_block(std::size_t n) {
  return (n + kLanes - 1) / kLanes * kLanes;
}

Batch load(const std::vector<double>& column, std::size_t i) {
  return Batch::load_unaligned(column.data() + i);
}

void store(std::vector<double>& column, std::size_t i, const Batch& value) {
  value.store_unaligned(column.data() + i);
}

}  // namespace

RunLengthPosterior::RunLengthPosterior(const Options& options)
    : options_(options),
      log_hazard_(portable::log(options.hazard)),
      log_survival_(portable::log1p(-options.hazard)),
      log_truncation_(options.truncation > 0.0 ? portable::log(options.truncation) : -kInfinity),
      prior_log_norm_(portable::lgamma(options.prior.alpha + 0.5) -
                      portable::lgamma(options.prior.alpha) -
                      0.5 * portable::log(2.0 * std::numbers::pi * (options.prior.kappa + 1.0) /
                                          options.prior.kappa)),
      log_probability_zero_(0.0) {}

void RunLengthPosterior::reset() {
  samples_ = 0;
  runs_ = 0;
  most_probable_ = 0;
  log_probability_zero_ = 0.0;
  for (auto* column : {&log_probability_, &mean_, &kappa_, &alpha_, &beta_, &log_beta_, &log_norm_,
                       &start_timestamp_}) {
    column->clear();
  }
  start_.clear();
}

void RunLengthPosterior::update(double x, double timestamp) {
  x = std::clamp(x, -kLargestSample, kLargestSample);
  // The run of length 0 becomes the run whose first sample is x.
  append_prior_run(timestamp);
  pad_to_whole_batches();
  const double largest = log_joint_update(x);
  prune(largest + portable::log(log_sum_exp(largest)), largest);
  if (runs_ + 1 > options_.max_run_lengths) keep_most_probable(options_.max_run_lengths - 1);
  log_probability_zero_ = log_hazard_;
  ++samples_;
}

void RunLengthPosterior::append_prior_run(double timestamp) {
  for (auto* column :
       {&log_probability_, &mean_, &kappa_, &alpha_, &beta_, &log_beta_, &log_norm_}) {
    column->resize(runs_);
  }
  log_probability_.push_back(log_probability_zero_);
  mean_.push_back(options_.prior.mean);
  kappa_.push_back(options_.prior.kappa);
  alpha_.push_back(options_.prior.alpha);
  beta_.push_back(options_.prior.beta);
  log_beta_.push_back(portable::log(options_.prior.beta));
  log_norm_.push_back(prior_log_norm_);
  start_.resize(runs_);
  start_timestamp_.resize(runs_);
  start_.push_back(samples_);
  start_timestamp_.push_back(timestamp);
  ++runs_;
}

// Padding runs have probability 0 (log -inf) and unit statistics, so they
// change neither the maximum nor the sum, and never produce a NaN.
void RunLengthPosterior::pad_to_whole_batches() {
  const std::size_t padded = round_up_to_block(runs_);
  log_probability_.resize(padded, -kInfinity);
  for (auto* column : {&mean_, &log_beta_, &log_norm_}) column->resize(padded, 0.0);
  for (auto* column : {&kappa_, &alpha_, &beta_}) column->resize(padded, 1.0);
}

// Every run takes x: its log joint becomes log P(r, x_1..t-1) + log pi_r(x)
// (the growth term before the (1 - H) factor), its statistics absorb x.
double RunLengthPosterior::log_joint_update(double x) {
  const Batch sample(x), half(0.5), one(1.0), two(2.0);
  const Batch inverse_four_pi_squared(1.0 / kFourPiSquared);
  Batch largest(-kInfinity);
  for (std::size_t i = 0; i < log_probability_.size(); i += Batch::size) {
    const Batch mean = load(mean_, i), kappa = load(kappa_, i), alpha = load(alpha_, i);
    const Batch beta = load(beta_, i), log_beta = load(log_beta_, i), log_norm = load(log_norm_, i);
    const Batch deviation = sample - mean;
    const Batch next_kappa = kappa + one;
    // One division gives both 1/(kappa + 1) and 1/(kappa + 2).
    const Batch both = one / (next_kappa * (kappa + two));
    const Batch inverse_next_kappa = (kappa + two) * both;
    const Batch next_beta = beta + kappa * deviation * deviation * inverse_next_kappa * half;
    const Batch next_log_beta = xsimd::log(next_beta);
    const Batch log_predictive = log_norm + alpha * log_beta - (alpha + half) * next_log_beta;
    const Batch log_joint = load(log_probability_, i) + log_predictive;
    // lgamma(a + 1) - lgamma(a + 1/2) = log(a) - (lgamma(a + 1/2) - lgamma(a)),
    // so log_norm steps with one log instead of two lgamma:
    //   log_norm' = log(a^2 kappa / ((kappa + 2) 4 pi^2)) / 2 - log_norm.
    const Batch next_log_norm =
        half * xsimd::log(alpha * alpha * kappa * next_kappa * both * inverse_four_pi_squared) -
        log_norm;
    store(mean_, i, (kappa * mean + sample) * inverse_next_kappa);
    store(kappa_, i, next_kappa);
    store(alpha_, i, alpha + half);
    store(beta_, i, next_beta);
    store(log_beta_, i, next_log_beta);
    store(log_norm_, i, next_log_norm);
    store(log_probability_, i, log_joint);
    largest = xsimd::max(largest, log_joint);
  }
  return xsimd::reduce_max(largest);
}

// sum_r exp(log joint_r - largest), in the fixed 4-lane order.
double RunLengthPosterior::log_sum_exp(double largest) const {
  const Batch shift(largest);
  std::array<Batch, kBatchesPerBlock> sums;
  sums.fill(Batch(0.0));
  for (std::size_t i = 0; i < log_probability_.size(); i += kLanes) {
    for (std::size_t b = 0; b < kBatchesPerBlock; ++b) {
      sums[b] += xsimd::exp(load(log_probability_, i + b * Batch::size) - shift);
    }
  }
  alignas(64) std::array<double, kLanes> lanes;
  for (std::size_t b = 0; b < kBatchesPerBlock; ++b) {
    sums[b].store_aligned(lanes.data() + b * Batch::size);
  }
  return (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]);
}

// Normalises (the growth mass is 1 - H of the whole) and drops the runs below
// the truncation, keeping the most probable one whatever its probability.
void RunLengthPosterior::prune(double log_evidence, double largest) {
  const double shift = log_survival_ - log_evidence;
  std::size_t kept = 0;
  bool most_probable_seen = false;
  for (std::size_t i = 0; i < runs_; ++i) {
    const double log_probability = log_probability_[i] + shift;
    const bool is_most_probable = !most_probable_seen && log_probability_[i] == largest;
    if (log_probability < log_truncation_ && !is_most_probable) continue;
    if (is_most_probable) {
      most_probable_seen = true;
      most_probable_ = kept;
    }
    move_run(i, kept);
    log_probability_[kept] = log_probability;
    ++kept;
  }
  runs_ = kept;
}

void RunLengthPosterior::move_run(std::size_t from, std::size_t to) {
  if (from == to) return;
  mean_[to] = mean_[from];
  kappa_[to] = kappa_[from];
  alpha_[to] = alpha_[from];
  beta_[to] = beta_[from];
  log_beta_[to] = log_beta_[from];
  log_norm_[to] = log_norm_[from];
  start_[to] = start_[from];
  start_timestamp_[to] = start_timestamp_[from];
}

// Keeps the `count` most probable runs (ties: the longer run, which starts
// earlier), in their order. Starts are unique, so the order is total and the
// kept set the same on every standard library. At the cap one run is dropped
// per sample, so that case is a single scan.
void RunLengthPosterior::keep_most_probable(std::size_t count) {
  const auto less_probable = [this](std::size_t a, std::size_t b) {
    if (log_probability_[a] != log_probability_[b]) {
      return log_probability_[a] < log_probability_[b];
    }
    return start_[a] > start_[b];
  };
  if (runs_ == count + 1) {
    std::size_t least = 0;
    for (std::size_t i = 1; i < runs_; ++i)
      if (less_probable(i, least)) least = i;
    if (most_probable_ > least) --most_probable_;
    for (std::size_t i = least + 1; i < runs_; ++i) {
      move_run(i, i - 1);
      log_probability_[i - 1] = log_probability_[i];
    }
    runs_ = count;
    return;
  }
  order_.resize(runs_);
  std::iota(order_.begin(), order_.end(), std::size_t{0});
  // The runs_ - count least probable go to the front.
  const auto dropped = static_cast<std::ptrdiff_t>(runs_ - count);
  std::nth_element(order_.begin(), order_.begin() + dropped - 1, order_.end(), less_probable);
  dropped_.assign(runs_, 0);
  for (std::ptrdiff_t k = 0; k < dropped; ++k) dropped_[order_[static_cast<std::size_t>(k)]] = 1;
  std::size_t kept = 0;
  for (std::size_t i = 0; i < runs_; ++i) {
    if (dropped_[i]) continue;
    if (i == most_probable_) most_probable_ = kept;
    move_run(i, kept);
    log_probability_[kept] = log_probability_[i];
    ++kept;
  }
  runs_ = count;
}

// log of P(r = 0) + sum of the kept runs' probabilities, in a fixed order.
double RunLengthPosterior::log_normaliser() const {
  double largest = log_probability_zero_;
  for (std::size_t i = 0; i < runs_; ++i) largest = std::max(largest, log_probability_[i]);
  double sum = portable::exp(log_probability_zero_ - largest);
  for (std::size_t i = 0; i < runs_; ++i) sum += portable::exp(log_probability_[i] - largest);
  return largest + portable::log(sum);
}

std::vector<RunLengthProbability> RunLengthPosterior::distribution() const {
  const double log_normaliser_value = log_normaliser();
  std::vector<RunLengthProbability> out;
  out.reserve(runs_ + 1);
  out.push_back({0, portable::exp(log_probability_zero_ - log_normaliser_value)});
  for (std::size_t i = runs_; i-- > 0;) {
    out.push_back(
        {samples_ - start_[i], portable::exp(log_probability_[i] - log_normaliser_value)});
  }
  return out;
}

RunLengthPosterior::Run RunLengthPosterior::most_probable_run() const {
  if (runs_ == 0) return {0, samples_, 0.0};
  const std::size_t i = most_probable_;
  return {samples_ - start_[i], start_[i], start_timestamp_[i]};
}

double RunLengthPosterior::probability_at_most(std::size_t length) const {
  const double log_normaliser_value = log_normaliser();
  double sum = portable::exp(log_probability_zero_ - log_normaliser_value);
  // Runs are stored longest first: the short ones are at the back.
  for (std::size_t i = runs_; i-- > 0 && samples_ - start_[i] <= length;) {
    sum += portable::exp(log_probability_[i] - log_normaliser_value);
  }
  return sum;
}

}  // namespace lf::detect

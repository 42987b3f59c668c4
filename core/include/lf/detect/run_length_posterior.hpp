// The run-length posterior of Bayesian online change-point detection (R. P.
// Adams and D. J. C. MacKay, "Bayesian Online Changepoint Detection", 2007,
// arXiv:0710.3742) for Gaussian data of unknown mean and variance under a
// Normal-Gamma prior, with a constant hazard H.
//
// The run length r_t after sample x_t counts the samples of the current run,
// which is x_{t-r_t+1}, ..., x_t. Each sample updates the joint (A&M, eq. 3)
//   growth:  P(r_t = r + 1, x_1..t) = P(r_{t-1} = r, x_1..t-1) * pi_r(x_t) * (1 - H)
//   change:  P(r_t = 0,     x_1..t) = sum_r P(r_{t-1} = r, x_1..t-1) * pi_r(x_t) * H
// and is normalised, so P(r_t = 0) = H exactly: a run of length 0 holds no
// sample yet, and the next sample is predicted under the prior. Before the
// first sample P(r = 0) = 1.
//
// pi_r is the posterior predictive of the run's samples: a Student-t with
// 2 alpha degrees of freedom, location mu and scale^2 = beta (kappa + 1) /
// (alpha kappa), where (mu, kappa, alpha, beta) start at the prior and take
// each sample x of the run as
//   mu' = (kappa mu + x) / (kappa + 1)      kappa' = kappa + 1
//   alpha' = alpha + 1/2                     beta' = beta + kappa (x - mu)^2 / (2 (kappa + 1))
// (Murphy, "Conjugate Bayesian analysis of the Gaussian distribution", 2007,
// eqs. 86-89 and 100).
//
// Pruning bounds the cost. After each update, run lengths whose probability
// is below `truncation` are dropped, then, if more than `max_run_lengths`
// remain (run length 0 included), only the most probable are kept (ties:
// the longer run). Run length 0 and the most probable run length of at least
// one sample are never dropped. The kept run lengths are renormalised. With
// truncation 0 and max_run_lengths above the number of samples + 1 the
// posterior is exact.
//
// Cost per sample: O(kept run lengths), at most O(max_run_lengths), with two
// logs and one exp per run length (SIMD); memory O(max_run_lengths).
//
// Samples are clamped to +-1e100 so that no statistic can overflow (the
// detector is meant for z-scored data; see BocpdDetector).
#pragma once

#include <cstddef>
#include <vector>

namespace lf::detect {

// Normal-Gamma prior on a Gaussian's mean and precision: the mean is
// N(mean, 1 / (kappa * precision)), the precision Gamma(alpha, rate beta).
struct NormalGammaPrior {
  double mean = 0.0;
  double kappa = 1.0;
  double alpha = 1.0;
  double beta = 1.0;
};

struct RunLengthProbability {
  std::size_t length;  // samples in the run
  double probability;

  bool operator==(const RunLengthProbability&) const = default;
};

class RunLengthPosterior {
 public:
  struct Options {
    NormalGammaPrior prior;
    double hazard = 0.01;             // in (0, 1): 1 / expected run length
    double truncation = 1e-4;         // in [0, 1)
    std::size_t max_run_lengths = 2;  // >= 2
  };

  // Options are trusted (BocpdDetector range-checks them).
  explicit RunLengthPosterior(const Options& options);

  // Takes the next sample; `timestamp` is remembered as the start time of the
  // run that begins with it.
  void update(double x, double timestamp);

  std::size_t samples() const noexcept { return samples_; }
  // Run lengths kept, run length 0 included.
  std::size_t size() const noexcept { return runs_ + 1; }

  // The kept run lengths, shortest first (0 first), probabilities summing to 1.
  std::vector<RunLengthProbability> distribution() const;

  // The most probable run of at least one sample after the last update (ties:
  // the longer run). Meaningful only once samples() > 0.
  struct Run {
    std::size_t length;
    std::size_t start;  // stream index of its first sample: samples() - length
    double start_timestamp;
  };
  Run most_probable_run() const;

  // P(r_t <= length): the probability that the current run began at stream
  // index samples() - length or later.
  double probability_at_most(std::size_t length) const;

  void reset();

 private:
  void append_prior_run(double timestamp);
  void pad_to_whole_batches();
  double log_joint_update(double x);  // returns the largest log joint
  double log_sum_exp(double largest) const;
  void prune(double log_evidence, double largest);
  void keep_most_probable(std::size_t count);
  void move_run(std::size_t from, std::size_t to);
  double log_normaliser() const;

  Options options_;
  double log_hazard_;
  double log_survival_;          // log(1 - H)
  double log_truncation_;        // -inf when truncation is 0
  double prior_log_norm_;        // log_norm (below) of the prior
  double log_probability_zero_;  // log P(r = 0): 0 before the first sample, then log H
  std::size_t samples_ = 0;
  std::size_t runs_ = 0;           // runs of at least one sample
  std::size_t most_probable_ = 0;  // position of the most probable of them

  // One column per run of at least one sample, longest run first. The
  // numeric columns are padded to whole SIMD batches (padding: probability 0).
  // log_norm is the log of the Student-t normalising constant without beta:
  //   lgamma(alpha + 1/2) - lgamma(alpha) - log(2 pi (kappa + 1) / kappa) / 2,
  // so log pi_r(x) = log_norm + alpha log beta - (alpha + 1/2) log beta'.
  std::vector<double> log_probability_;
  std::vector<double> mean_;
  std::vector<double> kappa_;
  std::vector<double> alpha_;
  std::vector<double> beta_;
  std::vector<double> log_beta_;
  std::vector<double> log_norm_;
  std::vector<std::size_t> start_;
  std::vector<double> start_timestamp_;
  std::vector<std::size_t> order_;  // scratch for keep_most_probable
  std::vector<char> dropped_;       // scratch for keep_most_probable
};

}  // namespace lf::detect
